#pragma once
// What makes a language different, in one struct per language.  Each language's
// profile is defined in its own lib/lang/<language>.cpp and chosen in registry.cpp;
// nothing else in the library branches on a language.

#include <string>
#include <string_view>

#include "polysearch/language.hpp"

namespace polysearch::detail {

struct LanguageProfile {
  Language language;
  // libstemmer algorithm name, or nullptr for no stemming.
  const char* snowball_algorithm;
  // Rewrites a case- and accent-folded word into the spelling the stemmer handles
  // best, so that accented and unaccented spellings stem alike (German "gruendung" →
  // "gründung"; Spanish "contratacion" → "contratación").  nullptr: nothing to do.
  // The analyzer folds accents again after this and after stemming.
  void (*prepare_for_stemming)(std::string& word);
  // Stop words in Snowball's stop-file format ("word | comment"); empty for none.
  std::string_view stopwords;
};

const LanguageProfile& german_profile();
const LanguageProfile& spanish_profile();
const LanguageProfile& portuguese_profile();
const LanguageProfile& chinese_profile();
const LanguageProfile& neutral_profile();

// The profile for an analyzable language.  Throws InvalidArgument for Unknown.
const LanguageProfile& profile_for(Language language);

}  // namespace polysearch::detail
