#include "analysis/dictionary_segmenter.hpp"

#include <algorithm>

#include "lang/chinese.hpp"

namespace polysearch::detail {

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
    chosen.emplace_back(word_begin, word_begin + take);
    i += static_cast<std::size_t>(take);
  }
}

}  // namespace polysearch::detail
