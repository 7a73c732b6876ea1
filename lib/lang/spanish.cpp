// Spanish: Snowball "spanish" stemmer, Snowball's Spanish stop list, and accent
// restoration on word endings.  Debian's libstemmer 2.2.0 recognizes many suffixes only
// with their accent ("contratación" → "contrat", but "contratacion" stays whole), and the
// analyzer folds accents before stemming, so every word reaches us unaccented.  Putting
// the accent back where an ending is unambiguous in practice lets accented and unaccented
// spellings share the stem of the accented word.  Each ending below was kept because it
// carries the accent in at least 78% of the words of Snowball's Spanish vocabulary that
// end in it unaccented, and because it raises the pairwise F1 of stem conflation on that
// vocabulary (docs/ACCENT_FOLDING.md has the numbers and how to reproduce them).
#include <cstddef>
#include <string>
#include <string_view>

#include "lang/accented_endings.hpp"
#include "lang/profile.hpp"

namespace polysearch::detail {
namespace {

constexpr AccentedEnding kAccentedEndings[] = {
    // Nouns in -ción/-sión/-xión ("contratacion", "decision"); plurals (-ciones) have no
    // accent.  95% of the unaccented -ion words are these; the rest are English.
    {"ion", "ión"},
    // Imperfect and conditional 3rd plural ("tenian", "aceptarian"); the exceptions are
    // -iar verbs ("anuncian") and names ("Christian").
    {"ian", "ían"},
    // Imperfect and conditional 1st plural ("teniamos", "deberiamos").
    {"iamos", "íamos"},
    // Conditional of -er/-ir verbs and -ería nouns ("comeria", "abriria", "panaderia").
    // Not -aría: it collides with -aria adjectives ("necesaria", "primaria").  Not -ía
    // alone: "historia", "democracia" are as common as "tenía".
    {"eria", "ería"},
    {"erias", "erías"},
    {"iria", "iría"},
    // Sciences and their plurals ("tecnologia", "geografias").
    {"logia", "logía"},
    {"logias", "logías"},
    {"grafia", "grafía"},
    {"grafias", "grafías"},
    // Future of -ir verbs ("decidira", "seguiran").  -ará needs nothing (Snowball strips
    // -ara and -ará alike); -erá collides with "era", "primera" and "quisiera".
    {"ira", "irá"},
    {"iran", "irán"},
    // Preterite 3rd singular of verb classes whose unaccented form is rarely a noun:
    // -ecer ("aparecio"), -tir ("permitio"), -nder ("aprendio"), -bir ("escribio").
    // Not -ió in general: "negocio", "precio", "diario" end in -io.
    {"ecio", "eció"},
    {"tio", "tió"},
    {"ndio", "ndió"},
    {"ibio", "ibió"},
};

// A restored ending must leave at least this many bytes before it ("tio", "ira" stay).
constexpr std::size_t kMinStemBytes = 2;

void restore_spanish_accents(std::string& word) {
  restore_accented_ending(word, kAccentedEndings, kMinStemBytes);
}

}  // namespace

template <>
const LanguageProfile& profile_of<Language::Spanish>() {
  static const LanguageProfile profile = [] {
    LanguageProfile spanish;
    spanish.cld2_codes = "es";
    spanish.snowball_algorithm = "spanish";
    spanish.prepare_for_stemming = restore_spanish_accents;
    spanish.stopwords = "spanish";
    spanish.question_words = "cuales cuanto cuanta cuantos cuantas quienes";
    spanish.detection_letters = "ñ¿¡";
    return spanish;
  }();
  return profile;
}

}  // namespace polysearch::detail
