// German compounds (issue 18): the splitter on words whose split is certain, the analyzer's
// compound parts, the stored setting, and the split quality on the hand-checked gold list
// in fixtures/german-compounds (a regression guard: docs/GERMAN.md has the figures).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "index/index_settings.hpp"
#include "polysearch/analyzer.hpp"
#include "polysearch/compounds.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/compounds.hpp"
#include "support/test_support.hpp"

using polysearch::Analyzer;
using polysearch::AnalyzerOptions;
using polysearch::CompoundSplit;
using polysearch::CompoundSplitter;
using polysearch::Language;
using polysearch::Token;
using Strings = std::vector<std::string>;

namespace {

// The word cut as the gold list writes it: "+" between parts, "|" before the head.
std::string written(CompoundSplitter& splitter, const std::string& word) {
  return splitter.split(word).written();
}

AnalyzerOptions with_compounds() { return AnalyzerOptions{}; }  // on by default

AnalyzerOptions without_compounds() {
  AnalyzerOptions options;
  options.compounds = false;
  return options;
}

// "position:term" of each token, a compound part marked with '+'.
Strings rendered(std::string_view text, AnalyzerOptions options = with_compounds()) {
  Analyzer analyzer(Language::German, options);
  const std::vector<Token> tokens = analyzer.analyze(text);
  polysearch::test::check_token_invariants(text, tokens);
  Strings out;
  for (const Token& t : tokens) {
    CHECK(t.compound == (t.part && options.compounds));
    out.push_back(std::to_string(t.position) + ":" + (t.part ? "+" : "") + t.term);
  }
  return out;
}

}  // namespace

TEST_CASE("german compounds: the immediate head and every part, Fugen kept with the modifier") {
  CompoundSplitter splitter(Language::German);
  CHECK(written(splitter, "Fußballweltmeisterschaft") == "Fuß+ball|welt+meisterschaft");
  CHECK(written(splitter, "Krankenversicherungsbeitrag") == "Kranken+versicherungs|beitrag");
  CHECK(written(splitter, "Haustürschlüssel") == "Haus+tür|schlüssel");
  CHECK(written(splitter, "Straßenbahn") == "Straßen|bahn");
  CHECK(written(splitter, "Schulbuch") == "Schul|buch");
  // Inflected compounds the dictionary accepts without analyzing them.
  CHECK(written(splitter, "Nationalmannschaften") == "National|mannschaften");
  CHECK(written(splitter, "Versicherungsbeiträgen") == "Versicherungs|beiträgen");
  // Queries come in lower or upper case.
  CHECK(written(splitter, "weltmeisterschaft") == "welt|meisterschaft");
  CHECK(written(splitter, "KRANKENHAUS") == "KRANKEN|HAUS");
  // ss where the dictionary writes ß; the participle's ending is no Ende, the noun's is.
  CHECK(written(splitter, "Strassenbahn") == "Strassen|bahn");
  CHECK(written(splitter, "Wochenende") == "Wochen|ende");
  CHECK(written(splitter, "Kriegserklärung") == "Kriegs|erklärung");
}

TEST_CASE("german compounds: no split where it would be wrong or is in doubt") {
  CompoundSplitter splitter(Language::German);
  for (const char* simple :
       {"Verbrauch", "Meisterschaft", "Wirtschaft", "Vorstellung", "Gründung", "Unterricht",
        "Parlament", "Terminal", "Restaurant", "Zeitung", "Übergang", "wachsende", "zahlreiche"}) {
    CAPTURE(simple);
    CHECK(written(splitter, simple) == simple);
  }
  CHECK(written(splitter, "Verbrauchsteuer") == "Verbrauch|steuer");  // not Verb+rauch
  CHECK(written(splitter, "Staubecken") == "Staubecken");             // Stau|becken or Staub|ecken
  const CompoundSplit wachstube = splitter.split("Wachstube");
  CHECK(wachstube.ambiguous);  // Wach|stube or Wachs|tube
  CHECK_FALSE(wachstube.split());
  CHECK_THROWS_AS(CompoundSplitter(Language::Spanish), polysearch::InvalidArgument);
  CHECK_THROWS_AS((void)splitter.split("Haus\xff"), polysearch::InputError);
  CHECK(written(splitter, "Haus") == "Haus");              // too short to be two words
  CHECK(written(splitter, "H2Omolekül") == "H2Omolekül");  // letters only
}

