#pragma once
// Putting accents back on word endings, for languages whose Snowball stemmer recognizes
// suffixes only with their accent (Spanish, Portuguese).  The tables live in each
// language's file; this is the shared matching.

#include <cstddef>
#include <string>
#include <string_view>

namespace polysearch::detail {

struct AccentedEnding {
  std::string_view plain;     // as the accent-folded word ends
  std::string_view accented;  // what the stemmer should see instead
};

// Replaces the longest of `endings` that `word` ends with by its accented form, unless
// fewer than `min_stem_bytes` bytes would remain before it ("tio", "ira" stay as typed).
void restore_accented_ending(std::string& word, const AccentedEnding* endings, std::size_t count,
                             std::size_t min_stem_bytes);

template <std::size_t N>
void restore_accented_ending(std::string& word, const AccentedEnding (&endings)[N],
                             std::size_t min_stem_bytes) {
  restore_accented_ending(word, endings, N, min_stem_bytes);
}

}  // namespace polysearch::detail
