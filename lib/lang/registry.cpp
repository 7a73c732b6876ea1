// The one place that maps a Language to its profile (Xapian's languages/stem.cc and
// charabia's segmenter/mod.rs work the same way).  To add a language, see README.md here.
#include "lang/profile.hpp"
#include "polysearch/error.hpp"

namespace polysearch::detail {

const LanguageProfile& profile_for(Language language) {
  switch (language) {
    case Language::German: return german_profile();
    case Language::Spanish: return spanish_profile();
    case Language::Portuguese: return portuguese_profile();
    case Language::Chinese: return chinese_profile();
    case Language::Neutral: return neutral_profile();
    case Language::Unknown: break;
  }
  throw InvalidArgument("no analyzer for language 'auto': detect the language first");
}

}  // namespace polysearch::detail
