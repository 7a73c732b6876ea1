#pragma once
// The index schema: term prefixes, value slots and metadata keys.  Defined here only.
// Prefixes follow Xapian Omega's conventions (docs/termprefixes.rst).
//
// A document with title T, text B, id I and language L is stored as:
//   Q<I>          boolean, the unique id (replace/delete by id)
//   L<code>       boolean, its language ("Lde")
//   <term>        every word of T and B, unstemmed (Token::term), with positions;
//                 title words count title_wdf times (IndexOptions::title_wdf, stored
//                 under kTitleWdfKey of index_settings.hpp; kLegacyTitleWdf without), so
//                 titles weigh more in BM25.
//                 The parts of a joined word (Token::part: d'água → água) likewise, at
//                 their word's position
//   Z<stem>       every word's stem (Token::stem), wdf only; plain query words match these.
//                 Not for Chinese words (has_own_stem_term): their stem is the word itself
//                 and no other word stems to it, so the plain term has the very same
//                 postings and statistics, and queries use it (a quarter fewer postings)
//   S<term>       title words with positions, for title:"…" phrases and title:fund*
//   ZS<stem>      title stems, for title:word
//   XB<bigram>    hybrid Chinese segmentation's sub-word bigrams and unigrams (Token::subword), wdf
//                 only, apart from the words so that they do not change words' statistics
//   XC<stem>      the stems of compounds' parts (Token::compound, AnalyzerOptions::compounds:
//                 Fußballweltmeisterschaft → XCfussball, XCweltmeisterschaft, …), wdf only,
//                 apart from the words, so that a query word weighs a part-only match less
//   values        id, title, language, source, word count, detection confidence
//   data          the text, for snippets
//
// Document fields (Document::fields), as the index's schema (polysearch/schema.hpp, stored
// as JSON under kFieldsKey with each number and date field's slot) says:
//   value kSlotFields   every field's values as written, schema or not, for Hit::fields
//                       (schema/field_values.hpp: varint-length-prefixed name, count, values)
//   XF<name>:<value>    boolean, a keyword field's value: as written, or with `fold` as the
//                       Neutral analyzer normalizes it (whatever the document's language,
//                       so that queries fold alike: kKeywordFoldLanguage)
//   value 16, 17, …     number and date fields, one slot each from kFirstFieldSlot in name
//                       order: sortable_number(number) or of the date's UTC seconds
//                       since 1970 (schema/field_values.hpp field_slots, sortable_number)
//   value +0x10000      the same fields' sortable_number(-number), to sort ascending with
//                       sort_by_value(reverse) so that documents without a value come last
//                       (Xapian sorts empty values first; its KeyMaker, which could put
//                       them last, does not work on tcp:// shards)
//   XD<name>:<date>     boolean, a date field's UTC year, month and day: XDdate:2024,
//                       XDdate:202405, XDdate:20240506 (schema/date_terms.hpp), so that a
//                       date range is an OR of the terms covering its whole days
//   value 0x20000, …    keyword fields, one slot each in name order: the document's values,
//                       folded as the terms, distinct, sorted, joined by NUL; for facets
//                       (ValueCountMatchSpy) and collapse
//   XT<name>:<term>     a text field's words with positions (after the text's, a gap
//                       between fields), for name:word and name:"a phrase"; ZXT<name>:<stem>
//                       their stems.  The words also go into the unprefixed and Z terms
//                       with wdf round(weight), so plain queries find them
//   stored fields       (not in the schema, or type stored) only in kSlotFields
// An index without a schema (kFieldsKey absent or empty) has no fields: as before schemas.
#include <xapian.h>

#include <string>
#include <string_view>

#include "polysearch/language.hpp"

