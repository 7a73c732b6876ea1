// Portuguese: Snowball "portuguese" stemmer and Snowball's Portuguese stop list.
#include "lang/profile.hpp"
#include "lang/stopwords.hpp"

namespace polysearch::detail {

const LanguageProfile& portuguese_profile() {
  static const LanguageProfile profile{Language::Portuguese, "portuguese", nullptr, kPortugueseStopwords};
  return profile;
}

}  // namespace polysearch::detail
