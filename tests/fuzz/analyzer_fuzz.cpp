// Fuzz target: Analyzer::analyze, segment and normalize, for every language and option.
//
// Input: one selector byte, then the text (any bytes).  selector % 5 picks the language
// (und, de, es, pt, zh); selector / 5 picks the options: % 3 the Chinese segmentation
// (hybrid, words, bigrams), then one bit each to turn off stemming, accent folding,
// Traditional→Simplified folding and variant folding.  Selector 0..4 is the default
// analyzer of each language.
//
// Checked: invalid UTF-8 gives InputError at the offset find_invalid_utf8 reports and
// nothing else; valid text never throws; tokens satisfy the invariants of
// check_token_invariants; analyzing again gives the same tokens (no state leaks from one
// call into the next); segments are in order, non-overlapping and on character boundaries;
// normalize() returns valid UTF-8.
#include <map>
#include <memory>

#include "fuzz_support.hpp"
#include "polysearch/error.hpp"
#include "polysearch/language.hpp"

namespace {

using polysearch::Analyzer;
using polysearch::AnalyzerOptions;
using polysearch::ChineseSegmentation;
using polysearch::Language;
using polysearch::Token;

constexpr Language kLanguages[] = {Language::Neutral, Language::German, Language::Spanish,
                                   Language::Portuguese, Language::Chinese};
constexpr ChineseSegmentation kModes[] = {ChineseSegmentation::Hybrid, ChineseSegmentation::Words,
                                          ChineseSegmentation::Bigrams};

// Analyzers are costly to make (ICU break iterators, stop lists): one per selector, kept.
Analyzer& analyzer_for(std::uint8_t selector) {
  static std::map<std::uint8_t, std::unique_ptr<Analyzer>> cache;
  std::unique_ptr<Analyzer>& slot = cache[selector];
  if (!slot) {
    const unsigned options_bits = selector / 5u;
    AnalyzerOptions options;
    options.chinese.segmentation = kModes[options_bits % 3u];
    const unsigned flags = options_bits / 3u;
    options.stemming = (flags & 1u) == 0;
    options.fold_diacritics = (flags & 2u) == 0;
    options.chinese.fold_script = (flags & 4u) == 0;
    options.chinese.fold_variants = (flags & 8u) == 0;
    slot = std::make_unique<Analyzer>(kLanguages[selector % 5u], options);
  }
  return *slot;
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].term != b[i].term || a[i].stem != b[i].stem || a[i].begin != b[i].begin ||
        a[i].end != b[i].end || a[i].position != b[i].position || a[i].stopword != b[i].stopword ||
        a[i].subword != b[i].subword) {
      return false;
    }
  }
  return true;
}

void check_segments(std::string_view text, const std::vector<polysearch::Segment>& segments) {
  std::size_t previous_end = 0;
  for (const polysearch::Segment& s : segments) {
    POLYSEARCH_FUZZ_CHECK(s.begin < s.end);
    POLYSEARCH_FUZZ_CHECK(s.end <= text.size());
    POLYSEARCH_FUZZ_CHECK(s.begin >= previous_end);
    POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::on_boundary(text, s.begin));
    POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::on_boundary(text, s.end));
    previous_end = s.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Analyzer& analyzer = analyzer_for(data[0]);
  const std::string_view text = polysearch::fuzz::as_text(data + 1, size - 1);
  const auto invalid = polysearch::find_invalid_utf8(text);

  std::vector<Token> tokens;
  try {
    tokens = analyzer.analyze(text);
  } catch (const polysearch::InputError& error) {
    POLYSEARCH_FUZZ_CHECK(invalid.has_value());
    POLYSEARCH_FUZZ_CHECK(error.byte_offset() == invalid->offset);
    return 0;
  }
  POLYSEARCH_FUZZ_CHECK(!invalid.has_value());
  polysearch::fuzz::check_tokens(text, tokens);
  for (const Token& token : tokens) {
    POLYSEARCH_FUZZ_CHECK(analyzer.is_stopword(token.term) == token.stopword);
  }

  // The same analyzer, again, through the overload that reuses the caller's vector.
  static std::vector<Token> again;
  analyzer.analyze(text, again);
  POLYSEARCH_FUZZ_CHECK(same_tokens(tokens, again));

  check_segments(text, analyzer.segment(text));
  POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::is_valid_utf8(analyzer.normalize(text)));
  return 0;
}