TEST_CASE("german compounds: derived words and words of other classes written capitalized") {
  CompoundSplitter splitter(Language::German);
  // Each was split before (Kombi|nation, Konstrukt|ionen, Spezi|fische, Zusammen|führen,
  // Erfolg|reiche, Bünde|lungen): a suffix derivation of a lower-case word, a part that
  // begins with -ion, or a verb or adjective at the start of a sentence.
  for (const char* whole :
       {"Kombination", "Konstruktionen", "Spezifische", "Zusammenführen", "Erfolgreiche",
        "Bündelungen", "Zugehörigkeit", "Generation", "Normalerweise"}) {
    CAPTURE(whole);
    CHECK(written(splitter, whole) == whole);
  }
  // Greek and Latin stems and agent nouns of verbs (verbrauchen, teilnehmen, handeln).
  for (const char* whole :
       {"Parameter", "Generatoren", "Multimedia", "Verbraucher", "Teilnehmern", "Handlungen"}) {
    CAPTURE(whole);
    CHECK(written(splitter, whole) == whole);
  }
  // A listed compound whose head is such a derivation is still split: no verb
  // "bundesregieren".  So is a root with a modifier of four letters.
  CHECK(written(splitter, "Bundesregierung") == "Bundes|regierung");
  CHECK(written(splitter, "Rindfleisch") == "Rind|fleisch");
  CHECK(written(splitter, "Werkzeug") == "Werk|zeug");
}

TEST_CASE("german compounds: words the dictionary rejects are split into listed nouns") {
  CompoundSplitter splitter(Language::German);
  // Hunspell's compound rules leave these out; the word list has each part as a noun.
  CHECK(written(splitter, "Stubentür") == "Stuben|tür");
  CHECK(written(splitter, "Wirtszelle") == "Wirts|zelle");
  CHECK(written(splitter, "Gebärdensprache") == "Gebärden|sprache");
  CHECK(written(splitter, "Pestwelle") == "Pest|welle");  // Welle: a root, not in the list
  CHECK(written(splitter, "Rippenquallenarten") == "Rippen+quallen|arten");
  CHECK(written(splitter, "Kernelroutinen") == "Kernel|routinen");
  CHECK(written(splitter, "stubentür") == "stuben|tür");  // a query in lower case
  // The last noun is the head; a listed part is split further for the index.
  CHECK(written(splitter, "Sauerstoffisotopenverhältnis") == "Sauer+stoff+isotopen|verhältnis");
  CHECK(written(splitter, "Signaturzeichenkette") == "Signatur|zeichen+kette");
  // -ion(en) ends a Latin word; it begins no head.
  CHECK(written(splitter, "Kreditmarktimperfektionen") == "Kreditmarktimperfektionen");
  // Not made of forms of the lexicon: whole, without asking Hunspell.
  for (const char* unknown : {"Localhost", "AusweisApp", "Qwertzuiopü"}) {
    CAPTURE(unknown);
    CHECK(written(splitter, unknown) == unknown);
  }
  // The capital ẞ is ß, and ss, as the lexicon's forms are compared.
  CHECK(written(splitter, "GROẞBUCHSTABEN") == "GROẞ|BUCHSTABEN");
}

