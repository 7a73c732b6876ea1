// Language-neutral profile ("und"): for text in languages without an analyzer of their
// own.  Words are normalized, case- and accent-folded, never stemmed.
#include "lang/profile.hpp"

namespace polysearch::detail {

template <>
const LanguageProfile& profile_of<Language::Neutral>() {
  static const LanguageProfile profile{};
  return profile;
}

}  // namespace polysearch::detail
