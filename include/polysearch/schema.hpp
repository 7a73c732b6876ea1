#pragma once
/// @file
/// A schema: the fields of an index's documents besides id, title, text, language and
/// source, and what each is for (searching, filtering, returning).

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "polysearch/analyzer.hpp"
#include "polysearch/export.hpp"
#include "polysearch/language.hpp"

namespace polysearch {

/// What a field of a document is for.
enum class FieldType {
  Text,     ///< analyzed like the text, searchable as `name:word` and `name:"a phrase"`
  Keyword,  ///< exact values (one or several), for filters such as `category:sport`
  Number,   ///< one finite number, for range filters such as `price:10..20`
  Date,     ///< one ISO 8601 date or date-time, for ranges such as `date:2024-01-01..`
  Stored,   ///< returned with hits, not searchable
};

/// The name of a field type in a schema's JSON: "text", "keyword", "number", "date" or
/// "stored".
[[nodiscard]] POLYSEARCH_API std::string_view to_string(FieldType type);

/// How one field is indexed.
struct FieldSpec {
  FieldType type = FieldType::Stored;  ///< what the field is for
  /// Text fields: how much the field's words count relative to the text's (rounded to a
  /// whole number of occurrences, at least 1).
  double weight = 1.0;
  /// Text fields: the language to analyze the field in; unset: the document's.
  std::optional<Language> language;
  /// Keyword fields: match values whatever their case, diacritics and Chinese script
  /// (folded as the index's analyzer folds words); off: values match exactly.
  bool fold = false;

  /// Whether two specifications are the same.
  [[nodiscard]] POLYSEARCH_API bool operator==(const FieldSpec& other) const;
  /// Whether two specifications differ.
  [[nodiscard]] bool operator!=(const FieldSpec& other) const { return !(*this == other); }
};

/// The fields of an index's documents, by name.  Given when an index is created
/// (IndexOptions::schema) and stored in it; an index without one has none (a document's
/// other fields are then stored and returned, not searchable).
///
/// Field names are made of `a`-`z`, `0`-`9` and `_`, and are none of id, title, text,
/// body, lang and source.
struct Schema {
  /// The fields, by name.
  std::map<std::string, FieldSpec> fields;

  /// Reads a schema from JSON:
  /// `{"fields": {"date": {"type": "date"}, "category": {"type": "keyword", "fold": true},
  /// "summary": {"type": "text", "weight": 2, "language": "de"}}}`.
  /// @throws InvalidArgument with a one-line message for text that is not JSON, an unknown
  ///         type or option, an option of another type's, or a bad field name.
  [[nodiscard]] POLYSEARCH_API static Schema from_json(std::string_view json);

  /// The schema as JSON, in the form from_json() reads (one line, fields by name).
  [[nodiscard]] POLYSEARCH_API std::string to_json() const;

  /// The specification of a field, or null if the schema has no field of that name.
  [[nodiscard]] POLYSEARCH_API const FieldSpec* find(std::string_view name) const;

  /// Whether two schemas have the same fields, specified alike.
  [[nodiscard]] POLYSEARCH_API bool operator==(const Schema& other) const;
  /// Whether two schemas differ.
  [[nodiscard]] bool operator!=(const Schema& other) const { return !(*this == other); }
};

/// How a keyword field with `fold` indexes and matches a value: case-folded, diacritics
/// and Chinese script folded as `analysis` folds words (the index's settings), whatever
/// the document's language.  Values of fields without `fold` match as written.
[[nodiscard]] POLYSEARCH_API std::string fold_keyword(std::string_view value,
                                                      const AnalyzerOptions& analysis = {});

/// Whether a field name may be used in a schema (see Schema).
[[nodiscard]] POLYSEARCH_API bool is_valid_field_name(std::string_view name);

}  // namespace polysearch
