// Date terms (schema/date_terms.hpp): every date gets its UTC year, month and day, and a
// run of whole days is covered exactly, by the fewest terms.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "schema/calendar.hpp"
#include "schema/date_terms.hpp"
#include "schema/field_values.hpp"

namespace {

using polysearch::detail::covering_date_terms;
using polysearch::detail::days_from_civil;

// The days a term of covering_date_terms("d", …) stands for ("XDd:2024", "XDd:202402",
// "XDd:20240229").
std::vector<std::int64_t> days_of(const std::string& term) {
  const std::string digits = term.substr(std::string("XDd:").size());
  const int year = std::stoi(digits.substr(0, 4));
  if (digits.size() == 4) {
    std::vector<std::int64_t> days;
    for (auto day = days_from_civil(year, 1, 1); day < days_from_civil(year + 1, 1, 1); ++day)
      days.push_back(day);
    return days;
  }
  const auto month = static_cast<unsigned>(std::stoi(digits.substr(4, 2)));
  if (digits.size() == 6) {
    std::vector<std::int64_t> days;
    const int length = polysearch::detail::days_in_month(year, month);
    for (int d = 1; d <= length; ++d)
      days.push_back(days_from_civil(year, month, static_cast<unsigned>(d)));
    return days;
  }
  return {days_from_civil(year, month, static_cast<unsigned>(std::stoi(digits.substr(6, 2))))};
}

}  // namespace

TEST_CASE("date terms: a date's UTC year, month and day") {
  using polysearch::detail::date_terms;
  using polysearch::detail::parse_date;
  CHECK(date_terms("date", *parse_date("2024-05-06")) ==
        std::vector<std::string>{"XDdate:2024", "XDdate:202405", "XDdate:20240506"});
  // 23:30 at UTC-2 is the next day in UTC; 00:30 at UTC+1 the day before, across a year.
  CHECK(date_terms("d", *parse_date("2024-12-31T23:30:00-02:00")) ==
        std::vector<std::string>{"XDd:2025", "XDd:202501", "XDd:20250101"});
  CHECK(date_terms("d", *parse_date("1970-01-01T00:30:00+01:00")) ==
        std::vector<std::string>{"XDd:1969", "XDd:196912", "XDd:19691231"});
  CHECK(date_terms("d", *parse_date("0001-01-01T00:00:00+01:00"))[0] == "XDd:0000");
  CHECK(polysearch::detail::date_day(*parse_date("1969-12-31T23:59:59.999Z")) == -1);
}

TEST_CASE("date terms: whole days are covered exactly, whole months and years by one term") {
  CHECK(covering_date_terms("d", days_from_civil(2024, 1, 1), days_from_civil(2024, 12, 31)) ==
        std::vector<std::string>{"XDd:2024"});
  CHECK(covering_date_terms("d", days_from_civil(2024, 2, 1), days_from_civil(2024, 2, 29)) ==
        std::vector<std::string>{"XDd:202402"});
  CHECK(covering_date_terms("d", days_from_civil(2023, 12, 30), days_from_civil(2025, 2, 2)) ==
        std::vector<std::string>{"XDd:20231230", "XDd:20231231", "XDd:2024", "XDd:202501",
                                 "XDd:20250201", "XDd:20250202"});
  CHECK(covering_date_terms("d", 10, 9).empty());

  std::mt19937 random(20261206);
  const std::int64_t base = days_from_civil(1996, 1, 1);
  for (int round = 0; round < 3000; ++round) {
    const std::int64_t first = base + static_cast<std::int64_t>(random() % 12000);
    const std::int64_t last = first - 1 + static_cast<std::int64_t>(random() % 1500);
    CAPTURE(first);
    CAPTURE(last);
    std::multiset<std::int64_t> covered;
    std::size_t whole_years = 0, whole_months = 0;
    for (const std::string& term : covering_date_terms("d", first, last)) {
      const std::vector<std::int64_t> days = days_of(term);
      covered.insert(days.begin(), days.end());
      whole_years += term.size() == 8;
      whole_months += term.size() == 10;
    }
    std::multiset<std::int64_t> expected;
    for (std::int64_t day = first; day <= last; ++day) expected.insert(day);
    REQUIRE(covered == expected);  // every day once, none outside
    // The fewest terms: every calendar year inside is one term; a month term only where
    // its year is not whole; day terms fewer than a month at each end.
    std::size_t years_inside = 0;
    for (int year = 1990; year < 2040; ++year) {
      years_inside +=
          days_from_civil(year, 1, 1) >= first && days_from_civil(year + 1, 1, 1) - 1 <= last;
    }
    CHECK(whole_years == years_inside);
    CHECK(whole_months <= 22);
    CHECK(covering_date_terms("d", first, last).size() <= years_inside + 22 + 60);
  }
}