TEST_CASE("german compounds: a verb's stem before a listed noun is a modifier") {
  CompoundSplitter splitter(Language::German);
  CHECK(written(splitter, "Gehminuten") == "Geh|minuten");
  CHECK(written(splitter, "Wirkmechanismen") == "Wirk|mechanismen");
  CHECK(written(splitter, "Herunterfahrprozess") == "Herunterfahr|prozess");
  CHECK(written(splitter, "Protokollierdatei") == "Protokollier|datei");  // -ieren
  CHECK(written(splitter, "Scrollbalken") == "Scroll|balken");
  // Not a verb's stem: a weak past (holt-en), a preposition (geg-en), a strong past
  // (sang-en); nor an s after another part, which is more likely its link.
  for (const char* whole : {"Holtmann", "Gegrummel", "Sangriff"}) {
    CAPTURE(whole);
    CHECK(written(splitter, whole) == whole);
  }
  CHECK(written(splitter, "Versionsauswahlen") == "Versions|auswahlen");  // no Version+saus
}

TEST_CASE("german compounds: a doubt between two readings is settled by nouns and links") {
  CompoundSplitter splitter(Language::German);
  // Rule 6: an s after a noun in -e, -el, -en, -er or a feminine one is read as the next
  // noun's first letter (Kälber|stücke, not Kälbers|tücke), unless the noun ends in a suffix
  // that takes a linking s.
  CHECK(written(splitter, "Kälberstücke") == "Kälber|stücke");
  CHECK(written(splitter, "Telegrafenstange") == "Telegrafen|stange");
  CHECK(written(splitter, "Verwalterinstanz") == "Verwalter|instanz");
  CHECK(written(splitter, "Lüftersteuerung") == "Lüfter|steuerung");  // not Lüfters|teuerung
  CHECK(written(splitter, "Absenderzeitstempel") == "Absender+zeit|stempel");  // Zeit: feminine
  CHECK(written(splitter, "Speicherungsteil") == "Speicherungs|teil");
  // Other links make a form of the noun (Kinder, Sonnen): no Format+er|kennung.
  CHECK(written(splitter, "Formaterkennung") == "Format|erkennung");
  CHECK(written(splitter, "Skripterstellung") == "Skript|erstellung");
  // The dictionary's two readings: the one whose modifier and head are both nouns.
  CHECK(written(splitter, "Vorabruf") == "Vorab|ruf");
  // Both readings of nouns: still a doubt, left whole.
  // And after a masculine noun of another ending an s is often the link: Wirts|tier or
  // Wirt|stier stays a doubt.
  for (const char* doubt : {"Wachstube", "Abendmahlzeit", "Wirtstier"}) {
    CAPTURE(doubt);
    const CompoundSplit split = splitter.split(doubt);
    CHECK(split.ambiguous);
    CHECK_FALSE(split.split());
  }
}

TEST_CASE("german compounds: a listed noun in its plural is a head") {
  CompoundSplitter splitter(Language::German);
  // The word list has Dampfmaschine, Krustentier, Auswahl; their plurals are the heads.
  CHECK(written(splitter, "Spielzeugdampfmaschinen") == "Spiel+zeug|dampf+maschinen");
  CHECK(written(splitter, "Kleinkrustentieren") == "Klein|krusten+tieren");
  CHECK(written(splitter, "Paketauswahlen") == "Paket|auswahlen");
  CHECK(written(splitter, "mäusefallen") == "mäuse|fallen");
  // Only an ending the head's last noun takes: no Sprungen, no Malere.
  for (const char* whole : {"hingesprungen", "minimalere"}) {
    CAPTURE(whole);
    CHECK(written(splitter, whole) == whole);
  }
}

