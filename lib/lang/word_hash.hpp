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

// FNV-1a over UTF-16 units, one unit at a time: the hashes of a word's prefixes come on
// the way (the splitter looks up every span of a word).
constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t fnv_step(std::uint64_t state, char16_t unit) {
  return (state ^ unit) * 1099511628211ULL;
}

// The word_hash of the units an FNV-1a `state` has taken.
constexpr std::uint64_t finish_word_hash(std::uint64_t state) {
  state ^= state >> 33;  // spread the bits: slots are taken from them
  state *= 0xff51afd7ed558ccdULL;
  state ^= state >> 33;
  return state == 0 ? 1 : state;
}

// A word's 64-bit hash (FNV-1a over its UTF-16 units, then mixed), never 0.
inline std::uint64_t word_hash(const char16_t* units, std::size_t length) {
  std::uint64_t state = kFnvOffset;
  for (std::size_t i = 0; i < length; ++i) state = fnv_step(state, units[i]);
  return finish_word_hash(state);
}

// The slots (a power of two, at least `current`) that hold `words` at most two thirds full.
inline std::size_t slots_for(std::size_t words, std::size_t current) {
  std::size_t slots = std::max<std::size_t>(256, current);
  while ((words + 1) * 3 > slots * 2) slots *= 2;
  return slots;
}

// word_hash → a value, by open addressing (at most two thirds full).  A slot keeps the hash
// and its value together, so that a look-up reads one cache line (the caches are asked for
// every word of six letters or more of a text).
template <typename Value>
class WordHashMap {
 public:
  // Room for `words` without growing.
  void reserve(std::size_t words) {
    const std::size_t slots = slots_for(words, slots_.size());
    if (slots > slots_.size()) rehash(slots);
  }

  // The value stored for `hash`, or null.
  [[nodiscard]] const Value* find(std::uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask; slots_[slot].hash != 0; slot = (slot + 1) & mask) {
      if (slots_[slot].hash == hash) return &slots_[slot].value;
    }
    return nullptr;
  }

  // Stores `value` for `hash`, unless it has one already.
  void insert(std::uint64_t hash, Value value) {
    if ((size_ + 1) * 3 > slots_.size() * 2) grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = hash & mask;
    for (; slots_[slot].hash != 0; slot = (slot + 1) & mask) {
      if (slots_[slot].hash == hash) return;
    }
    slots_[slot] = Slot{hash, value};
    ++size_;
  }

  void clear() {
    slots_.clear();
    size_ = 0;
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;  // 0 is empty
    Value value{};
  };

  void grow() { rehash(std::max<std::size_t>(256, slots_.size() * 2)); }  // small for a query

  void rehash(std::size_t count) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(count, Slot{});
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.hash != 0) insert(slot.hash, slot.value);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

// A set of word hashes: the hashes alone, 8 bytes a slot (450,000 nouns in 8 MB).
class WordHashSet {
 public:
  void reserve(std::size_t words) {
    const std::size_t slots = slots_for(words, hashes_.size());
    if (slots > hashes_.size()) rehash(slots);
  }

  [[nodiscard]] bool contains(std::uint64_t hash) const {
    if (hashes_.empty()) return false;
    const std::size_t mask = hashes_.size() - 1;
    for (std::size_t slot = hash & mask; hashes_[slot] != 0; slot = (slot + 1) & mask) {
      if (hashes_[slot] == hash) return true;
    }
    return false;
  }

  void insert(std::uint64_t hash) {
    if ((size_ + 1) * 3 > hashes_.size() * 2)
      rehash(std::max<std::size_t>(256, hashes_.size() * 2));
    const std::size_t mask = hashes_.size() - 1;
    std::size_t slot = hash & mask;
    for (; hashes_[slot] != 0; slot = (slot + 1) & mask) {
      if (hashes_[slot] == hash) return;
    }
    hashes_[slot] = hash;
    ++size_;
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  void rehash(std::size_t count) {
    std::vector<std::uint64_t> old = std::move(hashes_);
    hashes_.assign(count, 0);
    size_ = 0;
    for (const std::uint64_t hash : old) {
      if (hash != 0) insert(hash);
    }
  }

  std::vector<std::uint64_t> hashes_;  // 0 is empty
  std::size_t size_ = 0;
};

// A Bloom filter of word hashes that answers "surely not" from one cache line, before a
// look-up in a table too large for the processor's caches (the nouns' 9 MB, the forms' and
// the dictionary's 4 MB each): the splitter asks about many more substrings of a word than
// there are words in it, and a look-up in such a table mostly misses the caches (the
// three filters made the first meeting of a word about 15% faster).  Two bits
// per word in a 64-byte block, about 18 bits per word: about 1 in 50 words not inserted
// is let through, to be answered by the table.
class WordHashFilter {
 public:
  // Sized for `words`; clears what was inserted.
  void reserve(std::size_t words) {
    std::size_t blocks = 1;
    while (blocks * kBlockBits < words * 16) blocks *= 2;
    blocks_.assign(blocks, Block{});
  }

  // Sized for `count` keys and filled with those of a complete table's `slots` (0: an empty
  // slot); `key_of` turns a slot into its key.
  template <typename Slot, typename KeyOf>
  void build(const std::vector<Slot>& slots, std::size_t count, KeyOf&& key_of) {
    reserve(count);
    for (const Slot& slot : slots) {
      if (slot != 0) insert(key_of(slot));
    }
  }

  // `key`: any 64-bit key, a word_hash or a table's tag or fingerprint of one (mixed here).
  void insert(std::uint64_t key) {
    if (blocks_.empty()) return;  // not sized: may_contain answers "perhaps" to all
    const std::uint64_t hash = mix(key);
    Block& block = blocks_[(hash >> 32) & (blocks_.size() - 1)];
    block.bits[first(hash) / 64] |= std::uint64_t{1} << (first(hash) % 64);
    block.bits[second(hash) / 64] |= std::uint64_t{1} << (second(hash) % 64);
  }

  // False: never inserted.  True: perhaps (always, when nothing was reserved).
  [[nodiscard]] bool may_contain(std::uint64_t key) const {
    if (blocks_.empty()) return true;
    const std::uint64_t hash = mix(key);
    const Block& block = blocks_[(hash >> 32) & (blocks_.size() - 1)];
    return ((block.bits[first(hash) / 64] >> (first(hash) % 64)) & 1) != 0 &&
           ((block.bits[second(hash) / 64] >> (second(hash) % 64)) & 1) != 0;
  }

 private:
  static constexpr std::size_t kBlockBits = 512;
  struct alignas(64) Block {
    std::uint64_t bits[kBlockBits / 64] = {};
  };
  static std::uint64_t mix(std::uint64_t key) {
    key ^= key >> 31;
    key *= 0x9E3779B97F4A7C15ULL;
    return key ^ (key >> 29);
  }
  // Bits within the block, apart from those of the block's index.
  static std::size_t first(std::uint64_t hash) { return (hash >> 23) & (kBlockBits - 1); }
  static std::size_t second(std::uint64_t hash) { return (hash >> 14) & (kBlockBits - 1); }

  std::vector<Block> blocks_;
};

}  // namespace polysearch::detail
