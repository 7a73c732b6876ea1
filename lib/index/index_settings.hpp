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

// "stemming=on fold_diacritics=on fold_chinese_script=on chinese=words"
[[nodiscard]] std::string serialize_analysis(const AnalyzerOptions& options);

// The settings stored in `db`; the defaults for an index that predates stored settings.
// @throws IndexError if the stored value cannot be read (written by a newer polysearch).
[[nodiscard]] AnalyzerOptions read_analysis(const Xapian::Database& db,
                                            const std::filesystem::path& path);

}  // namespace polysearch::detail