TEST_CASE("german compounds: parts are tokens at the compound's position, after it") {
  CHECK(rendered("Die Fußballweltmeisterschaft") ==
        Strings{"0:die", "1:fussballweltmeisterschaft", "1:+fussball", "1:+fuss", "1:+ball",
                "1:+weltmeisterschaft", "1:+welt", "1:+meisterschaft"});
  // A compound met again has the same parts, at its own position and offsets.
  const std::vector<Token> twice =
      Analyzer(Language::German, with_compounds())
          .analyze("Fußballweltmeisterschaft, Fußballweltmeisterschaft");
  REQUIRE(twice.size() == 14);
  for (std::size_t i = 0; i < 7; ++i) {
    CAPTURE(i);
    CHECK(twice[i + 7].term == twice[i].term);
    CHECK(twice[i + 7].stem == twice[i].stem);
    CHECK(twice[i + 7].part == twice[i].part);
    CHECK(twice[i + 7].position == 1);
    CHECK(twice[i + 7].begin == twice[i].begin + 27);
    CHECK(twice[i + 7].end == twice[i].end + 27);
  }
  // Off on request, and in old indexes.
  CHECK(rendered("Fußballweltmeisterschaft", without_compounds()) ==
        Strings{"0:fussballweltmeisterschaft"});
  // Only German has a splitter.
  Analyzer spanish(Language::Spanish, with_compounds());
  CHECK(spanish.analyze("Fußballweltmeisterschaft").size() == 1);
}

TEST_CASE("german compounds: the setting is stored with the index only when on") {
  using polysearch::detail::serialize_analysis;
  CHECK(serialize_analysis(without_compounds()).find("compounds") == std::string::npos);
  CHECK(serialize_analysis(with_compounds()).find(" compounds=on") != std::string::npos);
}

TEST_CASE("german compounds: split quality on the hand-checked gold list") {
  CompoundSplitter splitter(Language::German);
  const polysearch::eval::CompoundScores scores = polysearch::eval::score_compounds(
      polysearch::eval::read_compound_gold(std::string(POLYSEARCH_FIXTURES_DIR) +
                                           "/german-compounds/gold.tsv"),
      [&](const std::string& word) { return written(splitter, word); });
  REQUIRE(scores.compounds > 500);
  REQUIRE(scores.simple > 500);
  MESSAGE("head correct " << scores.head_accuracy << ", false splits " << scores.false_split_rate);
  // Measured 0.9536 and 0.007 (docs/GERMAN.md); the goals are 0.95 and 0.03.
  CHECK(scores.head_accuracy >= 0.95);
  CHECK(scores.false_split_rate <= 0.015);
}

TEST_CASE("german compounds: a compound dictionary adds and forbids splits") {
  using polysearch::CompoundDictionary;
  auto dictionary = std::make_shared<CompoundDictionary>(
      CompoundDictionary::parse("\xEF\xBB\xBF# splits of a water authority\n"
                                "Stau+becken\n"
                                "  Krankenhaus  \n"  // stays whole
                                "Fuß+ball|welt+meister+schaft\n"
                                "Bundes+liga+spiel\n",
                                "splits.txt"));
  CHECK(dictionary->size() == 4);
  CHECK(dictionary->entries().at("staubecken") == "stau+becken");
  CompoundSplitter splitter(Language::German, dictionary);
  CHECK(written(splitter, "Staubecken") == "Stau|becken");    // ambiguous without the entry
  CHECK(written(splitter, "STAUBECKENS") == "STAU|BECKENS");  // any case, an inflection ending
  CHECK(written(splitter, "Krankenhaus") == "Krankenhaus");   // forbidden
  CHECK(written(splitter, "Fußballweltmeisterschaft") == "Fuß+ball|welt+meister+schaft");
  // Without a head mark the word list brackets it, as the splitter's own splits.
  CHECK(splitter.split("Bundesligaspiel").parts == Strings{"Bundes", "liga", "spiel"});
  // Other words are split as before.
  CHECK(written(splitter, "Krankenversicherungsbeitrag") == "Kranken+versicherungs|beitrag");

  // The analyzer indexes the parts the entry gives.
  AnalyzerOptions options;
  options.compound_dictionary = dictionary;
  CHECK(rendered("Staubecken", options) == Strings{"0:staubecken", "0:+stau", "0:+becken"});
  CHECK(rendered("Krankenhaus", options) == Strings{"0:krankenhaus"});
  // Stored with the index's settings; another dictionary is another setting.
  CHECK(polysearch::detail::serialize_analysis(options).find(" compound_dictionary=4") !=
        std::string::npos);
  AnalyzerOptions other = options;
  other.compound_dictionary =
      std::make_shared<CompoundDictionary>(CompoundDictionary::parse("Stau+becken\n"));
  CHECK(other != options);
  other.compound_dictionary = std::make_shared<CompoundDictionary>();
  CHECK(other == AnalyzerOptions{});  // an empty dictionary is none
}

