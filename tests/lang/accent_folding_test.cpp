// Accentless spellings: users type "contratacion" for "contratación".  The analyzer folds
// accents before stemming, so both spellings always share term and stem; the language
// profiles restore accents on unambiguous endings so that this shared stem is the one
// Snowball gives the accented word.  The vocabulary tests measure that over Snowball's
// reference vocabularies (method and numbers: docs/ACCENT_FOLDING.md).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/normalizer.hpp"
#include "lang/profile.hpp"
#include "lang/snowball_stemmer.hpp"
#include "polysearch/analyzer.hpp"
#include "support/test_support.hpp"

namespace {

using polysearch::Analyzer;
using polysearch::Language;
using polysearch::Token;
using polysearch::detail::fold_diacritics;
using polysearch::detail::SnowballStemmer;

// Words are checked whole: German compounds' parts (AnalyzerOptions::compounds) are left
// out, as their own tests check them.
polysearch::AnalyzerOptions whole_words() {
  polysearch::AnalyzerOptions options;
  options.compounds = false;
  return options;
}

// The single token of one word.  Returns nullopt (and fails) if there is not exactly one.
std::optional<Token> only_token(Analyzer& analyzer, const std::string& word) {
  const std::vector<Token> tokens = analyzer.analyze(word);
  polysearch::test::check_token_invariants(word, tokens);
  if (tokens.size() != 1) return std::nullopt;
  return tokens.front();
}

struct SpellingPair {
  const char* accented;
  const char* plain;
};

// Both spellings give one token with the same term and stem, and that stem is Snowball's
// stem of the accented spelling with accents folded.
void check_spelling_pairs(Language language, const char* algorithm,
                          const std::vector<SpellingPair>& pairs) {
  Analyzer analyzer(language, whole_words());
  SnowballStemmer stemmer(algorithm);
  for (const SpellingPair& pair : pairs) {
    CAPTURE(pair.accented);
    CAPTURE(pair.plain);
    const std::optional<Token> accented = only_token(analyzer, pair.accented);
    const std::optional<Token> plain = only_token(analyzer, pair.plain);
    REQUIRE(accented.has_value());
    REQUIRE(plain.has_value());
    CHECK(accented->term == plain->term);
    CHECK(accented->stem == plain->stem);
    CHECK(plain->stem == fold_diacritics(stemmer(pair.accented)));
  }
}

// An unaccented query word and a related word share a stem.
void check_same_stem(Language language, const std::vector<SpellingPair>& pairs) {
  Analyzer analyzer(language, whole_words());
  for (const SpellingPair& pair : pairs) {
    CAPTURE(pair.accented);
    CAPTURE(pair.plain);
    const std::optional<Token> a = only_token(analyzer, pair.accented);
    const std::optional<Token> b = only_token(analyzer, pair.plain);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(a->stem == b->stem);
  }
}

std::string prepared(const polysearch::detail::LanguageProfile& profile, std::string word) {
  REQUIRE(static_cast<bool>(profile.prepare_for_stemming));
  profile.prepare_for_stemming(word);
  return word;
}

// ---- vocabulary measurement ----

struct Scores {
  double agreement = 0;  // share of words whose stem equals the reference stem
  double precision = 0;  // pairwise "same stem" decisions, reference stems as gold clusters
  double recall = 0;
  double f1 = 0;
};

// Pairs inside clusters are counted from cluster sizes: n words make n(n-1)/2 pairs.
Scores score(const std::vector<std::string>& gold, const std::vector<std::string>& ours) {
  std::unordered_map<std::string, double> gold_sizes;
  std::unordered_map<std::string, double> our_sizes;
  std::unordered_map<std::string, double> both_sizes;
  std::size_t agreeing = 0;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    gold_sizes[gold[i]] += 1;
    our_sizes[ours[i]] += 1;
    both_sizes[gold[i] + '\n' + ours[i]] += 1;  // stems never contain '\n'
    if (gold[i] == ours[i]) ++agreeing;
  }
  const auto pairs = [](const std::unordered_map<std::string, double>& sizes) {
    double total = 0;
    for (const auto& entry : sizes) total += entry.second * (entry.second - 1) / 2;
    return total;
  };
  const double true_pairs = pairs(both_sizes);
  Scores s;
  s.agreement = static_cast<double>(agreeing) / static_cast<double>(gold.size());
  s.precision = true_pairs / pairs(our_sizes);
  s.recall = true_pairs / pairs(gold_sizes);
  s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall);
  return s;
}

