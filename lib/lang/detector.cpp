// Language detection for documents.  Script decides Chinese, the language that owns Han
// (CLD2 handles Han too, but a count of letters by script is exact and explains itself);
// CLD2 decides among the other languages, by the CLD2 codes in their profiles.  Only the first
// kSampleBytes are read: detection is for choosing an analyzer, and a document's opening is as
// telling as its whole.
#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <string>

#include "lang/profile.hpp"
#include "polysearch/language.hpp"
#include "util/utf8.hpp"

namespace polysearch {
namespace {

constexpr std::size_t kSampleBytes = 64 * 1024;
// A Han character carries about as much text as three Latin letters (a Chinese word has
// about 1.7 characters, a German, Spanish or Portuguese word 5 to 6 letters), so shares
// of the text are computed with Han and kana counted three times.
constexpr double kCjkWeight = 3.0;
// A text is Chinese when most of it is Han: a Chinese article quoting "PyTorch" and
// "Soumith Chintala" is Chinese; a German one naming a Chinese person is not.
constexpr double kMinChineseShare = 0.5;
constexpr double kReliableChineseShare = 0.7;

struct ScriptCounts {
  std::size_t han = 0;
  std::size_t kana = 0;  // Japanese uses Han too; kana tells it apart
  std::size_t other = 0;
  [[nodiscard]] std::size_t letters() const { return han + kana + other; }
  // Share of the text in Han or kana, weighted as described at kCjkWeight.
  [[nodiscard]] double cjk_share() const {
    const double cjk = kCjkWeight * static_cast<double>(han + kana);
    return cjk / (cjk + static_cast<double>(other));
  }
};

ScriptCounts count_letters(std::string_view utf8) {
  ScriptCounts counts;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<UChar32>(detail::decode_utf8(utf8, i));
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    switch (uscript_getScript(c, &status)) {
      case USCRIPT_HAN: ++counts.han; break;
      case USCRIPT_HIRAGANA:
      case USCRIPT_KATAKANA: ++counts.kana; break;
      default: ++counts.other; break;
    }
  }
  return counts;
}

struct Cld2Answer {
  std::array<CLD2::Language, 3> languages{};
  std::array<int, 3> percents{};
  bool reliable = false;
};

Cld2Answer ask_cld2(std::string_view utf8) {
  Cld2Answer answer;
  std::array<double, 3> scores{};
  int text_bytes = 0;
  const CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::ExtDetectLanguageSummary(utf8.data(), static_cast<int>(utf8.size()), true, &hints,
                                 CLD2::kCLDFlagBestEffort, answer.languages.data(),
                                 answer.percents.data(), scores.data(), nullptr, &text_bytes,
                                 &answer.reliable);
  return answer;
}

// The analyzer for a CLD2 answer (LanguageProfile::cld2_codes), or Unknown.
Language analyzable(CLD2::Language language) {
  return detail::language_of_cld2_code(CLD2::LanguageCode(language));
}

LanguageGuess guess_chinese(Language chinese, const ScriptCounts& counts, const Cld2Answer& cld2) {
  LanguageGuess guess;
  guess.language = chinese;
  guess.confidence = counts.cjk_share();
  const CLD2::Language top = cld2.languages[0];
  guess.detected =
      (top == CLD2::CHINESE || top == CLD2::CHINESE_T) ? CLD2::LanguageCode(top) : "zh";
  guess.reliable =
      guess.confidence >= kReliableChineseShare || (guess.detected != "zh" && cld2.reliable);
  return guess;
}

LanguageGuess guess_latin(const Cld2Answer& cld2, const DetectorOptions& options) {
  LanguageGuess guess;
  guess.detected = CLD2::LanguageCode(cld2.languages[0]);
  for (std::size_t i = 0; i < cld2.languages.size(); ++i) {
    const Language language = analyzable(cld2.languages[i]);
    if (language == Language::Unknown || cld2.percents[i] == 0) continue;
    guess.language = language;
    guess.confidence = cld2.percents[i] / 100.0;
    guess.reliable = cld2.reliable && i == 0;
    if (i != 0) guess.detected = CLD2::LanguageCode(cld2.languages[i]);
    return guess;
  }
  guess.language = options.fallback;
  guess.fell_back = true;
  guess.reliable = cld2.reliable;
  guess.confidence = cld2.percents[0] / 100.0;
  return guess;
}

}  // namespace

LanguageGuess detect_language(std::string_view utf8, const DetectorOptions& options) {
  detail::require_valid_utf8(utf8);
  const std::string_view sample = utf8.substr(0, detail::utf8_prefix_length(utf8, kSampleBytes));
  const ScriptCounts counts = count_letters(sample);
  if (counts.letters() == 0) {
    LanguageGuess none;
    none.language = options.fallback;
    none.fell_back = true;
    return none;
  }
  const Cld2Answer cld2 = ask_cld2(sample);
  const Language chinese = detail::language_of_script(USCRIPT_HAN);
  if (chinese != Language::Unknown && counts.cjk_share() >= kMinChineseShare) {
    if (static_cast<double>(counts.kana) > 0.1 * static_cast<double>(counts.han + counts.kana)) {
      LanguageGuess japanese;
      japanese.language = options.fallback;
      japanese.detected = "ja";
      japanese.fell_back = true;
      japanese.confidence = counts.cjk_share();
      return japanese;
    }
    return guess_chinese(chinese, counts, cld2);
  }
  return guess_latin(cld2, options);
}

}  // namespace polysearch
