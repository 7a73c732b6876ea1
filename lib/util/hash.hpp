#pragma once
// FNV-1a, 64 bits: a hash that never changes between versions or machines, for values
// stored in indexes (long ids, shard numbers).
#include <cstdint>
#include <string_view>

namespace polysearch::detail {

inline std::uint64_t fnv1a64(std::string_view bytes) noexcept {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace polysearch::detail
