#include "index/shard_writer.hpp"

#include <sys/statvfs.h>

#include <cstdio>
#include <utility>

#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"

namespace polysearch::detail {
namespace {

// Free space a commit asks for: this many bytes per byte of text in the batch, plus
// kCommitSpaceMinimum.  Xapian 1.4 sometimes aborts the process (std::terminate inside
// commit_transaction) instead of throwing when a write fails with ENOSPC, so a commit
// that looks unlikely to fit is refused beforehand.  An index takes 5-7 bytes per byte
// of text before compaction, and a commit rewrites the blocks it touches elsewhere.
constexpr std::uint64_t kCommitSpacePerTextByte = 16;
constexpr std::uint64_t kCommitSpaceMinimum = 1 << 20;

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return text;
}

}  // namespace

void ShardWriter::begin_batch() {
  if (in_transaction) return;
  db.begin_transaction(true);
  in_transaction = true;
}

void ShardWriter::commit() {
  if (!in_transaction) return;
  in_transaction = false;  // Xapian ends the transaction even when the commit fails
  const std::uint64_t text_bytes = std::exchange(batch_text_bytes, 0);
  translating_xapian_errors("commit to index", path, [&] {
    if (const std::string shortage = space_shortage(text_bytes); !shortage.empty()) {
      db.cancel_transaction();
      throw IndexError("commit to index '" + path.string() + "': " + shortage +
                           "; the batch was discarded, the batches committed before are intact",
                       path);
    }
    db.commit_transaction();
  });
}

std::string ShardWriter::space_shortage(std::uint64_t text_bytes) const {
  struct statvfs stats {};
  if (::statvfs(path.c_str(), &stats) != 0) return "";
  const std::uint64_t available = std::uint64_t{stats.f_bavail} * stats.f_frsize;
  const std::uint64_t needed = kCommitSpacePerTextByte * text_bytes + kCommitSpaceMinimum;
  if (available >= needed) return "";
  return "not enough free space (No space left on device): " + megabytes(available) +
         " free, a batch of this size may need " + megabytes(needed);
}

}  // namespace polysearch::detail
