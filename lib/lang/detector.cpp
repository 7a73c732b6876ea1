// Language detection for documents and short texts.  Script decides Chinese, the language
// that owns Han (CLD2 handles Han too, but a count of letters by script is exact and
// explains itself); CLD2 decides among the other languages, by the CLD2 codes in their
// profiles, helped on short texts by a vote of function words (guess_latin).  Only the
// first kSampleBytes are read: detection is for choosing an analyzer, and a document's
// opening is as telling as its whole.
#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <optional>
#include <string>

#include "lang/function_words.hpp"
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

// Short texts: up to this size a text may be a title, a sentence or a question, on which
// CLD2 needs help (see guess_latin).
constexpr std::size_t kShortTextBytes = 1024;
// The vote of function words reads no more than this: enough for any short text, and a
// long one that reaches the vote (CLD2 unsure, or saying English) is told by its opening.
constexpr std::size_t kVoteBytes = 4096;

detail::FunctionWordVote vote_on_opening(std::string_view text, bool against_other_languages) {
  return detail::vote_by_function_words(
      text.substr(0, detail::utf8_prefix_length(text, kVoteBytes)), against_other_languages);
}

// What CLD2 says of short text it cannot place ("Very short indeterminate text defaults to
// ENGLISH", compact_lang_det.h), and of a short sentence that names English things.
constexpr CLD2::Language kCld2ShortTextDefault = CLD2::ENGLISH;

struct Cld2Answer {
  std::array<CLD2::Language, 3> languages{};
  std::array<int, 3> percents{};
  bool reliable = false;
  // Without kCLDFlagBestEffort CLD2 answers UNKNOWN_LANGUAGE when it is not sure.
  [[nodiscard]] bool unsure() const { return languages[0] == CLD2::UNKNOWN_LANGUAGE; }
};

// CLD2's top three languages.  With `best_effort` it always names one, even on a word or
// two (where it often defaults to English); without, only when it is sure.
Cld2Answer ask_cld2(std::string_view utf8, bool best_effort) {
  Cld2Answer answer;
  std::array<double, 3> scores{};
  int text_bytes = 0;
  const CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::ExtDetectLanguageSummary(utf8.data(), static_cast<int>(utf8.size()), true, &hints,
                                 best_effort ? CLD2::kCLDFlagBestEffort : 0,
                                 answer.languages.data(), answer.percents.data(), scores.data(),
                                 nullptr, &text_bytes, &answer.reliable);
  return answer;
}

// The analyzer for a CLD2 answer (LanguageProfile::cld2_codes), or Unknown.
Language analyzable(CLD2::Language language) {
  return detail::language_of_cld2_code(CLD2::LanguageCode(language));
}

// Whether `code` is the language's own CLD2 code (the first it lists), not that of a close
// language it takes (Portuguese: "gl").
bool is_own_cld2_code(Language language, std::string_view code) {
  const std::string_view codes = detail::profile_for(language).cld2_codes;
  return codes.substr(0, codes.find(' ')) == code;
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

// A guess from the vote of function words.  Confidence is the chance that the next word
// setting the winner apart from its closest rival is the winner's, by Laplace's rule of
// succession ((w + 1) / (w + r + 2): one word to none is 0.67, four to none 0.83);
// reliable when the winner leads by two words or more.
LanguageGuess from_vote(const detail::FunctionWordVote& vote) {
  LanguageGuess guess;
  guess.language = vote.language;
  guess.detected = std::string(language_code(vote.language));
  guess.confidence =
      static_cast<double>(vote.words + 1) / static_cast<double>(vote.words + vote.rival_words + 2);
  guess.reliable = vote.words >= vote.rival_words + 2;
  return guess;
}

// The first of CLD2's three languages that has an analyzer.  A close language's code
// ("gl", which CLD2 gives short Spanish too) is checked by a vote of the supported
// languages' function words first.  `sure`: CLD2 was not asked for its best effort.
std::optional<LanguageGuess> from_cld2(std::string_view text, const Cld2Answer& cld2, bool sure) {
  for (std::size_t i = 0; i < cld2.languages.size(); ++i) {
    const Language language = analyzable(cld2.languages[i]);
    if (language == Language::Unknown || cld2.percents[i] == 0) continue;
    const std::string code = CLD2::LanguageCode(cld2.languages[i]);
    if (!is_own_cld2_code(language, code)) {
      const detail::FunctionWordVote vote = vote_on_opening(text, false);
      if (vote.language != Language::Unknown) return from_vote(vote);
    }
    LanguageGuess guess;
    guess.language = language;
    guess.detected = code;
    guess.confidence = cld2.percents[i] / 100.0;
    guess.reliable = sure && cld2.reliable && i == 0;
    return guess;
  }
  return std::nullopt;
}

// `text` without the words that start with a capital letter, except a sentence's first:
// names, which pull CLD2 towards their own language ("Notre Dame" → French).
std::string without_names(std::string_view text) {
  std::string out;
  bool sentence_start = true;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    const std::size_t begin = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    if (i == begin) break;
    const std::string_view word = text.substr(begin, i - begin);
    bool capitalized = false;
    for (std::size_t j = 0; j < word.size();) {
      const auto c = static_cast<UChar32>(detail::decode_utf8(word, j));
      if (u_isalpha(c) != 0) {
        capitalized = u_isupper(c) != 0;
        break;
      }
    }
    if (!capitalized || sentence_start) {
      if (!out.empty()) out += ' ';
      out += word;
    }
    const char last = word.back();
    sentence_start = last == '.' || last == '!' || last == '?' || last == ':';
  }
  return out;
}

// Latin-script (and any other non-Han) text.  CLD2 decides documents well, but a sentence is
// too short for it: it takes short Spanish for Galician, and calls a sentence that names
// English things English, as it does short text it is unsure of.  So, in order:
//  1. CLD2, not asked for its best effort, names a supported language: that one (a close
//     language's code, Galician, goes to the function words first, see from_cld2);
//  2. CLD2 is unsure or says English: the vote of function words, against those of English,
//     French, Italian, Catalan and Dutch too (lang/function_words.hpp);
//  3. CLD2's best effort, when it was unsure;
//  4. on a short text, CLD2's best effort on it without its names;
//  5. the fallback, with what CLD2 said.
LanguageGuess guess_latin(std::string_view text, const DetectorOptions& options) {
  const Cld2Answer sure = ask_cld2(text, false);
  if (auto guess = from_cld2(text, sure, true)) return *guess;
  if (sure.unsure() || sure.languages[0] == kCld2ShortTextDefault) {
    const detail::FunctionWordVote vote = vote_on_opening(text, true);
    if (vote.language != Language::Unknown) return from_vote(vote);
  }
  Cld2Answer said = sure;
  if (sure.unsure()) {
    said = ask_cld2(text, true);
    if (auto guess = from_cld2(text, said, false)) return *guess;
  }
  if (text.size() <= kShortTextBytes) {
    const std::string unnamed = without_names(text);
    if (!unnamed.empty() && unnamed != text) {
      if (auto guess = from_cld2(unnamed, ask_cld2(unnamed, true), false)) return *guess;
    }
  }
  LanguageGuess guess;
  guess.language = options.fallback;
  guess.fell_back = true;
  if (!said.unsure()) guess.detected = CLD2::LanguageCode(said.languages[0]);
  guess.reliable = !sure.unsure() && sure.reliable;
  guess.confidence = said.percents[0] / 100.0;
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
    return guess_chinese(chinese, counts, ask_cld2(sample, true));
  }
  return guess_latin(sample, options);
}

}  // namespace polysearch
