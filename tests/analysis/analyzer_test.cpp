// The analyzer on sentences from the seed texts, its invariants, and bad input.
#include <doctest/doctest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "polysearch/analyzer.hpp"
#include "polysearch/error.hpp"
#include "polysearch/text.hpp"
#include "support/test_support.hpp"

using polysearch::Analyzer;
using polysearch::Language;
using polysearch::Token;
using polysearch::test::check_token_invariants;
using polysearch::test::stems_of;
using polysearch::test::terms_of;
using Strings = std::vector<std::string>;

namespace {

std::vector<Token> analyze(Language language, std::string_view text) {
  Analyzer analyzer(language);
  std::vector<Token> tokens = analyzer.analyze(text);
  check_token_invariants(text, tokens);
  return tokens;
}

std::string slice(std::string_view text, const Token& token) {
  return std::string(text.substr(token.begin, token.end - token.begin));
}

// pos, begin, end, term, stem, then "stop" and "subword" marks: one token a line, as in
// fixtures/golden/*.tokens.
std::string render(const std::vector<Token>& tokens) {
  std::ostringstream out;
  for (const Token& t : tokens) {
    out << t.position << '\t' << t.begin << '\t' << t.end << '\t' << t.term << '\t' << t.stem
        << (t.stopword ? "\tstop" : "") << (t.subword ? "\tsubword" : "")
        << (t.part ? "\tpart" : "") << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("analysis: German seed sentence, stems and stop words") {
  const std::string text = "PyTorch-Mitgründer Chintala wechselt zu Muratis AI-Lab";
  const auto tokens = analyze(Language::German, text);
  // Mitgründer is also indexed as the compound's head, Gründer (its Mit is a stop word).
  CHECK(terms_of(tokens) == Strings{"pytorch", "mitgrunder", "grunder", "chintala", "wechselt",
                                    "zu", "muratis", "ai", "lab"});
  CHECK(stems_of(tokens) == Strings{"pytorch", "mitgrund", "grund", "chintala", "wechselt", "zu",
                                    "muratis", "ai", "lab"});
  CHECK(slice(text, tokens[1]) == "Mitgründer");
  CHECK(slice(text, tokens[2]) == "gründer");
  CHECK((tokens[2].part && tokens[2].compound && tokens[2].position == tokens[1].position));
  CHECK(tokens[5].stopword);
  CHECK_FALSE(tokens[4].stopword);
}

TEST_CASE("analysis: German umlauts, their digraphs and sharp s conflate") {
  const auto tokens =
      analyze(Language::German, "Gründung Grundung Gruendung GRÜNDUNG Straße Strasse STRASSE");
  CHECK(stems_of(tokens) ==
        Strings{"grundung", "grundung", "grundung", "grundung", "strass", "strass", "strass"});
  CHECK(terms_of(tokens)[2] == "grundung");  // phrases and wildcards see the same form
  // A 'u' between vowels is a consonant and "qu" is kept, as in Snowball's german2.
  CHECK(terms_of(analyze(Language::German, "Bauer Quelle Feuer")) ==
        Strings{"bauer", "quelle", "feuer"});
  // Stop words match in either spelling.
  CHECK(analyze(Language::German, "über ueber uber")[1].stopword);
}

TEST_CASE("analysis: Spanish seed sentence, accents folded") {
  const std::string text =
      "Los informes indican una contratación rápida, importantes objetivos de financiación";
  const auto tokens = analyze(Language::Spanish, text);
  CHECK(terms_of(tokens) == Strings{"los", "informes", "indican", "una", "contratacion", "rapida",
                                    "importantes", "objetivos", "de", "financiacion"});
  CHECK(slice(text, tokens[4]) == "contratación");
  CHECK(tokens[0].stopword);
  CHECK(tokens[8].stopword);
  // Accented and plain spellings give the same stem, whatever the stemmer makes of it.
  CHECK(analyze(Language::Spanish, "contratación")[0].stem ==
        analyze(Language::Spanish, "contratacion")[0].stem);
  CHECK(analyze(Language::Spanish, "Fundación")[0].stem ==
        analyze(Language::Spanish, "fundacion")[0].stem);
}

TEST_CASE("analysis: Portuguese seed sentence, accents folded") {
  const std::string text =
      "A Linux Foundation a partir de agora supervisionará a estrutura PyTorch IA.";
  const auto tokens = analyze(Language::Portuguese, text);
  CHECK(terms_of(tokens) == Strings{"a", "linux", "foundation", "a", "partir", "de", "agora",
                                    "supervisionara", "a", "estrutura", "pytorch", "ia"});
  CHECK(tokens[7].stem == analyze(Language::Portuguese, "supervisionar")[0].stem);
  CHECK(analyze(Language::Portuguese, "recessão")[0].stem ==
        analyze(Language::Portuguese, "recessao")[0].stem);
  CHECK(analyze(Language::Portuguese, "governança")[0].stem ==
        analyze(Language::Portuguese, "governanca")[0].stem);
}

TEST_CASE("analysis: Chinese seed sentence, Traditional folded, offsets in the original") {
  const std::string text =
      "Soumith Chintala便告別meta的安穩高薪,毫不猶豫地投身于Mira Murati創立的公司";
  const auto tokens = polysearch::test::words_only(analyze(Language::Chinese, text));
  CHECK(terms_of(tokens) == Strings{"soumith", "chintala", "便", "告别", "meta", "的", "安稳",
                                    "高薪", "毫不", "犹豫", "地", "投身", "于", "mira", "murati",
                                    "创立", "的", "公司"});
  CHECK(slice(text, tokens[3]) == "告別");  // the Traditional original
  CHECK(slice(text, tokens[9]) == "猶豫");
  CHECK(tokens[3].stem == tokens[3].term);  // no stemming for Chinese
}

TEST_CASE("analysis: the same Chinese sentence in both scripts gives the same terms") {
  const auto traditional =
      analyze(Language::Chinese, "從昔日申請研究生連收12封拒信、被DeepMind三次拒之門外");
  const auto simplified =
      analyze(Language::Chinese, "从昔日申请研究生连收12封拒信、被DeepMind三次拒之门外");
  CHECK(terms_of(traditional) == terms_of(simplified));
}

TEST_CASE("analysis: Han text is segmented as Chinese whatever the analyzer's language") {
  for (Language language : {Language::German, Language::Spanish, Language::Neutral}) {
    CAPTURE(polysearch::language_code(language));
    CHECK(terms_of(polysearch::test::words_only(analyze(language, "Die Firma 告別 Meta"))) ==
          Strings{"die", "firma", "告别", "meta"});
  }
}

TEST_CASE("analysis: NFKC folds full-width letters and ligatures, numbers are kept") {
  CHECK(terms_of(analyze(Language::Neutral, "ＰｙＴｏｒｃｈ ﬁnance 2.400 500.000")) ==
        Strings{"pytorch", "finance", "2.400", "500.000"});
}

TEST_CASE("analysis: punctuation, spaces and empty input give no tokens") {
  CHECK(analyze(Language::German, "").empty());
  CHECK(analyze(Language::Chinese, "「」。，!?… — ***").empty());
  CHECK(analyze(Language::Spanish, " \t\n\u3000\u00a0").empty());
}

TEST_CASE("analysis: a word longer than the term limit is dropped but keeps its position") {
  const std::string text = "vor " + std::string(polysearch::kMaxTermBytes + 1, 'x') + " nach";
  const auto tokens = analyze(Language::German, text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].position == 0);
  CHECK(tokens[1].position == 2);
}

TEST_CASE("analysis: invalid UTF-8 is an InputError with the byte offset") {
  Analyzer analyzer(Language::Spanish);
  const std::string bad = std::string("fundación ") + "\xC3\x28" + " linux";
  try {
    (void)analyzer.analyze(bad);
    FAIL("no exception");
  } catch (const polysearch::InputError& error) {
    CHECK(error.byte_offset() == 11);
    CHECK(std::string(error.what()).find("byte 11") != std::string::npos);
  }
  CHECK_THROWS_AS((void)analyzer.analyze("\xED\xA0\x80"), polysearch::InputError);  // surrogate
  CHECK_THROWS_AS((void)analyzer.analyze("\xC0\xAF"), polysearch::InputError);      // overlong
  CHECK_THROWS_AS((void)analyzer.analyze("abc\xE4\xB8"), polysearch::InputError);   // truncated
}

TEST_CASE("analysis: random bytes never crash and valid input keeps the invariants") {
  std::mt19937 random(20261124);
  const std::vector<std::string> pieces{
      "a",        "Ü",    "ß",    "é", "告", "別",     " ",   ".", "\xF0\x9F\x98\x80",
      "\xCC\x81", "\xFF", "\xC3", "0", "-",  "\u3000", "ＡＢ"};
  for (Language language : polysearch::analyzable_languages()) {
    Analyzer analyzer(language);
    int valid = 0;        // inputs that are valid UTF-8, so analyzed
    int with_tokens = 0;  // of those, the ones that gave tokens
    int rejected = 0;     // ill-formed inputs, rejected with InputError
    for (int round = 0; round < 300; ++round) {
      std::string text;
      const auto length = random() % 40;
      for (unsigned i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
      INFO("text: [", text, "]");
      if (polysearch::find_invalid_utf8(text)) {
        CHECK_THROWS_AS((void)analyzer.analyze(text), polysearch::InputError);
        ++rejected;
        continue;
      }
      const std::vector<Token> tokens = analyzer.analyze(text);
      check_token_invariants(text, tokens);
      ++valid;
      if (!tokens.empty()) ++with_tokens;
    }
    // Both paths must be exercised, and the valid one on text that yields words: an
    // alphabet with more ill-formed pieces could leave only the rejection path tested.
    INFO("language ", std::string(polysearch::language_code(language)), ": ", valid, " valid (",
         with_tokens, " with tokens), ", rejected, " rejected");
    CHECK(with_tokens >= 30);
    CHECK(rejected >= 30);
  }
}

TEST_CASE("analysis: normalize() gives the term form for wildcard prefixes") {
  CHECK(Analyzer(Language::German).normalize("Gründ") == "grund");
  CHECK(Analyzer(Language::German).normalize("Gruend") == "grund");
  CHECK(Analyzer(Language::Spanish).normalize("FUNDACIÓ") == "fundacio");
  CHECK(Analyzer(Language::Chinese).normalize("告別") == "告别");
  CHECK(Analyzer(Language::Spanish).normalize("(¡Fund.") == "fund");
  CHECK(Analyzer(Language::Spanish).normalize("!!").empty());
}

TEST_CASE("analysis: Analyzer(Unknown) is an InvalidArgument") {
  CHECK_THROWS_AS(Analyzer(Language::Unknown), polysearch::InvalidArgument);
}

TEST_CASE("analysis: every seed matches its golden token file") {
  const struct {
    const char* seed;
    Language language;
  } cases[] = {{"000", Language::Spanish},
               {"001", Language::German},
               {"002", Language::Spanish},
               {"003", Language::Chinese},
               {"004", Language::Portuguese}};
  const bool update = std::getenv("POLYSEARCH_UPDATE_GOLDEN") != nullptr;
  for (const auto& c : cases) {
    CAPTURE(c.seed);
    const std::string text = polysearch::test::read_file(polysearch::test::seed_path(c.seed));
    const std::string actual = render(analyze(c.language, text));
    const auto golden = polysearch::test::fixtures_dir() / "golden" /
                        (std::string(c.seed) + "." +
                         std::string(polysearch::language_code(c.language)) + ".tokens");
    if (update) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    REQUIRE_MESSAGE(std::filesystem::exists(golden),
                    "missing " << golden << "; run with POLYSEARCH_UPDATE_GOLDEN=1 and review it");
    const std::string expected = polysearch::test::read_file(golden);
    if (expected != actual) {
      // Show the first differing line rather than two whole files.
      std::istringstream e(expected), a(actual);
      std::string el, al;
      int line = 1;
      while (std::getline(e, el) && std::getline(a, al) && el == al) ++line;
      FAIL_CHECK("golden " << golden << " differs at line " << line << ": expected '" << el
                           << "', got '" << al << "'");
    }
  }
}
