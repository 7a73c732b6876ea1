// GermanMorphology: Hunspell's reading of a German word, from a table of the forms its
// dictionary generates.  A small dictionary written here pins the rules (affixes, their
// conditions and cross products, compound flags, ONLYINCOMPOUND, NEEDAFFIX, FORBIDDENWORD,
// case); the installed igerman98 dictionary is then read as Hunspell 1.7 reads it (each
// answer below was checked with Hunspell; tools/bench/morphology_agreement.cpp compares all
// of a corpus's words).
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "lang/german_compounds.hpp"
#include "lang/german_morphology.hpp"
#include "polysearch/error.hpp"

using polysearch::detail::GermanMorphology;
using polysearch::detail::Reading;

namespace {

icu::UnicodeString u(const char* utf8) { return icu::UnicodeString::fromUTF8(utf8); }

// igerman98's scheme in small: "j" makes a capitalized root a compound's first part, "k" and
// "e" make a lower-case root a middle part, "z" on a lower-case root makes it (and its
// inflected forms) a last part, "o" keeps such forms out of text of their own.
constexpr const char* kAff = R"(SET UTF-8
COMPOUNDBEGIN x
COMPOUNDMIDDLE y
COMPOUNDEND z
FORBIDDENWORD d
COMPOUNDPERMITFLAG c
ONLYINCOMPOUND o
NEEDAFFIX h
CIRCUMFIX f
COMPOUNDMIN 2

PFX U Y 1
PFX U   0     un       .

SFX S Y 1
SFX S   0     s        [^s]

SFX N Y 2
SFX N   0     n        e
SFX N   0     en       [^e]

SFX A Y 2
SFX A   0     e        .
SFX A   0     en       .

SFX j Y 2
SFX j 0 0/xoc .
SFX j 0 -/zocf .

PFX k Y 1
PFX k 0 0/coy .

SFX e Y 1
SFX e 0 0/yoc .
)";

constexpr const char* kDic = R"(12
Welt/Sj
welt/Nozk
Ball/Sj
ball/Sozk
Meister/j
meister/hke
schaft/Nozm
Kriegs/hij
kriegs/hke
klar/AU
Rückrat/d
FreeBSD
)";

class SmallDictionary {
 public:
  // `name`: a file name of its own, since ctest runs the test cases at once.
  explicit SmallDictionary(const std::string& name)
      : base_(std::filesystem::temp_directory_path() /
              ("polysearch-morphology-" + name + "-" + std::to_string(getpid()))) {
    std::ofstream(base_.string() + ".aff") << kAff;
    std::ofstream(base_.string() + ".dic") << kDic;
  }
  ~SmallDictionary() {
    std::filesystem::remove(base_.string() + ".aff");
    std::filesystem::remove(base_.string() + ".dic");
  }
  SmallDictionary(const SmallDictionary&) = delete;
  SmallDictionary& operator=(const SmallDictionary&) = delete;
  [[nodiscard]] std::string path() const { return base_.string(); }

 private:
  std::filesystem::path base_;
};

std::vector<int32_t> cuts(const GermanMorphology& morphology, const char* word) {
  const Reading reading = morphology.read(u(word));
  return reading.root ? std::vector<int32_t>{} : reading.cuts;
}

}  // namespace

TEST_CASE("german morphology: affixes, compound flags and case, as Hunspell applies them") {
  const SmallDictionary files("affixes");
  const GermanMorphology morphology(files.path());

  // Words of their own, with suffixes whose conditions hold; prefix and suffix crossed.
  CHECK(morphology.accepts(u("Welt")));
  CHECK(morphology.accepts(u("Welts")));
  CHECK(morphology.accepts(u("klare")));
  CHECK(morphology.accepts(u("unklaren")));
  CHECK(morphology.accepts(u("Klare")));           // a capital: as at a sentence's start
  CHECK(morphology.accepts(u("WELT")));            // capitals: any case
  CHECK_FALSE(morphology.accepts(u("welt")));      // a noun in lower case: no
  CHECK_FALSE(morphology.accepts(u("Meisters")));  // Meister has no S

  // Forms only for compounds are no words, but Hunspell's analysis shows those a prefix
  // made (kriegs) and not a bare root so marked (schaft) nor what the "j" suffix marks.
  CHECK_FALSE(morphology.accepts(u("kriegs")));
  CHECK(morphology.read(u("kriegs")).root);
  CHECK_FALSE(morphology.read(u("schaft")).known);
  CHECK(morphology.read(u("Kriegs")).root);  // kriegs, read with a capital
  CHECK(morphology.is_linking_form(u("kriegs")));
  CHECK_FALSE(morphology.is_linking_form(u("klar")));
  CHECK(morphology.is_noun_form(u("welts")));
  CHECK_FALSE(morphology.is_noun_form(u("klar")));

  // Compounds: a first part, middle parts, a last part; the fewest parts win.
  CHECK(morphology.accepts(u("Weltmeisterschaft")));
  CHECK(cuts(morphology, "Weltmeisterschaft") == std::vector<int32_t>{4, 11});
  CHECK(cuts(morphology, "Weltmeisterschaften") == std::vector<int32_t>{4, 11});  // inflected
  CHECK(cuts(morphology, "Kriegsball") == std::vector<int32_t>{6});
  CHECK(cuts(morphology, "Ballwelt") == std::vector<int32_t>{4});
  CHECK(morphology.accepts(u("BALLWELT")));
  CHECK_FALSE(morphology.accepts(u("ballwelt")));  // the first part is written with a capital
  CHECK(morphology.read(u("Weltball")).known);
  CHECK_FALSE(morphology.read(u("Weltmeister")).known);  // meister ends no compound
  CHECK_FALSE(morphology.read(u("Schaftwelt")).known);   // schaft begins nothing

  // FORBIDDENWORD; words in mixed case only as written; hyphenated forms left out.
  CHECK_FALSE(morphology.accepts(u("Rückrat")));
  CHECK_FALSE(morphology.read(u("Rückrat")).known);
  CHECK(morphology.accepts(u("FreeBSD")));
  CHECK(morphology.accepts(u("FREEBSD")));
  CHECK_FALSE(morphology.accepts(u("Freebsd")));
  CHECK_FALSE(morphology.accepts(u("Welt-")));
}

