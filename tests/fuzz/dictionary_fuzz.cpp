// Fuzz target: user dictionaries (UserDictionary::parse) and the segmentation that uses them.
//
// Input: a dictionary file (any bytes): one word a line, an optional frequency after it,
// '#' comments.
//
// Checked: a bad file gives InputError naming the source and a byte offset inside the
// input, and nothing else; a parsed dictionary holds only valid UTF-8 words with positive,
// finite frequencies; a Chinese analyzer using it (words and hybrid segmentation) keeps the
// token invariants on the input itself and on all its words run together; and each word on
// its own comes out as one whole word -- what a user dictionary promises.
#include <cmath>
#include <memory>
#include <string>

#include "fuzz_support.hpp"
#include "polysearch/error.hpp"
#include "polysearch/language.hpp"

namespace {

using polysearch::Analyzer;
using polysearch::AnalyzerOptions;
using polysearch::ChineseSegmentation;
using polysearch::Language;
using polysearch::Token;
using polysearch::UserDictionary;

void check_analysis(Analyzer& analyzer, std::string_view text) {
  if (!polysearch::fuzz::is_valid_utf8(text)) return;
  polysearch::fuzz::check_tokens(text, analyzer.analyze(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = polysearch::fuzz::as_text(data, size);
  auto dictionary = std::make_shared<UserDictionary>();
  try {
    *dictionary = UserDictionary::parse(input, "fuzz.dict");
  } catch (const polysearch::InputError& error) {
    POLYSEARCH_FUZZ_CHECK(error.byte_offset() <= input.size());
    POLYSEARCH_FUZZ_CHECK(std::string_view(error.what()).rfind("fuzz.dict:", 0) == 0);
    return 0;
  }
  if (dictionary->empty()) return 0;
  std::string all_words;
  for (const auto& [word, frequency] : dictionary->words()) {
    POLYSEARCH_FUZZ_CHECK(polysearch::fuzz::is_valid_utf8(word));
    POLYSEARCH_FUZZ_CHECK(frequency > 0 && std::isfinite(frequency));
    all_words += word;
  }

  AnalyzerOptions options;
  options.chinese.dictionary = dictionary;
  options.chinese.segmentation = ChineseSegmentation::Words;
  Analyzer words(Language::Chinese, options);
  options.chinese.segmentation = ChineseSegmentation::Hybrid;
  Analyzer hybrid(Language::Chinese, options);
  for (Analyzer* analyzer : {&words, &hybrid}) {
    check_analysis(*analyzer, input);
    check_analysis(*analyzer, all_words);
  }
  std::size_t checked = 0;
  for (const auto& entry : dictionary->words()) {
    if (++checked > 64) break;  // enough, and bounded time per input
    const std::string& word = entry.first;
    const std::vector<Token> tokens = words.analyze(word);
    POLYSEARCH_FUZZ_CHECK(tokens.size() == 1);
    POLYSEARCH_FUZZ_CHECK(tokens.front().begin == 0 && tokens.front().end == word.size());
  }
  return 0;
}
