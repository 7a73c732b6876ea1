#include "schema/date_terms.hpp"

#include <cmath>
#include <cstdio>

#include "index/term_prefixes.hpp"
#include "schema/calendar.hpp"

namespace polysearch::detail {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t quotient = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient;
}

struct CivilDate {
  std::int64_t year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

CivilDate civil(std::int64_t day) {
  CivilDate date;
  civil_from_days(day, date.year, date.month, date.day);
  return date;
}

// "XD<field>:" followed by the year (4 digits), year and month (6) or the date (8).
std::string term(std::string_view field, const CivilDate& date, int digits) {
  char buffer[32];
  const auto year = static_cast<long long>(date.year);
  if (digits == 4) {
    std::snprintf(buffer, sizeof buffer, "%04lld", year);
  } else if (digits == 6) {
    std::snprintf(buffer, sizeof buffer, "%04lld%02u", year, date.month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04lld%02u%02u", year, date.month, date.day);
  }
  return date_term_prefix(field).append(buffer);
}

}  // namespace

std::int64_t date_millis(double seconds) { return std::llround(seconds * 1000.0); }

double date_seconds(std::int64_t millis) { return static_cast<double>(millis) / 1000.0; }

std::int64_t date_day(double seconds) { return floor_div(date_millis(seconds), kMillisPerDay); }

double day_first_millisecond(std::int64_t day) { return date_seconds(day * kMillisPerDay); }

double day_last_millisecond(std::int64_t day) {
  return date_seconds(day * kMillisPerDay + kMillisPerDay - 1);
}

std::int64_t first_day_of_year(std::int64_t day) { return days_from_civil(civil(day).year, 1, 1); }

std::int64_t last_day_of_year(std::int64_t day) {
  return days_from_civil(civil(day).year + 1, 1, 1) - 1;
}

std::vector<std::string> date_terms(std::string_view field, double seconds) {
  const CivilDate date = civil(date_day(seconds));
  return {term(field, date, 4), term(field, date, 6), term(field, date, 8)};
}

std::string day_term(std::string_view field, std::int64_t day) {
  return term(field, civil(day), 8);
}

std::vector<std::string> covering_date_terms(std::string_view field, std::int64_t first,
                                             std::int64_t last) {
  std::vector<std::string> terms;
  for (std::int64_t day = first; day <= last;) {
    const CivilDate date = civil(day);
    if (date.day == 1) {
      if (date.month == 1) {
        const std::int64_t next_year = days_from_civil(date.year + 1, 1, 1);
        if (next_year - 1 <= last) {
          terms.push_back(term(field, date, 4));
          day = next_year;
          continue;
        }
      }
      const std::int64_t next_month = day + days_in_month(date.year, date.month);
      if (next_month - 1 <= last) {
        terms.push_back(term(field, date, 6));
        day = next_month;
        continue;
      }
    }
    terms.push_back(term(field, date, 8));
    ++day;
  }
  return terms;
}

}  // namespace polysearch::detail
