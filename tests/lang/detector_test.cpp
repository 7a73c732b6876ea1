// Language codes and automatic detection.
#include <doctest/doctest.h>

#include "polysearch/error.hpp"
#include "polysearch/language.hpp"
#include "support/test_support.hpp"

using polysearch::detect_language;
using polysearch::Language;
using polysearch::parse_language;

TEST_CASE("lang: parse_language accepts codes, regions, scripts and names") {
  CHECK(parse_language("de") == Language::German);
  CHECK(parse_language("DE-at") == Language::German);
  CHECK(parse_language("deu") == Language::German);
  CHECK(parse_language("es_MX") == Language::Spanish);
  CHECK(parse_language("pt-BR") == Language::Portuguese);
  CHECK(parse_language("Portuguese") == Language::Portuguese);
  CHECK(parse_language("zh-Hant") == Language::Chinese);
  CHECK(parse_language("zh-Hans") == Language::Chinese);
  CHECK(parse_language("cmn") == Language::Chinese);
  CHECK(parse_language("und") == Language::Neutral);
  CHECK(parse_language("auto") == Language::Unknown);
  CHECK_THROWS_WITH_AS(parse_language("xx"),
                       "unknown language 'xx' (expected de, es, pt, zh, und or auto)",
                       polysearch::InvalidArgument);
  CHECK_THROWS_AS(parse_language(""), polysearch::InvalidArgument);
  for (Language language : polysearch::analyzable_languages()) {
    CHECK(parse_language(polysearch::language_code(language)) == language);
  }
}

TEST_CASE("lang: each seed text is detected as its language") {
  const struct {
    const char* seed;
    Language language;
    const char* detected;
  } cases[] = {{"000", Language::Spanish, "es"},
               {"001", Language::German, "de"},
               {"002", Language::Spanish, "es"},
               {"003", Language::Chinese, "zh-Hant"},
               {"004", Language::Portuguese, "pt"}};
  for (const auto& c : cases) {
    CAPTURE(c.seed);
    const auto guess =
        detect_language(polysearch::test::read_file(polysearch::test::seed_path(c.seed)));
    CHECK(guess.language == c.language);
    CHECK(guess.detected == c.detected);
    CHECK(guess.reliable);
    CHECK_FALSE(guess.fell_back);
    CHECK(guess.confidence > 0.5);
    CHECK(guess.confidence <= 1.0);
  }
}

TEST_CASE("lang: Simplified Chinese is Chinese") {
  const auto guess =
      detect_language("从昔日申请研究生连收12封拒信、被DeepMind三次拒之门外的失意者");
  CHECK(guess.language == Language::Chinese);
}

TEST_CASE("lang: Chinese with Latin names is Chinese, and its confidence says so") {
  // 8 Han characters and 19 Latin letters: by letters only 30% Chinese, but most of it.
  const auto guess = detect_language("Soumith Chintala便告別meta的安穩高薪");
  CHECK(guess.language == Language::Chinese);
  CHECK(guess.confidence > 0.5);
}

TEST_CASE("lang: after a fallback, confidence is about what was detected") {
  const auto guess = detect_language(
      "The quick brown fox jumps over the lazy dog while the researchers keep training.");
  CHECK(guess.fell_back);
  CHECK(guess.detected == "en");
  CHECK(guess.confidence > 0.5);
}

TEST_CASE("lang: other languages fall back to the stated default") {
  const std::string english =
      "The quick brown fox jumps over the lazy dog while the researchers keep training "
      "their models on ever larger clusters of machines in the data centre.";
  auto guess = detect_language(english);
  CHECK(guess.language == Language::Neutral);
  CHECK(guess.fell_back);
  CHECK(guess.detected == "en");

  polysearch::DetectorOptions options;
  options.fallback = Language::Spanish;
  CHECK(detect_language(english, options).language == Language::Spanish);

  const auto japanese = detect_language("これは日本語の文章です。東京で会議が開かれました。");
  CHECK(japanese.language == Language::Neutral);
  CHECK(japanese.detected == "ja");

  const auto empty = detect_language("");
  CHECK(empty.language == Language::Neutral);
  CHECK(empty.fell_back);
  CHECK(detect_language("12345 !!! ...").fell_back);
}

TEST_CASE("lang: a German text quoting a Chinese name stays German") {
  const auto guess = detect_language(
      "Der Gründer des Unternehmens, 李明, sagte am Montag in Berlin, dass die neue Fabrik "
      "im nächsten Jahr eröffnet werden soll und hunderte Arbeitsplätze schaffen wird.");
  CHECK(guess.language == Language::German);
}

TEST_CASE("lang: detection rejects invalid UTF-8") {
  CHECK_THROWS_AS(detect_language("caf\xC3"), polysearch::InputError);
}
