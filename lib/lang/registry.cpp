// The one place that maps a Language to its profile, and scripts and CLD2 codes to
// languages, all from the table of languages (POLYSEARCH_LANGUAGES).  Xapian's
// languages/stem.cc and charabia's segmenter/mod.rs work the same way.  To add a language,
// see README.md here.
#include <algorithm>
#include <vector>

#include "lang/profile.hpp"
#include "lang/script_segmenter.hpp"
#include "polysearch/error.hpp"
#include "util/word_list.hpp"

namespace polysearch::detail {
namespace {

// The scripts owned by a language without a stemmer (Han).
const std::vector<UScriptCode>& unstemmed_scripts() {
  static const std::vector<UScriptCode> scripts = [] {
    std::vector<UScriptCode> found;
    for (const Language language : supported_languages()) {
      const LanguageProfile& profile = profile_for(language);
      if (profile.script != USCRIPT_INVALID_CODE && profile.snowball_algorithm == nullptr) {
        found.push_back(profile.script);
      }
    }
    return found;
  }();
  return scripts;
}

}  // namespace

const LanguageProfile& profile_for(Language language) {
  switch (language) {
#define POLYSEARCH_LANGUAGE_PROFILE(enumerator, ...) \
  case Language::enumerator: return profile_of<Language::enumerator>();
    POLYSEARCH_LANGUAGES(POLYSEARCH_LANGUAGE_PROFILE)
#undef POLYSEARCH_LANGUAGE_PROFILE
    case Language::Neutral: return profile_of<Language::Neutral>();
    case Language::Unknown: break;
  }
  throw InvalidArgument("no analyzer for language 'auto': detect the language first");
}

Language language_of_script(UScriptCode script) {
  for (const Language language : supported_languages()) {
    if (profile_for(language).script == script) return language;
  }
  return Language::Unknown;
}

bool is_unstemmed_script_character(UChar32 c) {
  const std::vector<UScriptCode>& scripts = unstemmed_scripts();
  if (scripts.empty()) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return std::find(scripts.begin(), scripts.end(), script) != scripts.end();
}

Language language_of_cld2_code(std::string_view cld2_code) {
  for (const Language language : supported_languages()) {
    if (is_listed(cld2_code, profile_for(language).cld2_codes)) return language;
  }
  return Language::Unknown;
}

bool detected_by_script(Language language) {
  return language != Language::Unknown && profile_for(language).script != USCRIPT_INVALID_CODE;
}

std::vector<ScriptAnalysis> make_script_segmenters(const AnalyzerOptions& options) {
  std::vector<ScriptAnalysis> segmenters;
  for (const Language language : supported_languages()) {
    const LanguageProfile& profile = profile_for(language);
    if (profile.make_segmenter != nullptr) {
      segmenters.push_back({&profile, profile.make_segmenter(options)});
    }
  }
  return segmenters;
}

}  // namespace polysearch::detail
