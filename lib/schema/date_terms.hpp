#pragma once
// Date fields are indexed as a value (for sorting, facets and the partial days of a range)
// and also as boolean terms of their UTC year, month and day: XD<name>:2024,
// XD<name>:202405, XD<name>:20240506 (term_prefixes.hpp).  A date range is then an OR of
// the fewest such terms covering its whole days, a posting-list read like a keyword filter,
// where OP_VALUE_RANGE reads the value of every candidate (1.28x the unfiltered time
// against 0.98x for a keyword filter, docs/BENCHMARKS.md "Fields: filters, sort, facets").
//
// Dates are kept to whole milliseconds (parse_date rounds), so that "the last millisecond
// of a day" is exact and a range's whole days are known without reading values.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace polysearch::detail {

inline constexpr std::int64_t kMillisPerDay = 86'400'000;

// A date field's value (UTC seconds since 1970, whole milliseconds) as milliseconds, and
// back.  Every date value and range end goes through date_seconds, so equal milliseconds
// give equal doubles and comparisons agree with those of the milliseconds.
[[nodiscard]] std::int64_t date_millis(double seconds);
[[nodiscard]] double date_seconds(std::int64_t millis);

// The UTC day (days since 1970-01-01) of a date; its first and last millisecond.
[[nodiscard]] std::int64_t date_day(double seconds);
[[nodiscard]] double day_first_millisecond(std::int64_t day);
[[nodiscard]] double day_last_millisecond(std::int64_t day);

// The first and last day of the year of a day.
[[nodiscard]] std::int64_t first_day_of_year(std::int64_t day);
[[nodiscard]] std::int64_t last_day_of_year(std::int64_t day);

// The year, month and day terms of a date of the field.
[[nodiscard]] std::vector<std::string> date_terms(std::string_view field, double seconds);

// The day term of a UTC day.
[[nodiscard]] std::string day_term(std::string_view field, std::int64_t day);

// The fewest year, month and day terms that together match the days first..last
// (inclusive; none when first > last): whole years as year terms, whole months as month
// terms, the rest day by day.
[[nodiscard]] std::vector<std::string> covering_date_terms(std::string_view field,
                                                           std::int64_t first, std::int64_t last);

}  // namespace polysearch::detail