TEST_CASE("german morphology: two readings with as few parts are a doubt") {
  const SmallDictionary files("doubt");
  std::ofstream(files.path() + ".dic") << "4\nStau/j\nStaub/j\nbecken/oz\necken/oz\n";
  const GermanMorphology morphology(files.path());
  const Reading reading = morphology.read(u("Staubecken"));
  CHECK(reading.known);
  CHECK(reading.ambiguous);
  CHECK(cuts(morphology, "Staubbecken") == std::vector<int32_t>{5});
}

TEST_CASE("german morphology: the flags are the ones the .aff file's header names") {
  const SmallDictionary files("header");
  std::ofstream(files.path() + ".aff") << "SET UTF-8\nCOMPOUNDBEGIN B\nCOMPOUNDEND E\n"
                                          "ONLYINCOMPOUND O\nCOMPOUNDMIN 3\n";
  std::ofstream(files.path() + ".dic") << "4\nHaus/B\ntür/EO\nAb/B\nbau/EO\n";
  const GermanMorphology morphology(files.path());
  CHECK(cuts(morphology, "Haustür") == std::vector<int32_t>{4});
  CHECK_FALSE(morphology.accepts(u("tür")));       // O: only in compounds
  CHECK_FALSE(morphology.read(u("Abbau")).known);  // "Ab" is shorter than COMPOUNDMIN
}

TEST_CASE("german morphology: .aff options it does not implement are an error") {
  const SmallDictionary files("unsupported");
  std::ofstream(files.path() + ".aff") << "SET UTF-8\nFLAG long\n";
  std::ofstream(files.path() + ".dic") << "1\nHaus\n";
  CHECK_THROWS_WITH_AS(GermanMorphology(files.path()), doctest::Contains("'FLAG'"),
                       polysearch::Error);
}

TEST_CASE("german morphology: igerman98 read as Hunspell reads it") {
  const GermanMorphology morphology(polysearch::detail::german_dictionary_path());
  CHECK(morphology.size() > 250'000);
  CHECK(morphology.read(u("Staubecken")).root);  // a root: not split by the dictionary
  const Reading wachstube = morphology.read(u("Wachstube"));
  CHECK(wachstube.ambiguous);  // Wach+stube, Wachs+tube
  CHECK(cuts(morphology, "Fußballweltmeisterschaft") == std::vector<int32_t>{3, 7, 11, 18});
  CHECK(cuts(morphology, "Krankenversicherungsbeitrag").back() == 20);
  CHECK(morphology.read(u("Nationalmannschaften")).known);  // Hunspell's analysis misses it
  CHECK(morphology.accepts(u("GRÖSSE")));                   // SS as ß in capitals
  CHECK_FALSE(morphology.accepts(u("arbeitstag")));
  CHECK(morphology.accepts(u("Arbeitstag")));
  CHECK_FALSE(morphology.accepts(u("Versicherungs")));
  CHECK(morphology.read(u("Versicherungs")).root);
  CHECK(morphology.is_linking_form(u("kriegs")));
  CHECK(morphology.is_noun_form(u("kriegs")));     // Krieg's genitive
  CHECK_FALSE(morphology.is_noun_form(u("sub")));  // only a compound's first part
  CHECK_FALSE(morphology.accepts(u("Rückrat")));   // forbidden: Rückgrat
  CHECK(morphology.accepts(u("FreeBSD")));
}

TEST_CASE("german morphology: a missing dictionary is an error") {
  CHECK_THROWS_AS(GermanMorphology("/nonexistent/de_DE"), polysearch::Error);
}
