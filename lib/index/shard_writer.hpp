#pragma once
// One Xapian database of an index being written: the whole index, or one of its shards.
// Its batches are Xapian transactions, and a commit is refused beforehand when the file
// system looks too full to take it.
#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "index/document_builder.hpp"

namespace polysearch::detail {

struct ShardWriter {
  std::filesystem::path path;
  Xapian::WritableDatabase db;
  std::optional<DocumentBuilder> builder;  // its own: analyzers are per thread
  bool in_transaction = false;
  std::uint64_t batch_text_bytes = 0;  // text and titles written since the last commit

  // Each batch is one transaction: a crash loses at most the batch in progress.
  void begin_batch();

  // Commits the batch in progress, if any.  @throws IndexError when it fails or the
  // file system lacks room for it (the batch is then discarded).
  void commit();

  // Why the file system cannot be expected to take the batch, or "" when it can (or
  // cannot tell).
  [[nodiscard]] std::string space_shortage(std::uint64_t text_bytes) const;
};

}  // namespace polysearch::detail
