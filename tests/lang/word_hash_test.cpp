// The German splitter's word tables (lib/lang/word_hash.hpp): a word is found by its hash,
// and the filter in front of the large tables never turns a word away that was put in.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "lang/word_hash.hpp"

using polysearch::detail::word_hash;
using polysearch::detail::WordHashFilter;
using polysearch::detail::WordHashMap;

namespace {

std::uint64_t hash_of(const std::u16string& word) { return word_hash(word.data(), word.size()); }

std::u16string numbered(char16_t first, int i) {
  return std::u16string(1, first) + u"wort" +
         std::u16string(1, static_cast<char16_t>(u'a' + i % 26)) +
         std::u16string(1, static_cast<char16_t>(u'a' + (i / 26) % 26)) +
         std::u16string(1, static_cast<char16_t>(u'a' + (i / 676) % 26));
}

}  // namespace

TEST_CASE("word hash: a map finds what it holds, and only that") {
  WordHashMap<std::uint32_t> map;
  for (int i = 0; i < 5000; ++i)
    map.insert(hash_of(numbered(u'k', i)), static_cast<std::uint32_t>(i));
  CHECK(map.size() == 5000);
  for (int i = 0; i < 5000; ++i) {
    const std::uint32_t* value = map.find(hash_of(numbered(u'k', i)));
    REQUIRE(value != nullptr);
    CHECK(*value == static_cast<std::uint32_t>(i));
  }
  CHECK(map.find(hash_of(u"keinwort")) == nullptr);
  map.insert(hash_of(numbered(u'k', 7)), 99);  // the first value stays
  CHECK(*map.find(hash_of(numbered(u'k', 7))) == 7);
  CHECK(word_hash(u"", 0) != 0);  // 0 marks an empty slot
}

TEST_CASE("word hash: the filter lets every inserted key through and stops most others") {
  WordHashFilter filter;
  CHECK(filter.may_contain(hash_of(u"haus")));  // not sized: perhaps, to everything
  filter.insert(hash_of(u"haus"));              // and inserting is a no-op, not a crash
  constexpr int kWords = 20000;
  filter.reserve(kWords);
  for (int i = 0; i < kWords; ++i) filter.insert(hash_of(numbered(u'k', i)));
  for (int i = 0; i < kWords; ++i) {
    CAPTURE(i);
    REQUIRE(filter.may_contain(hash_of(numbered(u'k', i))));
  }
  int let_through = 0;
  for (int i = 0; i < kWords; ++i) let_through += filter.may_contain(hash_of(numbered(u'q', i)));
  MESSAGE("false positives: " << let_through << " of " << kWords);
  CHECK(let_through < kWords / 20);  // about 2% expected
  // 32-bit fingerprints and tags with their low bits cleared are keys too.
  WordHashFilter tags;
  tags.reserve(1000);
  for (std::uint64_t i = 1; i <= 1000; ++i) tags.insert(i << 16);
  for (std::uint64_t i = 1; i <= 1000; ++i) REQUIRE(tags.may_contain(i << 16));
}
