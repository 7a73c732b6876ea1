#pragma once
// Unicode normalization shared by every language: NFKC with full case folding (ICU's
// nfkc_cf, which also maps ß to ss and drops default-ignorables such as soft hyphens),
// and accent folding (strip nonspacing marks after canonical decomposition).

#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace polysearch::detail {

// NFKC_Casefold of a UTF-16 slice, as UTF-8.  Has an ASCII fast path.
std::string nfkc_casefold(const icu::UnicodeString& text, int32_t begin, int32_t end);
std::string nfkc_casefold(std::string_view utf8);

// Writes the apostrophes of a word as U+0027: ’ (U+2019, the typographic one), ‘ (U+2018)
// and ʼ (U+02BC, a letter), which NFKC leaves alone, so "d’água" and "d'água" are one term.
void fold_apostrophes(std::string& utf8);

// One of the apostrophes fold_apostrophes() writes as U+0027.
constexpr bool is_folded_apostrophe(char32_t c) {
  return c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

// Removes diacritics: "fundación" → "fundacion", "grün" → "grun", "ção" → "cao".
// Letters that do not decompose (ø, ł) stay.  Returns the input unchanged if ASCII.
std::string fold_diacritics(std::string_view utf8);

}  // namespace polysearch::detail
