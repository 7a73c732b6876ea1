#pragma once
// The index schema: term prefixes, value slots and metadata keys.  Defined here only.
// Prefixes follow Xapian Omega's conventions (docs/termprefixes.rst).
//
// A document with title T, text B, id I and language L is stored as:
//   Q<I>          boolean, the unique id (replace/delete by id)
//   L<code>       boolean, its language ("Lde")
//   <term>        every word of T and B, unstemmed (Token::term), with positions;
//                 title words count kTitleWdf times, so titles weigh more in BM25.
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
//   values        id, title, language, source, word count, detection confidence
//   data          the text, for snippets
#include <xapian.h>

#include <string>
#include <string_view>

namespace polysearch::detail {

inline constexpr std::string_view kIdPrefix = "Q";
inline constexpr std::string_view kLanguagePrefix = "L";
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kTitlePrefix = "S";
inline constexpr std::string_view kBigramPrefix = "XB";

inline constexpr Xapian::termcount kTitleWdf = 3;
// Body positions start this far after the title's, so no phrase spans title and body.
inline constexpr Xapian::termpos kTitleBodyGap = 100;

inline constexpr Xapian::valueno kSlotId = 0;
inline constexpr Xapian::valueno kSlotTitle = 1;
inline constexpr Xapian::valueno kSlotLanguage = 2;
inline constexpr Xapian::valueno kSlotSource = 3;
inline constexpr Xapian::valueno kSlotWords = 4;       // sortable_serialise(word count)
inline constexpr Xapian::valueno kSlotConfidence = 5;  // sortable_serialise(0..1)

inline constexpr std::string_view kSchemaKey = "polysearch.schema";
inline constexpr int kSchemaVersion = 1;

// Xapian terms are limited to 245 bytes; ids longer than this keep a prefix plus a hash.
inline constexpr std::size_t kMaxPlainIdBytes = 200;

// Whether a word needs its own Z stem term: false for Chinese words (a script owned by a
// language without a stemmer), whose plain term serves as their stem term (see above).
// Writer and query builder both ask this.
bool has_own_stem_term(std::string_view term, std::string_view stem);

// The unique id term for an external id.
std::string id_term(std::string_view id);

inline std::string language_term(std::string_view code) {
  return std::string(kLanguagePrefix).append(code);
}

}  // namespace polysearch::detail