TEST_CASE("german compounds: malformed compound dictionary entries name their line") {
  using polysearch::CompoundDictionary;
  for (const char* bad : {"+Stau", "Stau+", "Stau++becken", "Stau|bek|ken", "Stau becken",
                          "Stau-becken", "Fuß\xFF"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(CompoundDictionary::parse(std::string("Haus+bau\n") + bad + "\n", "f.txt"),
                    polysearch::InputError);
  }
  try {
    (void)CompoundDictionary::parse("Haus+bau\nStau++becken\n", "f.txt");
  } catch (const polysearch::InputError& error) {
    CHECK(std::string(error.what()).rfind("f.txt:2: ", 0) == 0);
  }
  CHECK(CompoundDictionary::parse("# only a comment\n\n").empty());
  CHECK(CompoundDictionary::parse("Stau+becken\nStaub+ecken\n").entries().at("staubecken") ==
        "staub+ecken");  // the later entry wins
}

TEST_CASE("german compounds: bad input gets no split, no crash, and bounded time") {
  CompoundSplitter splitter(Language::German);
  // A megabyte of compound-like letters, words of linking letters only, digits, another
  // script inside the word, hyphens: each answered whole or split, quickly.
  std::string huge;
  while (huge.size() < 1000 * 1000) huge += "Haustür";
  const auto start = std::chrono::steady_clock::now();
  CHECK(written(splitter, huge) == huge);
  for (const char* word :
       {"esesenener", "sssssssss", "H2Omolekül", "Fußball中文世界", "Ωmegaball"}) {
    CAPTURE(word);
    CHECK(written(splitter, word) == word);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("bad words split in " << seconds << " s");
  CHECK(seconds < 30.0);  // a bound against exponential search (ASan too), not a benchmark
  // The analyzer cuts at hyphens and digits first; each piece is split on its own.
  const Strings hyphenated = rendered("Ab-Hof-Verkauf 10000-Meter-Lauf");
  CHECK(std::find(hyphenated.begin(), hyphenated.end(), "2:verkauf") != hyphenated.end());
  CHECK(std::find(hyphenated.begin(), hyphenated.end(), "4:meter") != hyphenated.end());
}

TEST_CASE("german compounds: threads splitting the same new words at once agree") {
  // Splitters share the process's lexicon and its memos; two threads meeting a word for
  // the first time at once once read freed memory (a run over xquad/de crashed).
  const char* nouns[] = {"Feuer", "Wasser", "Stadt", "Wald",  "Berg",  "Fluss", "Schule", "Gras",
                         "Kohle", "Mond",   "Licht", "Sturm", "Hafen", "Glas",  "Ofen",   "Brücke"};
  std::vector<std::string> words;
  for (const char* a : nouns) {
    for (const char* b : nouns) {
      for (const char* c : {"zelle", "tür", "haus", "bahn"}) {
        words.push_back(std::string(a) + b + c);
      }
    }
  }
  std::vector<std::vector<std::string>> splits(4);
  std::vector<std::thread> threads;
  for (auto& out : splits) {
    threads.emplace_back([&words, &out] {
      CompoundSplitter splitter(Language::German);
      for (const std::string& word : words) out.push_back(splitter.split(word).written());
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t i = 1; i < splits.size(); ++i) CHECK(splits[i] == splits[0]);
  CHECK(std::count_if(splits[0].begin(), splits[0].end(), [](const std::string& split) {
          return split.find('|') != std::string::npos;
        }) > static_cast<long>(words.size() / 2));
}
