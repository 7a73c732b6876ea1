// Language-neutral profile ("und"): for text in languages without an analyzer of their
// own.  Words are normalized, case- and accent-folded, never stemmed.
#include "lang/profile.hpp"

namespace polysearch::detail {

const LanguageProfile& neutral_profile() {
  static const LanguageProfile profile{Language::Neutral, nullptr, nullptr, {}};
  return profile;
}

}  // namespace polysearch::detail
