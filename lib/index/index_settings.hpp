#pragma once
// The analysis settings an index was built with, kept in its metadata so that searches
// (and later indexing runs) analyze text the same way without the user repeating flags.
#include <xapian.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "polysearch/analyzer.hpp"

namespace polysearch::detail {

inline constexpr std::string_view kAnalysisKey = "polysearch.analysis";
// The user dictionary's words, "word<TAB>frequency" lines (UserDictionary::parse reads it).
inline constexpr std::string_view kDictionaryKey = "polysearch.dictionary";
// The German compound splits the user decided (AnalyzerOptions::compound_dictionary), one
// entry a line, as CompoundDictionary::to_text() writes them.
inline constexpr std::string_view kCompoundDictionaryKey = "polysearch.compound_dictionary";
// IndexOptions::title_wdf, in decimal.
inline constexpr std::string_view kTitleWdfKey = "polysearch.title_wdf";

// "stemming=on fold_diacritics=on word_parts=on fold_chinese_script=on
// fold_chinese_variants=on chinese=hybrid chinese_unigrams=on", plus
// " dictionary=N" (its word count) with a user dictionary.
[[nodiscard]] std::string serialize_analysis(const AnalyzerOptions& options);

// Stores the settings (and the dictionary's words) in a new index's metadata.
void write_analysis(Xapian::WritableDatabase& db, const AnalyzerOptions& options);

// The settings stored in `db`; for an index that predates stored settings, the defaults
// of that time (Chinese words, not today's hybrid).
// @throws IndexError if the stored value cannot be read (written by a newer polysearch).
[[nodiscard]] AnalyzerOptions read_analysis(const Xapian::Database& db,
                                            const std::filesystem::path& path);

// Stores how many times title words count (IndexOptions::title_wdf) in a new index.
void write_title_wdf(Xapian::WritableDatabase& db, unsigned title_wdf);

// The title wdf stored in `db`; kLegacyTitleWdf (term_prefixes.hpp) for an index that
// predates the setting.
// @throws IndexError if the stored value is not a number from 0 to kMaxTitleWdf.
[[nodiscard]] unsigned read_title_wdf(const Xapian::Database& db,
                                      const std::filesystem::path& path);

// @throws InvalidArgument unless 0 <= title_wdf <= kMaxTitleWdf.
void check_title_wdf(unsigned title_wdf);

}  // namespace polysearch::detail
