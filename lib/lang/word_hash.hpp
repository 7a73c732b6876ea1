#pragma once
// Words by their 64-bit hash: the German splitter's lexicons and caches look a word up by
// hash alone, without copying it or comparing strings (they run for every word of six
// letters or more of a text).  Two of a million words share a hash with a chance of about
// 1 in 30 million.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace polysearch::detail {

// A word's 64-bit hash (FNV-1a over its UTF-16 units, then mixed), never 0.
inline std::uint64_t word_hash(const char16_t* units, std::size_t length) {
  std::uint64_t hash = 14695981039346656037ULL;  // FNV-1a
  for (std::size_t i = 0; i < length; ++i) hash = (hash ^ units[i]) * 1099511628211ULL;
  hash ^= hash >> 33;  // spread the bits: slots are taken from them
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  return hash == 0 ? 1 : hash;
}

// word_hash → a value, by open addressing (at most two thirds full).  A set of words is a
// map to bytes never read (WordHashSet): 450,000 nouns in 9 MB.
template <typename Value>
class WordHashMap {
 public:
  // Room for `words` without growing (the lexicon's nouns load all at once).
  void reserve(std::size_t words) {
    std::size_t slots = std::max<std::size_t>(256, hashes_.size());
    while ((words + 1) * 3 > slots * 2) slots *= 2;
    if (slots > hashes_.size()) rehash(slots);
  }

  // The value stored for `hash`, or null.
  [[nodiscard]] const Value* find(std::uint64_t hash) const {
    if (hashes_.empty()) return nullptr;
    const std::size_t mask = hashes_.size() - 1;
    for (std::size_t slot = hash & mask; hashes_[slot] != 0; slot = (slot + 1) & mask) {
      if (hashes_[slot] == hash) return &values_[slot];
    }
    return nullptr;
  }

  // Stores `value` for `hash`, unless it has one already.
  void insert(std::uint64_t hash, Value value) {
    if ((size_ + 1) * 3 > hashes_.size() * 2) grow();
    const std::size_t mask = hashes_.size() - 1;
    std::size_t slot = hash & mask;
    for (; hashes_[slot] != 0; slot = (slot + 1) & mask) {
      if (hashes_[slot] == hash) return;
    }
    hashes_[slot] = hash;
    values_[slot] = value;
    ++size_;
  }

  void clear() {
    hashes_.clear();
    values_.clear();
    size_ = 0;
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  void grow() { rehash(std::max<std::size_t>(256, hashes_.size() * 2)); }  // small for a query

  void rehash(std::size_t slots) {
    std::vector<std::uint64_t> hashes = std::move(hashes_);
    std::vector<Value> values = std::move(values_);
    hashes_.assign(slots, 0);
    values_.assign(slots, 0);
    size_ = 0;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
      if (hashes[i] != 0) insert(hashes[i], values[i]);
    }
  }

  std::vector<std::uint64_t> hashes_;  // 0 is empty
  std::vector<Value> values_;
  std::size_t size_ = 0;
};

using WordHashSet = WordHashMap<std::uint8_t>;

}  // namespace polysearch::detail
