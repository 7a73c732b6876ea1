// compact_index(): Xapian's compaction of a polysearch index, in place or to a new
// directory, merging shards or keeping them.
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "index/index_paths.hpp"
#include "index/shard_layout.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch {
namespace {

namespace fs = std::filesystem;
using detail::directory_bytes;
using detail::normalized_index_path;
using detail::sibling_path;

void require_empty_output(const fs::path& output) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return;
  if (!fs::is_directory(output, ec) || !fs::is_empty(output, ec)) {
    throw InvalidArgument("compact to '" + output.string() +
                          "': it exists and is not an empty directory");
  }
  fs::remove(output, ec);  // Xapian creates it
}

// Opens every shard for writing, which takes its lock and keeps writers out.
std::vector<Xapian::WritableDatabase> lock_shards(const std::vector<fs::path>& shards) {
  std::vector<Xapian::WritableDatabase> locked;
  for (const fs::path& shard : shards) {
    const int flags =
        Xapian::DB_OPEN | (detail::is_archive_database(shard) ? Xapian::DB_NO_TERMLIST : 0);
    locked.push_back(detail::translating_xapian_errors(
        "open index", shard, [&] { return Xapian::WritableDatabase(shard.string(), flags); }));
    detail::check_schema(locked.back(), shard);
  }
  return locked;
}

void compact_into(const std::vector<Xapian::WritableDatabase>& sources, const fs::path& output,
                  const fs::path& index, bool archive) {
  detail::translating_xapian_errors("compact index", index, [&] {
    Xapian::Database all;
    for (const Xapian::WritableDatabase& source : sources) all.add_database(source);
    all.compact(output.string(), Xapian::Compactor::FULL);
  });
  // Xapian reads a database without its termlist table (DB_NO_TERMLIST documents
  // removing the file as the way to make one).
  std::error_code ec;
  if (archive) fs::remove(output / "termlist.glass", ec);
}

// Swaps the compacted copy in: index -> <index>.compact-old, copy -> index, old removed.
// A crash between the two renames leaves the index whole at <index>.compact-old.
void replace_index(const fs::path& index, const fs::path& copy,
                   std::vector<Xapian::WritableDatabase>& locked) {
  const fs::path old = sibling_path(index, ".compact-old");
  std::error_code ec;
  fs::remove_all(old, ec);
  fs::rename(index, old, ec);
  if (!ec) fs::rename(copy, index, ec);
  if (ec) {
    std::error_code ignored;
    if (!fs::exists(index, ignored)) fs::rename(old, index, ignored);  // put it back
    throw IndexError("compact index '" + index.string() + "': cannot replace it: " + ec.message() +
                         " (the compacted copy is in '" + copy.string() + "')",
                     index);
  }
  for (Xapian::WritableDatabase& db : locked) db.close();
  fs::remove_all(old, ec);
}

}  // namespace

CompactResult compact_index(const fs::path& index_argument, const CompactOptions& options) {
  const fs::path index = normalized_index_path(index_argument);
  std::error_code ec;
  if (!fs::exists(index, ec) && fs::exists(sibling_path(index, ".compact-old"), ec)) {
    throw IndexError("compact index '" + index.string() + "': no index there, but an " +
                         "interrupted compaction left it in '" +
                         sibling_path(index, ".compact-old").string() + "': rename that back",
                     index);
  }
  detail::require_index_directory(index);
  std::vector<fs::path> shards = detail::read_shard_layout(index);
  CompactResult result;
  result.shards_before = shards.empty() ? 1 : shards.size();
  if (shards.empty()) shards = {index};
  std::vector<Xapian::WritableDatabase> locked = lock_shards(shards);
  // An archive stays one: its documents have no term lists for a writer to update.
  const bool archive =
      options.archive || std::any_of(shards.begin(), shards.end(), detail::is_archive_database);

  const bool in_place = options.output.empty() || normalized_index_path(options.output) == index;
  const fs::path output =
      in_place ? sibling_path(index, ".compacting") : normalized_index_path(options.output);
  if (in_place) {
    fs::remove_all(output, ec);  // left by an interrupted compaction: a partial copy
  } else {
    require_empty_output(output);
  }
  result.bytes_before = directory_bytes(index);
  if (options.keep_shards && shards.size() > 1) {
    const std::vector<fs::path> outputs = detail::create_shard_layout(output, shards.size());
    for (std::size_t i = 0; i < shards.size(); ++i) {
      fs::remove(outputs[i], ec);  // Xapian creates it
      compact_into({locked[i]}, outputs[i], shards[i], archive);
    }
    result.shards_after = shards.size();
  } else {
    compact_into(locked, output, index, archive);
  }
  result.documents = detail::translating_xapian_errors("read index", output, [&] {
    return static_cast<std::size_t>(Xapian::Database(output.string()).get_doccount());
  });
  result.archive = archive;
  if (in_place) replace_index(index, output, locked);
  result.bytes_after = directory_bytes(in_place ? index : output);
  return result;
}

}  // namespace polysearch