std::string describe(const Scores& s) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(4) << "agreement " << s.agreement << ", pairwise P "
      << s.precision << " R " << s.recall << " F1 " << s.f1;
  return out.str();
}

struct Measurement {
  std::size_t words = 0;
  Scores baseline;  // accents folded, no prepare step: fold(snowball(fold(w)))
  Scores analyzer;  // the analyzer's `stem`
};

// For each word w of the reference vocabulary, the reference stem is
// fold(snowball(w)) and ours is the analyzer's stem of respell(w), the way a user types
// it.  nullopt if the data is absent.
template <typename Respell>
std::optional<Measurement> measure(Language language, const char* algorithm, Respell respell) {
  const std::filesystem::path voc =
      polysearch::test::shared_dir() / "data/snowball" / algorithm / "voc.txt";
  if (!std::filesystem::exists(voc)) {
    MESSAGE("skipped: " << voc.string() << " absent");
    return std::nullopt;
  }
  std::ifstream in(voc);
  REQUIRE(in);
  Analyzer analyzer(language, whole_words());
  SnowballStemmer stemmer(algorithm);
  std::vector<std::string> gold;
  std::vector<std::string> baseline;
  std::vector<std::string> ours;
  std::size_t not_one_token = 0;
  std::size_t spelling_dependent = 0;
  std::string word;
  while (std::getline(in, word)) {
    if (word.empty()) continue;  // the Spanish list has a few blank lines
    const std::string typed = respell(word);
    const std::vector<Token> tokens = analyzer.analyze(typed);
    if (tokens.size() != 1) {
      ++not_one_token;
      continue;
    }
    const std::string folded = fold_diacritics(typed);
    const std::vector<Token> folded_tokens = analyzer.analyze(folded);
    if (folded_tokens.size() != 1 || folded_tokens.front().stem != tokens.front().stem) {
      ++spelling_dependent;
    }
    gold.push_back(fold_diacritics(stemmer(word)));
    baseline.push_back(fold_diacritics(stemmer(folded)));
    ours.push_back(tokens.front().stem);
  }
  CHECK(not_one_token == 0);
  CHECK(spelling_dependent == 0);  // accented and folded input always stem alike
  REQUIRE(gold.size() > 20000);
  return Measurement{gold.size(), score(gold, baseline), score(gold, ours)};
}

std::string as_typed(const std::string& word) { return word; }

// German typed without umlauts: ä → ae, ö → oe, ü → ue.
std::string with_umlaut_digraphs(const std::string& word) {
  std::string out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word.compare(i, 2, "\u00e4") == 0) {
      out += "ae";
    } else if (word.compare(i, 2, "\u00f6") == 0) {
      out += "oe";
    } else if (word.compare(i, 2, "\u00fc") == 0) {
      out += "ue";
    } else {
      out += word[i];
      continue;
    }
    ++i;  // the second byte of the two-byte letter
  }
  return out;
}

void report(const char* what, const Measurement& m) {
  MESSAGE(std::string(what) << " (" << m.words
                            << " words)\n  no prepare step: " << describe(m.baseline)
                            << "\n  analyzer:        " << describe(m.analyzer));
}

}  // namespace

TEST_CASE("lang: Spanish accentless spellings stem like accented ones") {
  check_spelling_pairs(Language::Spanish, "spanish",
                       {
                           {"fundación", "fundacion"},
                           {"contratación", "contratacion"},
                           {"decisión", "decision"},
                           {"tenían", "tenian"},
                           {"deberíamos", "deberiamos"},
                           {"comería", "comeria"},
                           {"abriría", "abriria"},
                           {"panaderías", "panaderias"},
                           {"tecnología", "tecnologia"},
                           {"geografías", "geografias"},
                           {"decidirá", "decidira"},
                           {"seguirán", "seguiran"},
                           {"apareció", "aparecio"},
                           {"permitió", "permitio"},
                           {"aprendió", "aprendio"},
                           {"escribió", "escribio"},
                       });
  check_same_stem(Language::Spanish, {
                                         {"contratacion", "contratar"},
                                         {"CONTRATACIÓN", "Contratacion"},
                                         {"tenian", "tener"},
                                         {"decidira", "decidir"},
                                         {"permitio", "permitir"},
                                         {"tecnologia", "tecnológico"},
                                     });
}

