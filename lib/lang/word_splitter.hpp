#pragma once
// How a language that writes compounds as one word (German: Fußballweltmeisterschaft)
// cuts such a word into the parts that are also indexed at its position
// (AnalyzerOptions::compounds).  The analyzer asks its language's splitter about every word
// of its own script; LanguageProfile::make_word_splitter makes one per analyzer.

#include <unicode/unistr.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace polysearch::detail {

// A word's analysis as a compound, in code points of the word.
struct CompoundAnalysis {
  std::vector<int32_t> cuts;  // where its smallest parts meet, ascending; empty: no compound
  int32_t head = 0;           // where the immediate head begins (one of `cuts`); 0: none
  bool ambiguous = false;     // two splits equally likely (Wach|stube, Wachs|tube): left whole
  // Every constituent of the bracketing but the whole word, as [begin, end): the modifier
  // and the head, then theirs, and so on down to the smallest parts.
  std::vector<std::pair<int32_t, int32_t>> constituents;
};

class WordSplitter {
 public:
  virtual ~WordSplitter() = default;

  // The parts of the word text[begin, end), as written (case and ß as in the text), in
  // UTF-16 units of `text`: every constituent of the compound except the whole word, the
  // immediate head among them (Fußballweltmeisterschaft → Fußball, weltmeisterschaft,
  // Fuß, ball, welt, meisterschaft).  Empty for a word that is no compound, or whose
  // split is in doubt.
  virtual void split(const icu::UnicodeString& text, int32_t begin, int32_t end,
                     std::vector<std::pair<int32_t, int32_t>>& parts) = 0;

  // The analysis of one word as written, in code points of the word.
  virtual const CompoundAnalysis& analyze(const icu::UnicodeString& word) = 0;
};

}  // namespace polysearch::detail
