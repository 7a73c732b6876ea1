// Chinese segmentation: Analyzer::segment, the hybrid mode, folding before segmenting,
// and the user dictionary.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "support/test_support.hpp"

using polysearch::Analyzer;
using polysearch::AnalyzerOptions;
using polysearch::ChineseSegmentation;
using polysearch::Language;
using polysearch::Token;
using polysearch::UserDictionary;

namespace {

AnalyzerOptions with_mode(ChineseSegmentation mode) {
  AnalyzerOptions options;
  options.chinese.segmentation = mode;
  return options;
}

// Hybrid with words and bigrams only, as indexes before ChineseOptions::unigrams.
AnalyzerOptions hybrid_without_unigrams() {
  AnalyzerOptions options = with_mode(ChineseSegmentation::Hybrid);
  options.chinese.unigrams = false;
  return options;
}

AnalyzerOptions with_dictionary(const UserDictionary& dictionary) {
  AnalyzerOptions options;
  options.chinese.dictionary = std::make_shared<UserDictionary>(dictionary);
  return options;
}

// The text of each segment, as `polysearch segment` prints them.
std::vector<std::string> pieces(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (const auto& segment : analyzer.segment(text)) {
    out.emplace_back(text.substr(segment.begin, segment.end - segment.begin));
  }
  return out;
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string seed_003() { return polysearch::test::read_file(polysearch::test::seed_path("003")); }

}  // namespace

TEST_CASE("segment: words and punctuation in the original script, no white space") {
  Analyzer analyzer(Language::Chinese);
  const std::string text = "卸下「PyTorch之父」的皇冠, 僅24小時。";
  const auto segments = analyzer.segment(text);
  const auto words = pieces(analyzer, text);
  CHECK(contains(words, "卸下"));
  CHECK(contains(words, "皇冠"));
  CHECK(contains(words, "「"));
  CHECK(contains(words, "PyTorch"));
  CHECK_FALSE(contains(words, " "));
  std::string joined;
  for (const auto& word : words) joined += word;
  CHECK(joined == "卸下「PyTorch之父」的皇冠,僅24小時。");  // every character but the space
  for (const auto& segment : segments) {
    const std::string piece = text.substr(segment.begin, segment.end - segment.begin);
    const bool punctuation = piece == "「" || piece == "」" || piece == "," || piece == "。";
    CHECK_MESSAGE(segment.word == !punctuation, piece);
  }
}

TEST_CASE("segment: the same sentence in either script is cut at the same places") {
  // ICU alone cuts 毫不猶豫 whole but 毫不 | 犹豫 (see FACTS.md); folding first agrees.
  Analyzer analyzer(Language::Chinese);
  const std::string traditional = "他毫不猶豫地投身於神秘的初創公司，從昔日申請研究生連收拒信";
  const std::string simplified = "他毫不犹豫地投身于神秘的初创公司，从昔日申请研究生连收拒信";
  std::vector<std::size_t> cuts_t, cuts_s;
  for (const auto& s : analyzer.segment(traditional)) cuts_t.push_back(s.end);
  for (const auto& s : analyzer.segment(simplified)) cuts_s.push_back(s.end);
  CHECK(cuts_t == cuts_s);
  CHECK(polysearch::test::terms_of(analyzer.analyze(traditional)) ==
        polysearch::test::terms_of(analyzer.analyze(simplified)));

  AnalyzerOptions unfolded;
  unfolded.chinese.fold_script = false;
  Analyzer icu_alone(Language::Chinese, unfolded);
  CHECK(pieces(icu_alone, "毫不猶豫") != pieces(icu_alone, "毫不犹豫"));
}

TEST_CASE("hybrid: the words, and every bigram of the Han run at its word's position") {
  Analyzer words(Language::Chinese, with_mode(ChineseSegmentation::Words));
  Analyzer hybrid(Language::Chinese, hybrid_without_unigrams());
  const std::string text = "清华大学的学生 PyTorch 深度学习";
  const auto word_tokens = words.analyze(text);
  const auto hybrid_tokens = hybrid.analyze(text);
  polysearch::test::check_token_invariants(text, hybrid_tokens);

  // 清华大学 (position 0) carries the bigrams starting inside it, the last reaching into 的.
  std::vector<std::string> at_zero;
  for (const Token& t : hybrid_tokens) {
    if (t.position == 0) at_zero.push_back(t.term + (t.subword ? "'" : ""));
  }
  CHECK(at_zero == std::vector<std::string>{"清华大学", "清华'", "华大'", "大学'", "学的'"});
  const auto& bigram = hybrid_tokens[2];
  CHECK(text.substr(bigram.begin, bigram.end - bigram.begin) == "华大");

  // No bigram crosses a space or a Latin word; the lone character 的 still starts 的学.
  std::vector<std::string> subwords;
  for (const Token& t : hybrid_tokens) {
    if (t.subword) subwords.push_back(t.term);
  }
  CHECK(subwords == std::vector<std::string>{"清华", "华大", "大学", "学的", "的学", "学生", "深度",
                                             "度学", "学习"});

  // Without the sub-words, hybrid is exactly the words mode: same terms, same positions.
  std::vector<Token> main_tokens;
  std::copy_if(hybrid_tokens.begin(), hybrid_tokens.end(), std::back_inserter(main_tokens),
               [](const Token& t) { return !t.subword; });
  REQUIRE(main_tokens.size() == word_tokens.size());
  for (std::size_t i = 0; i < main_tokens.size(); ++i) {
    CHECK(main_tokens[i].term == word_tokens[i].term);
    CHECK(main_tokens[i].position == word_tokens[i].position);
  }
}

TEST_CASE("hybrid: the seed text keeps every word and adds a bigram per Han character pair") {
  const std::string text = seed_003();
  Analyzer words(Language::Chinese, with_mode(ChineseSegmentation::Words));
  Analyzer hybrid(Language::Chinese, hybrid_without_unigrams());
  const auto word_tokens = words.analyze(text);
  const auto hybrid_tokens = hybrid.analyze(text);
  polysearch::test::check_token_invariants(text, hybrid_tokens);
  std::size_t main_count = 0;
  for (const Token& token : hybrid_tokens) {
    if (token.subword) {
      CHECK(token.term.size() == 6);  // two Han characters of 3 UTF-8 bytes
    } else {
      ++main_count;
    }
  }
  CHECK(main_count == word_tokens.size());
  CHECK(hybrid_tokens.size() > word_tokens.size());
}

TEST_CASE("hybrid: with unigrams, every Han character is a sub-word at its word's position") {
  Analyzer hybrid(Language::Chinese);  // the defaults: hybrid, unigrams on
  REQUIRE(hybrid.options().chinese.unigrams);
  const std::string text = "北京大学。學";
  const auto tokens = hybrid.analyze(text);
  polysearch::test::check_token_invariants(text, tokens);
  std::vector<std::string> rendered;
  for (const Token& t : tokens) {
    rendered.push_back(std::to_string(t.position) + ":" + t.term + (t.subword ? "'" : ""));
  }
  // Each character once, after the bigram starting at it; the run's last character (学)
  // starts no bigram; a lone character (學 → 学) is a word and its own unigram.
  CHECK(rendered == std::vector<std::string>{"0:北京", "0:北京'", "0:北'", "0:京大'", "0:京'",
                                             "1:大学", "1:大学'", "1:大'", "1:学'", "2:学",
                                             "2:学'"});
}
TEST_CASE("segmentation modes parse and print") {
  CHECK(polysearch::parse_chinese_segmentation("hybrid") == ChineseSegmentation::Hybrid);
  CHECK(std::string(polysearch::to_string(ChineseSegmentation::Hybrid)) == "hybrid");
  CHECK_THROWS_AS((void)polysearch::parse_chinese_segmentation("unigrams"),
                  polysearch::InvalidArgument);
}

TEST_CASE("user dictionary: seed 003's names are kept whole") {
  const UserDictionary names =
      UserDictionary::read(polysearch::test::fixtures_dir() / "dictionaries/seed003-names.txt");
  CHECK(names.size() == 7);
  const std::string text = seed_003();
  Analyzer plain(Language::Chinese);
  Analyzer with_names(Language::Chinese, with_dictionary(names));
  const auto before = pieces(plain, text);
  const auto after = pieces(with_names, text);
  // Each name is split by ICU alone and whole with the dictionary; the Simplified entries
  // (领英, 达摩克利斯) match the Traditional text.
  for (const char* name :
       {"新智元", "艾倫", "硅谷", "領英", "海得拉巴", "韋洛爾理工學院", "達摩克利斯"}) {
    CHECK_MESSAGE(!contains(before, name), name);
    CHECK_MESSAGE(contains(after, name), name);
  }
  // The rest of the text is cut as before: only the pieces around the names changed.
  std::string joined_before, joined_after;
  for (const auto& p : before) joined_before += p;
  for (const auto& p : after) joined_after += p;
  CHECK(joined_before == joined_after);
  const auto tokens = with_names.analyze(text);
  polysearch::test::check_token_invariants(text, tokens);
  CHECK(contains(polysearch::test::terms_of(tokens), "达摩克利斯"));
}

TEST_CASE("user dictionary: the most characters covered, then the longest words, then frequency") {
  Analyzer analyzer(Language::Chinese);
  auto cut = [](const UserDictionary& dictionary, const std::string& text) {
    Analyzer a(Language::Chinese, with_dictionary(dictionary));
    return pieces(a, text);
  };
  UserDictionary overlap;
  overlap.add("深度学习");
  overlap.add("学习方法");
  // 深度学习 and 学习方法 overlap; either covers 4 of 6 characters, so the frequency decides.
  overlap.add("深度学习", 1);
  overlap.add("学习方法", 5);
  auto words = cut(overlap, "深度学习方法");
  CHECK(contains(words, "学习方法"));
  CHECK_FALSE(contains(words, "深度学习"));
  overlap.add("深度学习", 50);  // adding again keeps the higher frequency
  words = cut(overlap, "深度学习方法");
  CHECK(contains(words, "深度学习"));

  UserDictionary coverage;
  coverage.add("深度学习方法", 1);
  coverage.add("深度", 1000);
  coverage.add("学习", 1000);
  CHECK(cut(coverage, "深度学习方法") == std::vector<std::string>{"深度学习方法"});

  UserDictionary longest;
  longest.add("深度学习");
  longest.add("深度");
  longest.add("学习");
  CHECK(cut(longest, "深度学习") == std::vector<std::string>{"深度学习"});
  CHECK(cut(longest, "深 度学习") == std::vector<std::string>{"深", "度", "学习"});
}

// Found by tests/fuzz/dictionary_fuzz.cpp (tests/fuzz/regressions/dictionary/crash-ce81…):
// the dictionary cut a variation selector or U+FEFF off the word before it, and hybrid
// segmentation then gave bigrams at a position without a word.
TEST_CASE("user dictionary: a word keeps the marks after it, and sub-words keep their word") {
  UserDictionary names;
  names.add("领英");
  Analyzer hybrid(Language::Chinese, with_dictionary(names));
  // U+E0100 (an ideographic variation selector) and U+FEFF stay with the 英 before them.
  for (const std::string text : {"领英\xF3\xA0\x84\x80克", "领英\xEF\xBB\xBF克"}) {
    INFO("text: ", text);
    CHECK(pieces(hybrid, text) == std::vector<std::string>{text.substr(0, text.size() - 3), "克"});
    const auto tokens = hybrid.analyze(text);
    polysearch::test::check_token_invariants(text, tokens);
    CHECK(polysearch::test::terms_of(polysearch::test::words_only(tokens)) ==
          std::vector<std::string>{"领英", "克"});
  }

  // A dictionary word too long to index (31 four-byte characters, over kMaxTermBytes) is
  // dropped, and its bigrams with it.
  std::string long_word;
  for (char32_t c = 0x20000; c < 0x20000 + 31; ++c) {
    long_word += "\xF0";
    long_word += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    long_word += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    long_word += static_cast<char>(0x80 | (c & 0x3F));
  }
  REQUIRE(long_word.size() > polysearch::kMaxTermBytes);
  UserDictionary rare;
  rare.add(long_word);
  Analyzer with_rare(Language::Chinese, with_dictionary(rare));
  const std::string text = long_word + "中文";
  CHECK(pieces(with_rare, text) == std::vector<std::string>{long_word, "中文"});
  const auto tokens = with_rare.analyze(text);
  polysearch::test::check_token_invariants(text, tokens);
  REQUIRE_FALSE(tokens.empty());
  CHECK(tokens.front().term == "中文");
  CHECK(tokens.front().position == 1);
}

TEST_CASE("user dictionary: words are checked, lines are numbered in errors") {
  UserDictionary dictionary;
  CHECK_THROWS_AS(dictionary.add("深"), polysearch::InvalidArgument);            // one character
  CHECK_THROWS_AS(dictionary.add("PyTorch"), polysearch::InvalidArgument);       // not Han
  CHECK_THROWS_AS(dictionary.add("深度learning"), polysearch::InvalidArgument);  // mixed
  CHECK_THROWS_AS(dictionary.add("深度", 0), polysearch::InvalidArgument);
  CHECK_THROWS_AS(dictionary.add("深度", -1), polysearch::InvalidArgument);
  CHECK_THROWS_AS(dictionary.add(std::string(33 * 3, 'x')), polysearch::InvalidArgument);
  CHECK_THROWS_AS(dictionary.add("\xE6\xB7"), polysearch::InvalidArgument);  // invalid UTF-8
  CHECK(dictionary.empty());

  const auto parsed =
      UserDictionary::parse("\xEF\xBB\xBF# names\n\n新智元\r\n深度學習\t3.5\n", "d.txt");
  CHECK(parsed.size() == 2);
  CHECK(parsed.words().at("深度學習") == doctest::Approx(3.5));
  try {
    (void)UserDictionary::parse("新智元\n深度 many\n", "d.txt");
    FAIL("expected an InputError");
  } catch (const polysearch::InputError& error) {
    CHECK(std::string(error.what()).find("d.txt:2:") != std::string::npos);
  }
  try {
    (void)UserDictionary::parse("新智元\n\nAI\n", "d.txt");
    FAIL("expected an InputError");
  } catch (const polysearch::InputError& error) {
    CHECK(std::string(error.what()).find("d.txt:3:") != std::string::npos);
    CHECK(std::string(error.what()).find("only Han") != std::string::npos);
  }
  CHECK_THROWS_AS((void)UserDictionary::read("/nonexistent/words.txt"), polysearch::InputError);
}

TEST_CASE("user dictionary: options compare by content, an empty dictionary is none") {
  AnalyzerOptions a, b;
  CHECK(a == b);
  b.chinese.dictionary = std::make_shared<UserDictionary>();
  CHECK(a == b);
  UserDictionary names;
  names.add("新智元");
  b.chinese.dictionary = std::make_shared<UserDictionary>(names);
  CHECK(a != b);
  a.chinese.dictionary = std::make_shared<UserDictionary>(names);
  CHECK(a == b);
}
