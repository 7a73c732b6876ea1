#include "search/date_range.hpp"

#include <algorithm>
#include <vector>

#include "index/term_prefixes.hpp"
#include "schema/date_terms.hpp"
#include "schema/field_values.hpp"

namespace polysearch::detail {

Xapian::Query date_range_query(const std::string& field, Xapian::valueno slot,
                               std::optional<double> low, std::optional<double> high,
                               const Xapian::Database& db) {
  // Ends beyond the years of the field's lowest and highest values in the index move to
  // those years' ends, so that "date:1900-01-01.." is not an OR of a century of year terms
  // (a year's term covers any earlier end).  Value bounds are kept per slot by every
  // backend, tcp:// included (conservative after deletions: at worst a few terms more).
  const std::string lowest = db.get_value_lower_bound(slot);
  if (lowest.empty()) return match_nothing();  // no document has the field
  const double first_year =
      day_first_millisecond(first_day_of_year(date_day(sortable_number_value(lowest))));
  const double last_year = day_last_millisecond(
      last_day_of_year(date_day(sortable_number_value(db.get_value_upper_bound(slot)))));
  low = low ? std::max(*low, first_year) : first_year;
  high = high ? std::min(*high, last_year) : last_year;
  if (*low > *high) return match_nothing();
  std::int64_t first = date_day(*low);
  std::int64_t last = date_day(*high);
  std::vector<Xapian::Query> parts;
  // Part of a day: its day term, and the value within from..to.
  const auto partial_day = [&](std::int64_t day, double from, double to) {
    parts.emplace_back(Xapian::Query::OP_AND, Xapian::Query(day_term(field, day)),
                       Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, sortable_number(from),
                                     sortable_number(to)));
  };
  const bool whole_first = *low <= day_first_millisecond(first);
  const bool whole_last = *high >= day_last_millisecond(last);
  if (first == last) {
    if (!whole_first || !whole_last) {
      partial_day(first, *low, *high);
      return parts.front();
    }
  } else {
    if (!whole_first) {
      partial_day(first, *low, day_last_millisecond(first));
      ++first;
    }
    if (!whole_last) {
      partial_day(last, day_first_millisecond(last), *high);
      --last;
    }
  }
  for (std::string& term : covering_date_terms(field, first, last)) {
    parts.emplace_back(std::move(term));
  }
  if (parts.empty()) return match_nothing();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace polysearch::detail
