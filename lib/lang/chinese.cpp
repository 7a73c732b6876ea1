// Chinese: no stemmer, no stop list; ICU's dictionary word break (in analyzer.cpp, by
// script) and Traditional → Simplified folding, defined here.
#include "lang/chinese.hpp"

#include <unicode/uscript.h>

#include <mutex>

#include "lang/profile.hpp"
#include "util/icu_status.hpp"

namespace polysearch::detail {
namespace {

// Compiling the transform's rules takes milliseconds; compile once, clone per folder.
std::unique_ptr<icu::Transliterator> clone_traditional_to_simplified() {
  static std::mutex mutex;
  static std::unique_ptr<icu::Transliterator> prototype;
  const std::lock_guard<std::mutex> lock(mutex);
  if (!prototype) {
    UErrorCode status = U_ZERO_ERROR;
    prototype.reset(icu::Transliterator::createInstance("Traditional-Simplified",
                                                        UTRANS_FORWARD, status));
    check_icu(status, "Transliterator::createInstance(Traditional-Simplified)");
  }
  return std::unique_ptr<icu::Transliterator>(prototype->clone());
}

bool may_contain_han(const icu::UnicodeString& text) {
  const char16_t* buffer = text.getBuffer();
  for (int32_t i = 0; i < text.length(); ++i) {
    if (buffer[i] >= 0x2E80) return true;  // CJK radicals onwards, or a surrogate
  }
  return false;
}

bool same_shape(const icu::UnicodeString& a, const icu::UnicodeString& b) {
  if (a.length() != b.length()) return false;
  for (int32_t i = 0; i < a.length(); ++i) {
    if (U16_IS_SURROGATE(a.charAt(i)) != U16_IS_SURROGATE(b.charAt(i))) return false;
  }
  return true;
}

}  // namespace

bool is_han(UChar32 c) noexcept {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN;
}

HanScriptFolder::HanScriptFolder() : transliterator_(clone_traditional_to_simplified()) {}
HanScriptFolder::~HanScriptFolder() = default;
HanScriptFolder::HanScriptFolder(HanScriptFolder&&) noexcept = default;
HanScriptFolder& HanScriptFolder::operator=(HanScriptFolder&&) noexcept = default;

void HanScriptFolder::fold(icu::UnicodeString& text, std::vector<std::uint32_t>& offsets) {
  if (!may_contain_han(text)) return;
  int32_t i = 0;
  while (i < text.length()) {
    if (!is_han(text.char32At(i))) {
      i += U16_LENGTH(text.char32At(i));
      continue;
    }
    int32_t end = i;
    while (end < text.length() && is_han(text.char32At(end))) end += U16_LENGTH(text.char32At(end));
    icu::UnicodeString run(text, i, end - i);
    const icu::UnicodeString original = run;
    transliterator_->transliterate(run);
    if (same_shape(run, original)) {
      // Character for character, as almost always: offsets stay valid.
      text.replace(i, end - i, run);
      i = end;
    } else {
      const int32_t old_length = text.length();
      fold_per_character(text, offsets, i, end);
      i = end + (text.length() - old_length);
    }
  }
}

void HanScriptFolder::fold_per_character(icu::UnicodeString& text,
                                         std::vector<std::uint32_t>& offsets, int32_t begin,
                                         int32_t end) {
  icu::UnicodeString folded;
  std::vector<std::uint32_t> folded_offsets;
  for (int32_t i = begin; i < end;) {
    const UChar32 c = text.char32At(i);
    icu::UnicodeString one(c);
    transliterator_->transliterate(one);
    folded.append(one);
    folded_offsets.insert(folded_offsets.end(), static_cast<std::size_t>(one.length()),
                          offsets[static_cast<std::size_t>(i)]);
    i += U16_LENGTH(c);
  }
  text.replace(begin, end - begin, folded);
  offsets.erase(offsets.begin() + begin, offsets.begin() + end);
  offsets.insert(offsets.begin() + begin, folded_offsets.begin(), folded_offsets.end());
}

const LanguageProfile& chinese_profile() {
  static const LanguageProfile profile{Language::Chinese, nullptr, nullptr, {}};
  return profile;
}

}  // namespace polysearch::detail
