#pragma once
// A range filter on a date field of an index with date terms (fields layout 4,
// schema/date_terms.hpp): the OR of the year, month and day terms covering its whole days,
// with OP_VALUE_RANGE only within the partial days at its ends.
#include <xapian.h>

#include <optional>
#include <string>

namespace polysearch::detail {

// Documents whose date field `field` (value slot `slot`) lies in low..high (UTC seconds,
// inclusive; an open end is the field's lowest or highest value in `db`).  Never the empty
// query: a range that cannot match is match_nothing().
[[nodiscard]] Xapian::Query date_range_query(const std::string& field, Xapian::valueno slot,
                                             std::optional<double> low, std::optional<double> high,
                                             const Xapian::Database& db);

}  // namespace polysearch::detail
