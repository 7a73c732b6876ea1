#include "lang/dictionary_segmenter.hpp"

#include <unicode/uchar.h>

#include <algorithm>

#include "lang/chinese_script.hpp"

namespace polysearch::detail {
namespace {

bool attaches_to_previous(UChar32 c) {
  const auto word_break = u_getIntPropertyValue(c, UCHAR_WORD_BREAK);
  return word_break == U_WB_EXTEND || word_break == U_WB_FORMAT || word_break == U_WB_ZWJ;
}

}  // namespace

DictionarySegmenter::DictionarySegmenter(const UserDictionary& dictionary, bool fold_script,
                                         bool fold_variants)
    : starts_word_(0x10000, false) {
  HanScriptFolder folder(fold_variants);
  std::vector<std::uint32_t> offsets;
  for (const auto& [word, frequency] : dictionary.words()) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(word);
    if (fold_script) {
      offsets.assign(static_cast<std::size_t>(text.length()) + 1, 0);
      folder.fold(text, offsets);
    }
    std::u16string units(text.getBuffer(), static_cast<std::size_t>(text.length()));
    if (units.empty()) continue;
    // Two spellings may fold to one word: keep the higher frequency.
    auto found = words_.find(units);
    if (found != words_.end()) {
      found->second = std::max(found->second, frequency);
      continue;
    }
    storage_.push_back(std::move(units));
    const std::u16string& stored = storage_.back();
    words_.emplace(std::u16string_view(stored), frequency);
    starts_word_[stored.front()] = true;
    longest_ = std::max(longest_, static_cast<int32_t>(stored.size()));
  }
}

void DictionarySegmenter::choose(const icu::UnicodeString& text, int32_t begin, int32_t end,
                                 std::vector<std::pair<int32_t, int32_t>>& chosen) {
  chosen.clear();
  const char16_t* units = text.getBuffer();
  const auto length = static_cast<std::size_t>(end - begin);
  best_.assign(length + 1, Best{});
  // best_[i]: the best choice for text[begin + i, end), filled from the end.
  for (std::size_t i = length; i-- > 0;) {
    Best best = best_[i + 1];
    best.take = 0;
    const char16_t* start = units + begin + static_cast<int32_t>(i);
    if (starts_word_[*start]) {
      const std::size_t longest = std::min(length - i, static_cast<std::size_t>(longest_));
      for (std::size_t size = 2; size <= longest; ++size) {
        const auto found = words_.find(std::u16string_view(start, size));
        if (found == words_.end()) continue;
        const Best& rest = best_[i + size];
        const Best candidate{rest.covered + static_cast<int32_t>(size), rest.words + 1,
                             rest.frequency + found->second, static_cast<int32_t>(size)};
        if (candidate.better_than(best)) best = candidate;
      }
    }
    best_[i] = best;
  }
  for (std::size_t i = 0; i < length;) {
    const int32_t take = best_[i].take;
    if (take == 0) {
      ++i;
      continue;
    }
    const int32_t word_begin = begin + static_cast<int32_t>(i);
    int32_t word_end = word_begin + take;
    // ICU's word rules keep a character with the marks and format characters after it
    // (rule WB4: a variation selector, U+FEFF, a combining accent).  Cutting them off after
    // a word made a piece of their own, which the analysis drops (they fold to nothing),
    // leaving hybrid segmentation's bigrams after it without their word (found by
    // tests/fuzz/dictionary_fuzz.cpp).
    while (word_end < end && attaches_to_previous(text.char32At(word_end))) {
      word_end = text.moveIndex32(word_end, 1);
    }
    chosen.emplace_back(word_begin, word_end);
    i = static_cast<std::size_t>(word_end - begin);
  }
}

}  // namespace polysearch::detail