TEST_CASE("lang: Portuguese accentless spellings stem like accented ones") {
  check_spelling_pairs(Language::Portuguese, "portuguese",
                       {
                           {"recessão", "recessao"},
                           {"governança", "governanca"},
                           {"contratação", "contratacao"},
                           {"organização", "organizacao"},
                           {"ações", "acoes"},
                           {"informações", "informacoes"},
                           {"razão", "razao"},
                           {"experiência", "experiencia"},
                           {"experiências", "experiencias"},
                           {"abundância", "abundancia"},
                           {"aceitável", "aceitavel"},
                           {"aceitáveis", "aceitaveis"},
                           {"acessível", "acessivel"},
                           {"comíamos", "comiamos"},
                           {"chegávamos", "chegavamos"},
                           {"atraído", "atraido"},
                       });
  check_same_stem(Language::Portuguese, {
                                            {"supervisionará", "supervisionar"},
                                            {"supervisionara", "supervisionar"},
                                            {"contratacao", "contratar"},
                                            {"organizacao", "organizar"},
                                            {"aceitavel", "aceitar"},
                                        });
}

TEST_CASE("lang: accents are restored only on unambiguous endings") {
  const auto& es = polysearch::detail::profile_for(polysearch::Language::Spanish);
  CHECK(prepared(es, "contratacion") == "contratación");
  CHECK(prepared(es, "deberiamos") == "deberíamos");
  CHECK(prepared(es, "aparecio") == "apareció");
  // Ambiguous endings stay: -ia/-aria nouns and adjectives, -io nouns, -era, -ara.
  for (const char* word : {"historia", "democracia", "necesaria", "negocio", "diario", "primera",
                           "hablara", "eran", "contratar", ""}) {
    CHECK(prepared(es, word) == word);
  }
  // Too short for the ending: "tio" is "tío", not a preterite.
  CHECK(prepared(es, "tio") == "tio");
  CHECK(prepared(es, "ira") == "ira");

  const auto& pt = polysearch::detail::profile_for(polysearch::Language::Portuguese);
  CHECK(prepared(pt, "recessao") == "recessão");
  CHECK(prepared(pt, "informacoes") == "informações");
  CHECK(prepared(pt, "aceitaveis") == "aceitáveis");
  for (const char* word : {"padaria", "necessaria", "mudanca", "falaria", "fluido", "cao", "mao",
                           "acao", "supervisionara", ""}) {
    CHECK(prepared(pt, word) == word);
  }
}

// Floors sit just under the measured values; a rule change that lowers them must say why.
TEST_CASE("lang: Spanish accent restoration on the Snowball vocabulary") {
  const auto m = measure(Language::Spanish, "spanish", as_typed);
  if (!m) return;
  report("es", *m);
  CHECK(m->analyzer.agreement >= 0.965);
  CHECK(m->analyzer.f1 >= 0.95);
  CHECK(m->analyzer.f1 > m->baseline.f1);
}

TEST_CASE("lang: Portuguese accent restoration on the Snowball vocabulary") {
  const auto m = measure(Language::Portuguese, "portuguese", as_typed);
  if (!m) return;
  report("pt", *m);
  CHECK(m->analyzer.agreement >= 0.985);
  CHECK(m->analyzer.f1 >= 0.985);
  CHECK(m->analyzer.f1 > m->baseline.f1);
}

TEST_CASE("lang: German umlaut handling on the Snowball vocabulary") {
  const auto folded = measure(Language::German, "german", as_typed);
  if (!folded) return;
  report("de, umlauts dropped (grün → grun)", *folded);
  CHECK(folded->analyzer.agreement >= 0.995);
  CHECK(folded->analyzer.f1 >= 0.998);

  const auto digraphs = measure(Language::German, "german", with_umlaut_digraphs);
  REQUIRE(digraphs.has_value());
  report("de, umlauts typed as digraphs (grün → gruen)", *digraphs);
  CHECK(digraphs->analyzer.agreement >= 0.995);
  CHECK(digraphs->analyzer.f1 >= 0.999);
  CHECK(digraphs->analyzer.f1 > digraphs->baseline.f1);
}
