// AnalyzerOptions::word_parts: apostrophes folded to one character, and the parts of words
// joined by apostrophes, dots, underscores or @, or made of letters and digits, indexed at
// the word's position (issue 15: "Apostrophes split the vocabulary", "Tokens never split").
#include <doctest/doctest.h>

#include "polysearch/analyzer.hpp"
#include "support/test_support.hpp"

using polysearch::Analyzer;
using polysearch::AnalyzerOptions;
using polysearch::Language;
using polysearch::Token;
using Strings = std::vector<std::string>;

namespace {

// "position:term" of each token, a part marked with '+'.
Strings rendered(Language language, std::string_view text, AnalyzerOptions options = {}) {
  Analyzer analyzer(language, options);
  const std::vector<Token> tokens = analyzer.analyze(text);
  polysearch::test::check_token_invariants(text, tokens);
  Strings out;
  for (const Token& t : tokens) {
    out.push_back(std::to_string(t.position) + ":" + (t.part ? "+" : "") + t.term);
  }
  return out;
}

}  // namespace

TEST_CASE("word parts: typographic, modifier and ASCII apostrophes give one term") {
  // U+2019, U+02BC, U+2018 and U+0027: the same word four times.
  CHECK(rendered(Language::Portuguese, "d\u2019água d\u02BCágua d\u2018água d'água") ==
        Strings{"0:d'agua", "0:+agua", "1:d'agua", "1:+agua", "2:d'agua", "2:+agua", "3:d'agua",
                "3:+agua"});
  CHECK(Analyzer(Language::German).normalize("Gibt\u2019s") == "gibt's");
}

TEST_CASE("word parts: elisions and clitics give the word, not the letter") {
  // Portuguese d'/n', German 's, French l'/d' in language-neutral text: one-letter parts
  // are left out, the word is found on its own.
  CHECK(rendered(Language::Portuguese, "copo d'água n'água") ==
        Strings{"0:copo", "1:d'agua", "1:+agua", "2:n'agua", "2:+agua"});
  CHECK(rendered(Language::German, "Gibt’s O’Reilly") ==
        Strings{"0:gibt's", "0:+gibt", "1:o'reilly", "1:+reilly"});
  CHECK(rendered(Language::Neutral, "l'eau d'Artagnan") ==
        Strings{"0:l'eau", "0:+eau", "1:d'artagnan", "1:+artagnan"});
}

TEST_CASE("word parts: underscores, dots, @ and letters against digits") {
  CHECK(rendered(Language::Neutral, "Victoria_(Australia) snake_case_name") ==
        Strings{"0:victoria_", "0:+victoria", "1:australia", "2:snake_case_name", "2:+snake",
                "2:+case", "2:+name"});
  CHECK(rendered(Language::German, "info@beispiel.de covid19") ==
        Strings{"0:info@beispiel.de", "0:+info", "0:+beispiel", "0:+de", "1:covid19", "1:+covid",
                "1:+19"});
  // Spanish: "de" is a stop word there, so it is no part.
  CHECK(rendered(Language::Spanish, "info@beispiel.de") ==
        Strings{"0:info@beispiel.de", "0:+info", "0:+beispiel"});
}

TEST_CASE("word parts: numbers, initials and plain words have none") {
  CHECK(rendered(Language::Neutral, "3.14 1,000 U.S.A mp3 wort") ==
        Strings{"0:3.14", "1:1,000", "2:u.s.a", "3:mp3", "3:+mp", "3:+3", "4:wort"});
}

TEST_CASE("word parts: parts are stemmed as words, and their offsets point inside the word") {
  Analyzer analyzer(Language::Spanish);
  const std::string text = "las_contrataciones";
  const auto tokens = analyzer.analyze(text);
  polysearch::test::check_token_invariants(text, tokens);
  REQUIRE(tokens.size() == 2);  // "las" is a stop word: no part
  CHECK(tokens[1].part);
  CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "contrataciones");
  CHECK(tokens[1].stem == Analyzer(Language::Spanish).analyze("contrataciones")[0].stem);
}

TEST_CASE("word parts: off, words stay whole and apostrophes as written, as before") {
  AnalyzerOptions off;
  off.word_parts = false;
  CHECK(rendered(Language::Portuguese, "d’água d'água covid19", off) ==
        Strings{"0:d’agua", "1:d'agua", "2:covid19"});
}

TEST_CASE("word parts: a dropped word takes its parts with it") {
  // Longer than kMaxTermBytes: the word is dropped (its position still counted), and its
  // parts, which would have no word to belong to, go too.
  const std::string long_word = std::string(70, 'a') + "_" + std::string(70, 'b');
  CHECK(rendered(Language::Neutral, "vor " + long_word + " nach") == Strings{"0:vor", "2:nach"});
}
