#pragma once
// The user dictionary at work: picks, inside one run of Han text, the dictionary words
// that cover the most characters, for the analyzer to keep whole.

#include <unicode/unistr.h>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "polysearch/analyzer.hpp"

namespace polysearch::detail {

class DictionarySegmenter {
 public:
  // `fold_script`, `fold_variants`: fold the words to Simplified, as the analyzer folds
  // the text.
  DictionarySegmenter(const UserDictionary& dictionary, bool fold_script, bool fold_variants);

  // The non-overlapping dictionary words in text[begin, end), as unit ranges in order:
  // the most characters covered, then the fewest words, then the highest total frequency.
  // A range includes the marks and format characters that follow the word in the text.
  void choose(const icu::UnicodeString& text, int32_t begin, int32_t end,
              std::vector<std::pair<int32_t, int32_t>>& chosen);

 private:
  struct Best {
    int32_t covered = 0;  // units covered by dictionary words from here to the end
    int32_t words = 0;
    double frequency = 0;
    int32_t take = 0;  // length of the word starting here, 0 to skip one unit
    [[nodiscard]] bool better_than(const Best& other) const {
      if (covered != other.covered) return covered > other.covered;
      if (words != other.words) return words < other.words;
      return frequency > other.frequency;
    }
  };

  std::deque<std::u16string> storage_;  // owns the views in words_
  std::unordered_map<std::u16string_view, double> words_;
  std::vector<bool> starts_word_;  // UTF-16 unit → some word starts with it
  int32_t longest_ = 0;            // in units
  std::vector<Best> best_;         // scratch
};

}  // namespace polysearch::detail