namespace polysearch::detail {

inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kLanguagePrefix = "L";
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kBigramPrefix = "XB";
inline constexpr std::string_view kCompoundPartPrefix = "XC";  // XC<stem>
inline constexpr std::string_view kKeywordPrefix = "XF";       // XF<name>:<value>
inline constexpr std::string_view kTextFieldPrefix = "XT";     // XT<name>:<term>
inline constexpr std::string_view kDatePrefix = "XD";          // XD<name>:<yyyy[mm[dd]]>

// The title wdf of indexes from before IndexOptions::title_wdf (no kTitleWdfKey).
inline constexpr Xapian::termcount kLegacyTitleWdf = 3;
// Body positions start this far after the title's, so no phrase spans title and body.
inline constexpr Xapian::termpos kTitleBodyGap = 100;

inline constexpr Xapian::valueno kSlotId = 0;
inline constexpr Xapian::valueno kSlotTitle = 1;
inline constexpr Xapian::valueno kSlotLanguage = 2;
inline constexpr Xapian::valueno kSlotSource = 3;
inline constexpr Xapian::valueno kSlotWords = 4;        // sortable_serialise(word count)
inline constexpr Xapian::valueno kSlotConfidence = 5;   // sortable_serialise(0..1)
inline constexpr Xapian::valueno kSlotFields = 6;       // schema/field_values.hpp serialize_fields
inline constexpr Xapian::valueno kFirstFieldSlot = 16;  // number and date fields, in name order
inline constexpr Xapian::valueno kAscendingSortSlotOffset = 0x10000;  // their negated values
inline constexpr Xapian::valueno kFirstKeywordSlot = 0x20000;  // keyword fields, in name order
inline constexpr char kKeywordSeparator = '\0';                // between a keyword slot's values

// The index's schema (polysearch::Schema) as JSON with "slots", "keyword_slots" and
// "layout"; absent: no schema.  Not kSchemaKey, which has held the layout version since
// version 1.
inline constexpr std::string_view kFieldsKey = "polysearch.fields";
// 1: number and date slots; 2: also ascending sort slots and keyword slots; 3: negative
// numbers in sortable_number's own encoding (before, Xapian's, some out of order); 4: date
// fields also as year, month and day terms, dates in whole milliseconds.
inline constexpr int kFieldsLayout = 4;

inline constexpr std::string_view kSchemaKey = "polysearch.schema";
inline constexpr int kSchemaVersion = 1;

// Xapian terms are limited to 245 bytes; ids longer than this keep a prefix plus a hash.
inline constexpr std::size_t kMaxPlainIdBytes = 200;
inline constexpr std::size_t kMaxXapianTermBytes = 245;  // Xapian's limit on a term

// The analyzer whose normalize() folds keyword values of fields with `fold`, at indexing
// and in queries.
inline constexpr Language kKeywordFoldLanguage = Language::Neutral;

// The boolean term of a keyword field's value (already folded when the field folds).
inline std::string keyword_term(std::string_view field, std::string_view value) {
  return std::string(kKeywordPrefix).append(field).append(":").append(value);
}

// The prefix of a date field's year, month and day terms, "XD<name>:".
inline std::string date_term_prefix(std::string_view field) {
  return std::string(kDatePrefix).append(field).append(":");
}

// The prefix of a text field's words, "XT<name>:".
inline std::string text_field_prefix(std::string_view field) {
  return std::string(kTextFieldPrefix).append(field).append(":");
}

// Whether a word needs its own Z stem term: false for Chinese words (a script owned by a
// language without a stemmer), whose plain term serves as their stem term (see above).
// Writer and query builder both ask this.
bool has_own_stem_term(std::string_view term, std::string_view stem);

// The unique id term for an external id.
std::string id_term(std::string_view id);

// A query that matches no document and is not empty.  Xapian's MatchNothing is the empty
// query, which the query builder and the request's filters read as "nothing asked for", so
// a filter matching nothing (a range whose ends are the wrong way round) must not be it:
// it would drop the filter and let every document through.  The id term of the empty id,
// which no document has (ids are never empty).
inline Xapian::Query match_nothing() { return Xapian::Query(std::string(kIdPrefix)); }

inline std::string language_term(std::string_view code) {
  return std::string(kLanguagePrefix).append(code);
}

}  // namespace polysearch::detail
