// Snippet windows, cutting and highlighting, on hand-made texts.
#include <doctest/doctest.h>

#include "polysearch/analyzer.hpp"
#include "polysearch/text.hpp"
#include "search/snippeter.hpp"

using polysearch::Analyzer;
using polysearch::Language;
using polysearch::detail::make_snippet;
using polysearch::detail::MatchTerms;

namespace {

// The snippet with highlights shown as [..].
std::string marked(Language language, const std::string& text, const MatchTerms& match,
                   std::size_t width) {
  Analyzer analyzer(language);
  const auto snippet = make_snippet(text, analyzer.analyze(text), match, width);
  std::string out;
  std::size_t cursor = 0;
  for (const auto& h : snippet.highlights) {
    out += snippet.text.substr(cursor, h.begin - cursor) + "[" +
           snippet.text.substr(h.begin, h.end - h.begin) + "]";
    cursor = h.end;
  }
  return out + snippet.text.substr(cursor);
}

MatchTerms stems(std::initializer_list<const char*> words) {
  MatchTerms match;
  for (const char* w : words) match.stems.insert(w);
  return match;
}

}  // namespace

TEST_CASE("snippet: a short text is shown whole, whitespace collapsed") {
  CHECK(marked(Language::Spanish, "  La  Fundación\n\nLinux. ", stems({"fundacion"}), 200) ==
        "La [Fundación] Linux.");
}

TEST_CASE("snippet: the window with the most distinct matches wins, cut with ellipses") {
  const std::string text =
      "Linux aparece aquí solo. Después viene mucho texto de relleno que no tiene nada que ver "
      "con la consulta y sigue y sigue. Al final la Fundación Linux anuncia PyTorch.";
  const std::string snippet =
      marked(Language::Spanish, text, stems({"linux", "fundacion", "pytorch"}), 60);
  CHECK(snippet.find("[Fundación] [Linux] anuncia [PyTorch]") != std::string::npos);
  CHECK(snippet.rfind("\u2026", 0) == 0);  // starts with an ellipsis: text was cut before
  CHECK(snippet.size() < text.size());
}

TEST_CASE(
    "snippet: Chinese is cut between characters, highlights the original script, no spaces added") {
  const std::string text =
      "卸下皇冠僅24小時,Soumith Chintala便告別meta的安穩高薪,毫不猶豫地投身于初創公司";
  Analyzer analyzer(Language::Chinese);
  const std::string snippet = marked(Language::Chinese, text, stems({"告别", "毫不", "犹豫"}), 200);
  CHECK(snippet ==
        "卸下皇冠僅24小時,Soumith Chintala便[告別]meta的安穩高薪,[毫不猶豫]地投身于初創公司");
  const std::string narrow = marked(Language::Chinese, text, stems({"毫不", "犹豫"}), 20);
  CHECK(narrow.find("[毫不猶豫]") != std::string::npos);
  CHECK(narrow.find(' ') == std::string::npos);
}

TEST_CASE("snippet: phrase terms and wildcard prefixes are highlighted") {
  MatchTerms match;
  match.phrases.push_back({{"linux"}, {0}});
  match.prefixes.push_back("fund");
  CHECK(marked(Language::Spanish, "La Fundación Linux y los fundadores", match, 200) ==
        "La [Fundación] [Linux] y los [fundadores]");
}

TEST_CASE("snippet: phrase words are highlighted only where the whole phrase occurs") {
  MatchTerms match;
  match.phrases.push_back({{"de", "la", "fundacion"}, {0, 1, 2}});
  CHECK(marked(Language::Spanish, "La casa de la Fundación, la fundación de la ciudad.", match,
               200) == "La casa [de] [la] [Fundación], la fundación de la ciudad.");
  // A gap (a word dropped from the query as too long) must be a gap in the text too.
  match.phrases = {{{"de", "fundacion"}, {0, 2}}};
  CHECK(marked(Language::Spanish, "de la fundación, de fundación", match, 200) ==
        "[de] la [fundación], de fundación");
  // Chinese: the words of the phrase, not the bigrams beside them.
  match.phrases = {{{"毫不", "犹豫"}, {0, 1}}};
  CHECK(marked(Language::Chinese, "毫不在意，毫不猶豫地，猶豫", match, 200) ==
        "毫不在意，[毫不猶豫]地，猶豫");
}

TEST_CASE("snippet: the window of a phrase query shows the phrase") {
  // The phrase's words come often on their own before it: the window must hold the
  // phrase itself, not a stretch with its words apart.
  const std::string text =
      "La fundación apoya la ciudad y de la escuela nace otra fundación para la ciudad entera. "
      "Mucho texto de relleno sigue aquí sin ninguna relación con la consulta hecha. "
      "Al final habla el director de la Fundación Linux sobre el futuro.";
  MatchTerms match;
  match.phrases.push_back({{"de", "la", "fundacion"}, {0, 1, 2}});
  const std::string snippet = marked(Language::Spanish, text, match, 60);
  CHECK(snippet.find("[de] [la] [Fundación]") != std::string::npos);
}

TEST_CASE("snippet: with no match the opening is shown, and an empty text gives an empty snippet") {
  const std::string text = "Erster Satz hier. Zweiter Satz dort. Dritter Satz irgendwo anders.";
  CHECK(marked(Language::German, text, stems({"nichts"}), 20) == "Erster Satz hier.\u2026");
  CHECK(marked(Language::German, "", stems({"x"}), 20).empty());
  CHECK(marked(Language::German, "!!! ??? ...", stems({"x"}), 200) == "!!! ??? ...");
}

TEST_CASE("text: display width counts Han characters twice and marks not at all") {
  CHECK(polysearch::display_width("abc") == 3);
  CHECK(polysearch::display_width("告別") == 4);
  CHECK(polysearch::display_width("ＡＢ") == 4);
  CHECK(polysearch::display_width("e\u0301") == 1);  // e + combining acute
  CHECK(polysearch::display_width("a\xFF"
                                  "b") == 3);  // a bad byte counts one
}

TEST_CASE("snippet: overlapping bigram tokens give one highlight and no repeated text") {
  polysearch::AnalyzerOptions options;
  options.chinese.segmentation = polysearch::ChineseSegmentation::Bigrams;
  Analyzer analyzer(Language::Chinese, options);
  const std::string text = "他申請了12所大學，收到了12封拒信。";
  MatchTerms match;
  match.stems = {"大学", "拒信"};
  const auto snippet = make_snippet(text, analyzer.analyze(text), match, 200);
  CHECK(snippet.text == text);
  REQUIRE(snippet.highlights.size() == 2);
  CHECK(snippet.text.substr(snippet.highlights[0].begin,
                            snippet.highlights[0].end - snippet.highlights[0].begin) == "大學");
  match.stems = {"申请", "请了"};  // overlapping matches merge
  const auto merged = make_snippet(text, analyzer.analyze(text), match, 200);
  REQUIRE(merged.highlights.size() == 1);
  CHECK(merged.text.substr(merged.highlights[0].begin,
                           merged.highlights[0].end - merged.highlights[0].begin) == "申請了");
}
