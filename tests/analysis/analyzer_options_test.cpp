// AnalyzerOptions: each analysis step can be switched off, and Chinese can be cut into
// character bigrams instead of dictionary words.
#include <doctest/doctest.h>

#include <algorithm>

#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "support/test_support.hpp"

using polysearch::Analyzer;
using polysearch::AnalyzerOptions;
using polysearch::ChineseSegmentation;
using polysearch::Language;
using polysearch::Token;
using polysearch::test::check_token_invariants;
using polysearch::test::stems_of;
using polysearch::test::terms_of;
using Strings = std::vector<std::string>;

namespace {

std::vector<Token> analyze(Language language, const AnalyzerOptions& options,
                           std::string_view text) {
  Analyzer analyzer(language, options);
  std::vector<Token> tokens = analyzer.analyze(text);
  check_token_invariants(text, tokens);
  return tokens;
}

AnalyzerOptions bigrams() {
  AnalyzerOptions options;
  options.chinese.segmentation = ChineseSegmentation::Bigrams;
  return options;
}

std::vector<std::uint32_t> positions_of(const std::vector<Token>& tokens) {
  std::vector<std::uint32_t> positions;
  for (const Token& token : tokens) positions.push_back(token.position);
  return positions;
}

std::string slice(std::string_view text, const Token& token) {
  return std::string(text.substr(token.begin, token.end - token.begin));
}

}  // namespace

TEST_CASE("analysis options: the defaults are the full pipeline") {
  const AnalyzerOptions options;
  CHECK(options.stemming);
  CHECK(options.fold_diacritics);
  CHECK(options.chinese.fold_script);
  CHECK(options.chinese.fold_variants);
  CHECK(options.chinese.segmentation == ChineseSegmentation::Hybrid);
  CHECK(Analyzer(Language::German).options() == options);
}

TEST_CASE("analysis options: without stemming the stem is the term") {
  AnalyzerOptions options;
  options.stemming = false;
  const auto tokens = analyze(Language::Spanish, options, "Las fundaciones contratación");
  CHECK(terms_of(tokens) == Strings{"las", "fundaciones", "contratacion"});
  CHECK(stems_of(tokens) == terms_of(tokens));
  CHECK(tokens[0].stopword);  // stop words do not depend on stemming
}

TEST_CASE("analysis options: without diacritic folding accents stay in terms and stems") {
  AnalyzerOptions options;
  options.fold_diacritics = false;
  options.compounds = false;  // words whole: Gruendung is no compound to split
  const auto spanish = analyze(Language::Spanish, options, "Contratación contratacion");
  CHECK(terms_of(spanish) == Strings{"contratación", "contratacion"});
  // Without the accent restoration the unaccented form no longer stems alike.
  CHECK(stems_of(spanish) == Strings{"contrat", "contratacion"});
  const auto german = analyze(Language::German, options, "Gründung Gruendung für");
  CHECK(terms_of(german) == Strings{"gründung", "gruendung", "für"});
  // Snowball's German stemmer drops umlauts itself; the digraph form stays apart.
  CHECK(stems_of(german) == Strings{"grundung", "gruendung", "fur"});
  CHECK(german[2].stopword);  // the stop list is built the same way
}

TEST_CASE("analysis options: Chinese script folding can be switched off") {
  AnalyzerOptions options;
  options.chinese.fold_script = false;
  options.chinese.segmentation = ChineseSegmentation::Words;
  CHECK(terms_of(analyze(Language::Chinese, options, "告別")) == Strings{"告別"});
  options.chinese.fold_script = true;
  CHECK(terms_of(analyze(Language::Chinese, options, "告別")) == Strings{"告别"});
}

TEST_CASE("analysis options: variant folding makes 牠 and 它 one term, and can be switched off") {
  AnalyzerOptions options;
  options.chinese.segmentation = ChineseSegmentation::Words;
  const std::string text = "牠們";
  const auto folded = analyze(Language::Chinese, options, text);
  CHECK(terms_of(folded) == terms_of(analyze(Language::Chinese, options, "它们")));
  CHECK(slice(text, folded[0]) == "牠們");  // offsets still point into the original
  options.chinese.fold_variants = false;
  CHECK(terms_of(analyze(Language::Chinese, options, text)) != terms_of(folded));
}

TEST_CASE("analysis options: bigrams overlap across a Han run, one position each") {
  const std::string text = "清華大學在北京。我 好";
  const auto tokens = analyze(Language::Chinese, bigrams(), text);
  CHECK(terms_of(tokens) == Strings{"清华", "华大", "大学", "学在", "在北", "北京", "我", "好"});
  CHECK(positions_of(tokens) == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(slice(text, tokens[0]) == "清華");  // offsets point into the original script
  CHECK(slice(text, tokens[5]) == "北京");
}

TEST_CASE("analysis options: bigram mode leaves Latin words and numbers as words") {
  const std::string text = "PyTorch之父 Soumith 告別meta, 24小時";
  const auto tokens = analyze(Language::Chinese, bigrams(), text);
  CHECK(terms_of(tokens) == Strings{"pytorch", "之父", "soumith", "告别", "meta", "24", "小时"});
}

TEST_CASE("analysis options: a query cut differently still shares bigrams with the text") {
  Analyzer analyzer(Language::Chinese, bigrams());
  const auto text = terms_of(analyzer.analyze("清华大学的学生"));
  for (const std::string& term : terms_of(analyzer.analyze("清华"))) {
    CHECK(std::find(text.begin(), text.end(), term) != text.end());
  }
}

TEST_CASE("analysis options: segmentation names round-trip and unknown ones are refused") {
  for (auto mode : {ChineseSegmentation::Words, ChineseSegmentation::Bigrams}) {
    CHECK(polysearch::parse_chinese_segmentation(polysearch::to_string(mode)) == mode);
  }
  CHECK_THROWS_AS((void)polysearch::parse_chinese_segmentation("trigrams"),
                  polysearch::InvalidArgument);
}
