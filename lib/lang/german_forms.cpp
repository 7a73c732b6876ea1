#include "lang/german_forms.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace polysearch::detail {

namespace {

constexpr std::size_t kLongestWord = 100;  // Hunspell's MAXWORDLEN: longer words are unknown
constexpr std::size_t kShortestPart = 2;   // de_DE.aff's COMPOUNDMIN
constexpr std::array<std::u16string_view, 6> kLinks = {u"s", u"es", u"n", u"en", u"er", u"e"};

// 32 bits of the hash: a table of 540,000 forms in 4 MB.  A false match (about one look-up
// in 8,000) only lets a word through to Hunspell, which then answers.
std::uint32_t fingerprint(std::uint64_t hash) {
  return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

// Appends `c` as forms are compared: lower case, ß as "ss" (GRÖSSE, Strasse: the
// dictionary has Größe, Straße).
template <typename Append>
void append_normalized(UChar32 c, Append&& append) {
  c = u_tolower(c);  // ẞ too
  if (c == U'ß') {
    append(u's');
    append(u's');
  } else if (c <= 0xFFFF) {
    append(static_cast<char16_t>(c));
  }
}

}  // namespace

void GermanForms::add(std::string_view utf8) {
  // FNV-1a hashes each prefix from the last: the hashes of the form without its final -e
  // or -en come on the way (a modifier may drop them: Schul- of Schule).
  std::array<std::uint64_t, kLongestWord + 3> prefix_hash;  // NOLINT: written before read
  std::array<char16_t, kLongestWord + 3> form;
  std::size_t length = 0;
  prefix_hash[0] = kFnvOffset;
  const auto append = [&](char16_t unit) {
    form[length] = unit;
    prefix_hash[length + 1] = fnv_step(prefix_hash[length], unit);
    ++length;
  };
  for (int32_t i = 0; i < static_cast<int32_t>(utf8.size());) {
    if (length + 2 > kLongestWord) return;  // longer than any word Hunspell reads
    const auto byte = static_cast<unsigned char>(utf8[static_cast<std::size_t>(i)]);
    if (byte < 0x80) {  // most of the list: ASCII, lower-cased here
      append(static_cast<char16_t>(byte >= 'A' && byte <= 'Z' ? byte + 0x20 : byte));
      ++i;
      continue;
    }
    UChar32 c;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"  // inside ICU's macro
    U8_NEXT(utf8.data(), i, static_cast<int32_t>(utf8.size()), c);
#pragma GCC diagnostic pop
    if (c < 0) return;  // not UTF-8: no form
    append_normalized(c, append);
  }
  add_hash(prefix_hash[length], length);
  if (length >= 1 && form[length - 1] == u'e') add_hash(prefix_hash[length - 1], length - 1);
  if (length >= 2 && form[length - 2] == u'e' && form[length - 1] == u'n') {
    add_hash(prefix_hash[length - 2], length - 2);
  }
}

void GermanForms::reserve(std::size_t forms) {
  std::size_t slots = 1024;
  while (slots < forms + forms / 2) slots *= 2;  // at most two thirds full
  if (slots <= slots_.size()) return;
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(slots, 0);
  size_ = 0;
  for (const std::uint32_t kept : old) {
    if (kept != 0) insert(kept);
  }
}

void GermanForms::add_hash(std::uint64_t hash, std::size_t length) {
  if (length < kShortestPart) return;
  insert(fingerprint(hash));
  longest_ = std::max(longest_, length);
}

void GermanForms::insert(std::uint32_t fingerprint) {
  if (fingerprint == 0) fingerprint = 1;
  filter_.insert(fingerprint);  // after seal(), a later form must pass the filter too
  if ((size_ + 1) * 3 > slots_.size() * 2) reserve(size_ * 2 + 1);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = fingerprint & mask;; slot = (slot + 1) & mask) {
    if (slots_[slot] == fingerprint) return;
    if (slots_[slot] == 0) {
      slots_[slot] = fingerprint;
      ++size_;
      return;
    }
  }
}

void GermanForms::seal() {
  filter_.build(slots_, size_, [](std::uint32_t fingerprint) { return fingerprint; });
}

bool GermanForms::contains(std::uint32_t fingerprint) const {
  if (slots_.empty()) return false;
  if (fingerprint == 0) fingerprint = 1;
  if (!filter_.may_contain(fingerprint)) return false;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = fingerprint & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    if (slots_[slot] == fingerprint) return true;
  }
  return false;
}

bool GermanForms::composable(const icu::UnicodeString& word) const { return most_parts(word) > 0; }

int GermanForms::most_parts(const icu::UnicodeString& word) const {
  if (word.isEmpty() || static_cast<std::size_t>(word.length()) > kLongestWord) return 0;
  std::u16string text;
  text.reserve(static_cast<std::size_t>(word.length()) + 4);
  for (int32_t i = 0; i < word.length();) {
    const UChar32 c = word.char32At(i);
    append_normalized(c, [&text](char16_t unit) { text.push_back(unit); });
    i += U16_LENGTH(c);
  }
  const std::size_t n = text.size();
  // parts[i]: the most forms a run of them (with links) covering text[0, i) has; 0 when
  // no run reaches i.  Forms are at least two letters, so a word has at most 100 parts.
  std::array<int, kLongestWord * 2 + 1> parts{};  // ß may double a unit
  if (n >= parts.size()) return 0;
  const auto reach = [&](std::size_t at, int count) { parts[at] = std::max(parts[at], count); };
  for (std::size_t begin = 0; begin < n; ++begin) {
    if (begin > 0 && parts[begin] == 0) continue;
    const int count = parts[begin] + 1;
    std::uint64_t hash = kFnvOffset;
    for (std::size_t end = begin + 1; end <= n && end - begin <= longest_; ++end) {
      hash = fnv_step(hash, text[end - 1]);
      if (end - begin < kShortestPart || !contains(fingerprint(hash))) continue;
      reach(end, count);
      for (const std::u16string_view link : kLinks) {
        if (end + link.size() <= n && text.compare(end, link.size(), link) == 0) {
          reach(end + link.size(), count);
        }
      }
    }
  }
  return parts[n];
}

}  // namespace polysearch::detail
