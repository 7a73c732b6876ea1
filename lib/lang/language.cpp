// Language codes: parsing, printing, the list of analyzable languages.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "polysearch/error.hpp"
#include "polysearch/language.hpp"

namespace polysearch {
namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Primary subtags and names we accept, lower case.  A region or script subtag after
// '-' or '_' is ignored: "pt-BR", "zh-Hant", "de_AT".
constexpr std::array<std::pair<std::string_view, Language>, 20> kNames{{
    {"de", Language::German},     {"deu", Language::German},     {"ger", Language::German},
    {"german", Language::German}, {"es", Language::Spanish},     {"spa", Language::Spanish},
    {"spanish", Language::Spanish}, {"pt", Language::Portuguese}, {"por", Language::Portuguese},
    {"portuguese", Language::Portuguese}, {"zh", Language::Chinese}, {"zho", Language::Chinese},
    {"chi", Language::Chinese},   {"cmn", Language::Chinese},    {"chinese", Language::Chinese},
    {"und", Language::Neutral},   {"neutral", Language::Neutral}, {"none", Language::Neutral},
    {"auto", Language::Unknown},  {"unknown", Language::Unknown},
}};

}  // namespace

Language parse_language(std::string_view code) {
  const std::string lowered = lower_ascii(code);
  const std::string_view primary =
      std::string_view(lowered).substr(0, lowered.find_first_of("-_"));
  for (const auto& [name, language] : kNames) {
    if (primary == name) return language;
  }
  throw InvalidArgument("unknown language '" + std::string(code) +
                        "' (expected de, es, pt, zh, und or auto)");
}

std::string_view language_code(Language language) noexcept {
  switch (language) {
    case Language::Unknown: return "auto";
    case Language::Neutral: return "und";
    case Language::German: return "de";
    case Language::Spanish: return "es";
    case Language::Portuguese: return "pt";
    case Language::Chinese: return "zh";
  }
  return "auto";
}

std::string_view language_name(Language language) noexcept {
  switch (language) {
    case Language::Unknown: return "unknown";
    case Language::Neutral: return "language-neutral";
    case Language::German: return "German";
    case Language::Spanish: return "Spanish";
    case Language::Portuguese: return "Portuguese";
    case Language::Chinese: return "Chinese";
  }
  return "unknown";
}

const std::vector<Language>& analyzable_languages() {
  static const std::vector<Language> languages{Language::German, Language::Spanish,
                                               Language::Portuguese, Language::Chinese,
                                               Language::Neutral};
  return languages;
}

}  // namespace polysearch
