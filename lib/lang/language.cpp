// Language codes: parsing, printing and the lists of languages, all derived from the one
// table of languages, POLYSEARCH_LANGUAGES in include/polysearch/language.hpp.
#include <algorithm>
#include <cctype>
#include <string>

#include "polysearch/error.hpp"
#include "polysearch/language.hpp"
#include "util/word_list.hpp"

namespace polysearch {
namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// One row of the table, and the two languages outside it.
struct LanguageRow {
  Language language;
  std::string_view code;
  std::string_view name;
  std::string_view other_names;  // space-separated, lower case
};

constexpr LanguageRow kRows[] = {
#define POLYSEARCH_LANGUAGE_ROW(enumerator, code, name, other_names) \
  {Language::enumerator, code, name, other_names},
    POLYSEARCH_LANGUAGES(POLYSEARCH_LANGUAGE_ROW)
#undef POLYSEARCH_LANGUAGE_ROW
        {Language::Neutral, "und", "language-neutral", "neutral none"},
    {Language::Unknown, "auto", "unknown", "unknown"},
};

const LanguageRow& row_of(Language language) noexcept {
  for (const LanguageRow& row : kRows) {
    if (row.language == language) return row;
  }
  return kRows[std::size(kRows) - 1];  // Unknown
}

}  // namespace

Language parse_language(std::string_view code) {
  const std::string lowered = lower_ascii(code);
  // A region or script subtag after '-' or '_' is ignored: "pt-BR", "zh-Hant", "de_AT".
  const std::string_view primary = std::string_view(lowered).substr(0, lowered.find_first_of("-_"));
  for (const LanguageRow& row : kRows) {
    if (!primary.empty() && (primary == row.code || detail::is_listed(primary, row.other_names))) {
      return row.language;
    }
  }
  std::vector<Language> accepted = analyzable_languages();
  accepted.push_back(Language::Unknown);
  throw InvalidArgument("unknown language '" + std::string(code) + "' (expected " +
                        list_language_codes(accepted) + ")");
}

std::string_view language_code(Language language) noexcept { return row_of(language).code; }

std::string_view language_name(Language language) noexcept { return row_of(language).name; }

const std::vector<Language>& supported_languages() {
  static const std::vector<Language> languages{
#define POLYSEARCH_LANGUAGE_ENUMERATOR(enumerator, ...) Language::enumerator,
      POLYSEARCH_LANGUAGES(POLYSEARCH_LANGUAGE_ENUMERATOR)
#undef POLYSEARCH_LANGUAGE_ENUMERATOR
  };
  return languages;
}

const std::vector<Language>& analyzable_languages() {
  static const std::vector<Language> languages = [] {
    std::vector<Language> all = supported_languages();
    all.push_back(Language::Neutral);
    return all;
  }();
  return languages;
}

std::string list_language_codes(const std::vector<Language>& languages,
                                std::string_view conjunction) {
  std::string text;
  for (std::size_t i = 0; i < languages.size(); ++i) {
    const bool last = i + 1 == languages.size();
    if (i > 0) text += last && !conjunction.empty() ? " " + std::string(conjunction) + " " : ", ";
    text += language_code(languages[i]);
  }
  return text;
}

}  // namespace polysearch
