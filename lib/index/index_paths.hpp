#pragma once
// Paths around an index directory: its size on disk, and the siblings that compaction
// and IndexBuilder write beside it (`<index>.compacting`, `<index>.indexing`).
#include <cstdint>
#include <filesystem>

namespace polysearch::detail {

// The bytes of the regular files below `directory` (0 when it cannot be read).
[[nodiscard]] std::uint64_t directory_bytes(const std::filesystem::path& directory);

// The absolute, lexically normal path: "dir/idx" for "dir/idx/" too, since siblings are
// named after the last component.
[[nodiscard]] std::filesystem::path normalized_index_path(const std::filesystem::path& index);

// `<index><suffix>`, beside it.
[[nodiscard]] std::filesystem::path sibling_path(const std::filesystem::path& index,
                                                 const char* suffix);

}  // namespace polysearch::detail
