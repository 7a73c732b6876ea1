// Portuguese: Snowball "portuguese" stemmer, Snowball's Portuguese stop list, and accent
// restoration on word endings.  Debian's libstemmer 2.2.0 recognizes many suffixes only
// with their accent or cedilla ("contratação" → "contrat", but "contratacao" stays
// whole), and the analyzer folds accents before stemming, so every word reaches us
// unaccented.  Putting the marks back where an ending is unambiguous in practice lets
// accented and unaccented spellings share the stem of the accented word.  Each ending
// below carries its marks in at least 84% of the words of Snowball's Portuguese
// vocabulary that end in it unmarked, and raises the pairwise F1 of stem conflation on
// that vocabulary (docs/ACCENT_FOLDING.md has the numbers and how to reproduce them).
#include <cstddef>
#include <string>
#include <string_view>

#include "lang/accented_endings.hpp"
#include "lang/profile.hpp"

namespace polysearch::detail {
namespace {

constexpr AccentedEnding kAccentedEndings[] = {
    // Nouns in -ção/-ções: the cedilla matters as much as the tilde ("contratacao",
    // "acoes" → "contratação", "ações").
    {"cao", "ção"},
    {"coes", "ções"},
    // Every other -ão ("recessao", "razao", "irmao"); 99% of -ao words have the tilde.
    {"ao", "ão"},
    // Nouns in -ência/-ância ("experiencia", "abundancia").
    {"encia", "ência"},
    {"encias", "ências"},
    {"ancia", "ância"},
    // Adjectives in -ável/-ível: paroxytones ending in -l are always accented
    // ("aceitavel", "aceitaveis", "acessivel").
    {"avel", "ável"},
    {"aveis", "áveis"},
    {"ivel", "ível"},
    // Imperfect 1st plural: -íamos of -er/-ir verbs and the conditional ("comiamos",
    // "deveriamos"; the exceptions are -iar verbs, "anunciamos"), and -ávamos of -ar
    // verbs ("chegavamos").
    {"iamos", "íamos"},
    {"avamos", "ávamos"},
    // Participles with a hiatus ("atraido", "atraidas").
    {"aido", "aído"},
    {"aida", "aída"},
    {"aidos", "aídos"},
    {"aidas", "aídas"},
};

// A restored ending must leave at least this many bytes before it ("mao", "cao" stay).
constexpr std::size_t kMinStemBytes = 2;

void restore_portuguese_accents(std::string& word) {
  restore_accented_ending(word, kAccentedEndings, kMinStemBytes);
}

}  // namespace

template <>
const LanguageProfile& profile_of<Language::Portuguese>() {
  static const LanguageProfile profile = [] {
    LanguageProfile portuguese;
    // Galician too: the Portuguese stemmer suits it far better than none.  CLD2 also says
    // "gl" for short Spanish (and Portuguese) text; the detector's vote of function words
    // settles those, and Galician that neither language's words win stays here.
    portuguese.cld2_codes = "pt gl";
    portuguese.snowball_algorithm = "portuguese";
    portuguese.prepare_for_stemming = restore_portuguese_accents;
    portuguese.stopwords = "portuguese";
    portuguese.question_words = "quais onde quanto quanta quantos quantas porque";
    portuguese.detection_words = "o os e";
    portuguese.detection_letters = "ãõ";
    return portuguese;
  }();
  return profile;
}

}  // namespace polysearch::detail
