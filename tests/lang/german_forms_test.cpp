// GermanForms, the German splitter's quick test of whether Hunspell can know a word: a
// sequence of forms of the lexicon with linking elements, compared in lower case with ß as
// ss, never longer than Hunspell reads.
#include <doctest/doctest.h>

#include <string>

#include "lang/german_forms.hpp"

using polysearch::detail::GermanForms;

namespace {

bool composable(const GermanForms& forms, const char* word) {
  return forms.composable(icu::UnicodeString::fromUTF8(word));
}

GermanForms some_forms() {
  GermanForms forms;
  for (const char* form : {"Krieg", "Erklärung", "Schule", "Buch", "Straße", "Bahn", "Woche"}) {
    forms.add(form);
  }
  return forms;
}

}  // namespace

TEST_CASE("german forms: a word of forms and linking elements, in any case") {
  const GermanForms forms = some_forms();
  CHECK(composable(forms, "Krieg"));
  CHECK(composable(forms, "Kriegserklärung"));  // -s- links
  CHECK(composable(forms, "KRIEGSERKLÄRUNG"));  // any case
  CHECK(composable(forms, "Schulbuch"));        // Schule without its -e
  CHECK(composable(forms, "Wochenbuch"));       // -n- links
  CHECK(composable(forms, "Strassenbahn"));     // ß as ss, both ways
  CHECK(composable(forms, "STRAẞENBAHN"));
  CHECK_FALSE(composable(forms, "Kriegxerklärung"));  // x links nothing
  CHECK_FALSE(composable(forms, "Buchhaltung"));      // Haltung is no form here
  CHECK_FALSE(composable(forms, ""));
}

TEST_CASE("german forms: parts of one letter and words longer than Hunspell reads are not") {
  GermanForms forms;
  forms.add("a");  // shorter than de_DE.aff's COMPOUNDMIN: not kept
  forms.add("Ab");
  CHECK(composable(forms, "abab"));
  CHECK_FALSE(composable(forms, "aab"));
  std::string long_word;
  for (int i = 0; i < 60; ++i) long_word += "ab";  // 120 letters
  CHECK_FALSE(composable(forms, long_word.c_str()));
  CHECK(composable(forms, long_word.substr(0, 100).c_str()));
  CHECK(forms.size() == 1);
}

TEST_CASE("german forms: the most forms a word can be read as") {
  const GermanForms forms = some_forms();
  CHECK(forms.most_parts(icu::UnicodeString::fromUTF8("Krieg")) == 1);
  CHECK(forms.most_parts(icu::UnicodeString::fromUTF8("Kriegserklärung")) == 2);
  CHECK(forms.most_parts(icu::UnicodeString::fromUTF8("Schulbuchbahn")) == 3);
  CHECK(forms.most_parts(icu::UnicodeString::fromUTF8("Kriegxerklärung")) == 0);
}
