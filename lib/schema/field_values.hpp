#pragma once
// Document fields (Document::fields) checked, converted and serialised as the schema
// says; the layout they take in the index is in index/term_prefixes.hpp.
#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/term_prefixes.hpp"
#include "polysearch/schema.hpp"

namespace polysearch::detail {

using FieldValues = std::map<std::string, std::vector<std::string>>;

// A number field's value: the whole text a finite double ("12", "-3.5", "1e3").
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

// A date field's value as UTC seconds since 1970: "2024-05-01" (midnight UTC) or a
// date-time with an offset, "2024-05-01T10:00:00+02:00", "2024-05-01T08:00Z" (seconds and
// fractions of a second optional, rounded to whole milliseconds).  Years 0001-9999.
[[nodiscard]] std::optional<double> parse_date(std::string_view text);

// A date without a time ("2024-05-01") is this long; as the upper end of a range it
// includes its whole day, up to its last millisecond.
inline constexpr std::size_t kDateOnlyLength = 10;

// The value slot of each number and date field: kFirstFieldSlot onwards, in name order.
[[nodiscard]] std::map<std::string, Xapian::valueno> field_slots(const Schema& schema);

// The slot holding a number or date field's negated value, to sort ascending with the
// documents without the field last (term_prefixes.hpp).
[[nodiscard]] inline Xapian::valueno ascending_sort_slot(Xapian::valueno value_slot) {
  return value_slot + kAscendingSortSlotOffset;
}

// A number as the value slots of number and date fields hold it, in an encoding whose byte
// order is the numbers' order (Xapian compares values as bytes), never empty; and back.
// Numbers >= 0 are Xapian::sortable_serialise's, but not negative ones: Xapian 1.4 orders
// some of those wrongly (-90161285 after -90161284, and one date's negation after a date
// seconds later, so ascending date sorts, which sort negations, were out of order).  A
// negative number is the 8 bytes, big-endian, of its IEEE 754 bits inverted: their first
// byte is below 0x80, where every sortable_serialise of a number >= 0 starts.
[[nodiscard]] std::string sortable_number(double value);
[[nodiscard]] double sortable_number_value(std::string_view encoded);

// The value slot of each keyword field: kFirstKeywordSlot onwards, in name order.
[[nodiscard]] std::map<std::string, Xapian::valueno> keyword_slots(const Schema& schema);

// A keyword field's values (already folded when the field folds) as kept in its slot, for
// facets and collapse: distinct, sorted, joined by kKeywordSeparator; and back.
[[nodiscard]] std::string join_keywords(std::vector<std::string> values);
[[nodiscard]] std::vector<std::string> split_keywords(std::string_view joined);

// A number or date field's value for its slot (sortable_number): the number, or the date's
// UTC seconds; nullopt if it does not parse.  As a range's upper end (`upper`), a
// date without a time takes in its whole day.
[[nodiscard]] std::optional<double> field_number(FieldType type, std::string_view text,
                                                 bool upper = false);

// The same number or date, as a string: shortest round-trip decimal for numbers, ISO 8601
// in UTC for dates ("2024-05-01", or "2024-05-01T08:00:00Z" when not midnight).
[[nodiscard]] std::string format_field_number(FieldType type, double value);

// Checks every field of a document against the schema.  @throws InputError naming the
// field and the value: a reserved or empty name, a number or date that does not parse, a
// number or date field with several values, a keyword value too long for a term.
void validate_fields(const FieldValues& fields, const Schema& schema);

// All values as written, in one string (kSlotFields), and back.
[[nodiscard]] std::string serialize_fields(const FieldValues& fields);
[[nodiscard]] FieldValues parse_fields(std::string_view serialised);

// The schema as stored in an index (kFieldsKey): to_json() plus each number, date and
// keyword field's slot; and read back.  @throws IndexError when the stored text cannot be
// read or its slots are not the ones this polysearch assigns (written by a newer one).
[[nodiscard]] std::string stored_schema(const Schema& schema);
struct StoredSchema {
  Schema schema;
  // Written with keyword slots and ascending sort slots (kFieldsLayout 2).  An index made
  // before (layout 1) filters but cannot sort, facet or collapse.
  bool sortable = true;
  // Date fields also as year, month and day terms (kFieldsLayout 4, schema/date_terms.hpp).
  // Before, date ranges read values.
  bool date_terms = true;
};
[[nodiscard]] StoredSchema read_stored_schema(std::string_view stored, const std::string& path);

}  // namespace polysearch::detail
