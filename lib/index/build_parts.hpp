#pragma once
// The parts of an IndexBuilder: Xapian databases in `<index>.indexing/part-NNNNNN`, one
// per run of documents, merged in run order into the index at the end.
#include <xapian.h>

#include <cstddef>
#include <filesystem>

#include "index/shard_writer.hpp"
#include "polysearch/index_builder.hpp"

namespace polysearch::detail {

class BuildParts {
 public:
  BuildParts() = default;

  // Makes the work directory beside `index` (canonical, its lock held by the caller),
  // replacing one a killed build left there.
  static BuildParts create(const std::filesystem::path& index);

  // A new part for run `number`, written without fsync (the merge syncs).
  [[nodiscard]] ShardWriter open_part(std::size_t number) const;

  // Merges the first `count` parts, in order, after the (empty, locked) index into a
  // compacted copy; a document given again in a later part replaces the earlier one at
  // its document id; then swaps the copy in for the index, releases `index_db` and
  // removes the work directory.  @throws IndexError (the index stays as it was).
  BuildResult merge_into(Xapian::WritableDatabase& index_db, std::size_t count);

  // Removes the work directory and the parts in it.
  void discard() noexcept;

 private:
  [[nodiscard]] std::filesystem::path part_path(std::size_t number) const;

  std::filesystem::path index_;
  std::filesystem::path work_;
};

// The path of an index directory that exists, its symbolic links resolved, so that it is
// the directory itself that the merged index is swapped in for.
[[nodiscard]] std::filesystem::path canonical_index_path(const std::filesystem::path& directory);

// Removes the work directory a killed IndexBuilder left beside `index`; the caller holds
// the index's write lock, so no build of it is running.
void remove_stale_build(const std::filesystem::path& index) noexcept;

// Whether `directory` does not exist, is empty, or holds a plain index with no documents.
[[nodiscard]] bool is_new_or_empty_plain_index(const std::filesystem::path& directory);

}  // namespace polysearch::detail
