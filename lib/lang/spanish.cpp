// Spanish: Snowball "spanish" stemmer and Snowball's Spanish stop list.
#include "lang/profile.hpp"
#include "lang/stopwords.hpp"

namespace polysearch::detail {

const LanguageProfile& spanish_profile() {
  static const LanguageProfile profile{Language::Spanish, "spanish", nullptr, kSpanishStopwords};
  return profile;
}

}  // namespace polysearch::detail
