// German: Snowball "german" stemmer, Snowball's German stop list, and the spelling
// rules of Snowball's "german2" variant (merged into "german" in Snowball 3.0, but absent
// from Debian's libstemmer 2.2.0): "ae", "oe", "ue" are read as "ä", "ö", "ü", so that
// "Gruendung" stems like "Gründung".  ß needs nothing here: case folding makes it "ss".
#include <string>

#include "lang/german_compounds.hpp"
#include "lang/profile.hpp"

namespace polysearch::detail {
namespace {

bool is_vowel(char c) {
  switch (c) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y': return true;
    default: return false;
  }
}

// german2's prelude on an accent-folded word.  A 'u' or 'y' between vowels is a
// consonant ("Bauer", "Feuer", "Treue" keep their "ue"), and "qu" is never touched
// ("Quelle").  Umlauts produced here are removed again by the stemmer's postlude.
void read_umlaut_digraphs(std::string& word) {
  if (word.find("ae") == std::string::npos && word.find("oe") == std::string::npos &&
      word.find("ue") == std::string::npos) {
    return;
  }
  std::string marked = word;  // 'U'/'Y' mark consonantal u/y, as Snowball does
  for (std::size_t i = 1; i + 1 < marked.size(); ++i) {
    if ((marked[i] == 'u' || marked[i] == 'y') && is_vowel(marked[i - 1]) &&
        is_vowel(marked[i + 1])) {
      marked[i] = static_cast<char>(marked[i] - 'a' + 'A');
    }
  }
  std::string out;
  out.reserve(word.size() + 2);
  for (std::size_t i = 0; i < marked.size();) {
    const char c = marked[i];
    const char next = i + 1 < marked.size() ? marked[i + 1] : '\0';
    if (c == 'q' && next == 'u') {
      out += "qu";
      i += 2;
    } else if (next == 'e' && (c == 'a' || c == 'o' || c == 'u')) {
      out += c == 'a' ? "\u00e4" : c == 'o' ? "\u00f6" : "\u00fc";
      i += 2;
    } else {
      out += (c == 'U' || c == 'Y') ? static_cast<char>(c - 'A' + 'a') : c;
      i += 1;
    }
  }
  word = std::move(out);
}

}  // namespace

template <>
const LanguageProfile& profile_of<Language::German>() {
  static const LanguageProfile profile = [] {
    LanguageProfile german;
    german.cld2_codes = "de";
    german.snowball_algorithm = "german";
    german.prepare_for_stemming = read_umlaut_digraphs;
    german.stopwords = "german";
    german.question_words =
        "wer wen wem wessen wann warum weshalb wieso weswegen wieviel wieviele wozu woher "
        "wohin womit wodurch worauf woraus worin wovon";
    german.detection_letters = "äöüß";
    german.make_word_splitter = make_german_word_splitter;
    return german;
  }();
  return profile;
}

}  // namespace polysearch::detail
