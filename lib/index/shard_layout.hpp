#pragma once
// A sharded index: a directory holding shard-1 … shard-N, each a complete polysearch index,
// and a Xapian stub file XAPIANDB ("auto shard-1" a line) naming them, so that opening the
// directory for reading opens every shard as one database (docs/SCALING.md).  Documents
// go to a shard by a hash of their id, so adding an id again replaces it in its shard.
#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

namespace polysearch::detail {

inline constexpr std::string_view kStubFile = "XAPIANDB";

// The shard directories listed by `directory`'s stub file, in order; empty when it has none
// (a plain index, or nothing yet).  @throws IndexError for a stub polysearch did not write.
[[nodiscard]] std::vector<std::filesystem::path> read_shard_layout(
    const std::filesystem::path& directory);

// Creates `count` shard directories and the stub naming them; returns their paths.
std::vector<std::filesystem::path> create_shard_layout(const std::filesystem::path& directory,
                                                       std::size_t count);

// Removes the stub and the shard directories it names (for OpenMode::Overwrite).
void remove_shard_layout(const std::filesystem::path& directory);

// Whether `directory` holds a Xapian database whose term lists compact_index() dropped
// (CompactOptions::archive): searchable, not writable.
[[nodiscard]] bool is_archive_database(const std::filesystem::path& directory);

// Which of `count` shards holds the document with this id (FNV-1a; stable across versions).
[[nodiscard]] std::size_t shard_of(std::string_view id, std::size_t count) noexcept;

}  // namespace polysearch::detail
