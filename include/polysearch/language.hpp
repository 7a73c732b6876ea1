#pragma once
/// @file
/// Languages polysearch analyzes, their codes, and automatic language detection.

#include <string>
#include <string_view>
#include <vector>

#include "polysearch/export.hpp"

namespace polysearch {

/// The languages with an analyzer of their own, one row each, in the order they are
/// listed and tried: X(enumerator, code stored in the index, English name, other names
/// parse_language() accepts).  What each does is in its own file in lib/lang/ (German in
/// german.cpp); lib/lang/README.md shows how to add one.
#define POLYSEARCH_LANGUAGES(X)                       \
  X(German, "de", "German", "deu ger german")         \
  X(Spanish, "es", "Spanish", "spa spanish")          \
  X(Portuguese, "pt", "Portuguese", "por portuguese") \
  X(Chinese, "zh", "Chinese", "zho chi cmn chinese")

/// One row of POLYSEARCH_LANGUAGES as its enumerator of Language (undefined after it).
#define POLYSEARCH_LANGUAGE_ENUMERATOR(name, ...) name,

/// A language with its own analyzer: the rows of POLYSEARCH_LANGUAGES, after these two.
enum class Language {
  Unknown,  ///< not given: detect it ("auto")
  Neutral,  ///< "und": the analyzer for text in any other language: normalization, case
            ///< and accent folding, no stemming, no stop words
  POLYSEARCH_LANGUAGES(POLYSEARCH_LANGUAGE_ENUMERATOR)
};
#undef POLYSEARCH_LANGUAGE_ENUMERATOR

/// Parses a language code or name, case-insensitively: ISO 639-1/-2 codes with an
/// optional region or script ("de", "deu", "pt-BR", "zh-Hant", "zh-CN", "cmn"), English
/// names ("german"), "und" for Neutral and "auto" for Unknown.
/// @throws InvalidArgument for anything else.
POLYSEARCH_API Language parse_language(std::string_view code);

/// The short code stored in the index and printed by the CLI: "de", "es", "pt", "zh",
/// "und", or "auto" for Unknown.
POLYSEARCH_API std::string_view language_code(Language language) noexcept;

/// English name, e.g. "German".
POLYSEARCH_API std::string_view language_name(Language language) noexcept;

/// Every language with an analyzer (all but Unknown): supported_languages(), then Neutral.
POLYSEARCH_API const std::vector<Language>& analyzable_languages();

/// The languages with an analyzer of their own (the rows of POLYSEARCH_LANGUAGES), in
/// their order: analyzable_languages() without Neutral.
POLYSEARCH_API const std::vector<Language>& supported_languages();

/// The codes of `languages` for a message: "de, es, pt or zh", with `conjunction` before
/// the last ("de, es, pt, zh" when it is empty).
[[nodiscard]] POLYSEARCH_API std::string list_language_codes(const std::vector<Language>& languages,
                                                             std::string_view conjunction = "or");

/// What detect_language() decided and why.
struct LanguageGuess {
  Language language = Language::Neutral;  ///< the analyzer to use (never Unknown)
  std::string detected;     ///< what the text is in ("de", "en", "zh-Hant", …), which may
                            ///< be a language without an analyzer; empty if nothing was found
  double confidence = 0.0;  ///< how much of the text is in `detected`, 0..1
  bool reliable = false;    ///< whether the detector trusts `detected`
  bool fell_back = false;   ///< `language` is the fallback: `detected` has no analyzer
};

/// Settings of detect_language().
struct DetectorOptions {
  /// Used when the text is in no analyzable language (English, say) or too short
  /// to tell.  Stated default: Neutral.
  Language fallback = Language::Neutral;
};

/// Detects the language of a document.  Han script decides Chinese; Latin-script text
/// goes to CLD2 (Compact Language Detector 2), restricted to the supported languages.  Meant for
/// documents: a few words (a query) are too short for any detector to be reliable.
/// @throws InputError if the text is not valid UTF-8.
POLYSEARCH_API LanguageGuess detect_language(std::string_view utf8,
                                             const DetectorOptions& options = {});

}  // namespace polysearch
