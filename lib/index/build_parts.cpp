#include "index/build_parts.hpp"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "index/index_paths.hpp"
#include "index/shard_layout.hpp"
#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"

namespace polysearch::detail {
namespace {

namespace fs = std::filesystem;

// Names the work directory as IndexBuilder's, so that only such a directory is ever removed.
constexpr const char* kMarkerFile = "polysearch-build";
constexpr const char* kWorkSuffix = ".indexing";

// A compacted index takes about half the space of the freshly written parts it is made
// from (docs/BENCHMARKS.md); the merge asks for this share of them, plus a margin.
constexpr double kMergeSpaceShare = 0.7;
constexpr std::uint64_t kMergeSpaceMargin = 1 << 20;

void require_room_to_merge(const fs::path& work, const fs::path& index) {
  struct statvfs stats {};
  if (::statvfs(work.c_str(), &stats) != 0) return;
  const std::uint64_t available = std::uint64_t{stats.f_bavail} * stats.f_frsize;
  const auto needed =
      static_cast<std::uint64_t>(kMergeSpaceShare * static_cast<double>(directory_bytes(work))) +
      kMergeSpaceMargin;
  if (available >= needed) return;
  throw IndexError(
      "merge index '" + index.string() + "': not enough free space (No space left on device): " +
          std::to_string(available >> 20) + " MB free, the merge may need " +
          std::to_string(needed >> 20) + " MB; nothing was indexed, the index is as it was",
      index);
}

// Flushes a file or directory to disk.
void sync_path(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Flushes every regular file of `directory`, and the directory itself, to disk.
void sync_index_files(const fs::path& directory) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    std::error_code type_error;
    if (entry.is_regular_file(type_error)) sync_path(entry.path());
  }
  sync_path(directory);
}

// Where the merged copy now is, the index is, and the other way round: atomically, so a
// crash leaves one or the other in place, never neither.  Without RENAME_EXCHANGE (a file
// system that lacks it), two renames: a crash between them leaves no index, but the index
// replaced held no documents.
void exchange(const fs::path& index, const fs::path& merged, const fs::path& work) {
  if (::renameat2(AT_FDCWD, index.c_str(), AT_FDCWD, merged.c_str(), RENAME_EXCHANGE) == 0) {
    return;
  }
  std::error_code ec;
  const fs::path replaced = work / "replaced";
  fs::rename(index, replaced, ec);
  if (!ec) fs::rename(merged, index, ec);
  if (ec) {
    std::error_code ignored;
    if (!fs::exists(index, ignored)) fs::rename(replaced, index, ignored);
    throw IndexError(
        "merge index '" + index.string() + "': cannot move it into place: " + ec.message(), index);
  }
}

// A copy of a document that owes nothing to its database: Xapian's replace_document()
// leaves a document in place when given one read from the same database.
Xapian::Document copy_document(const Xapian::Document& source) {
  Xapian::Document copy;
  copy.set_data(source.get_data());
  for (auto value = source.values_begin(); value != source.values_end(); ++value) {
    copy.add_value(value.get_valueno(), *value);
  }
  for (auto term = source.termlist_begin(); term != source.termlist_end(); ++term) {
    copy.add_term(*term, term.get_wdf());
    for (auto position = term.positionlist_begin(); position != term.positionlist_end();
         ++position) {
      copy.add_posting(*term, *position, 0);
    }
  }
  return copy;
}

// A document given again in a later run is in the merged index twice.  IndexWriter would
// have replaced the first one, keeping its document id: so the last version moves to the
// first one's id and the others go.  Returns the documents dropped.
std::size_t drop_earlier_duplicates(const fs::path& merged) {
  Xapian::WritableDatabase db(merged.string(), Xapian::DB_OPEN);
  const std::string prefix(kIdPrefix);
  std::vector<std::string> repeated;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    if (term.get_termfreq() > 1) repeated.push_back(*term);
  }
  std::size_t dropped = 0;
  for (const std::string& term : repeated) {
    std::vector<Xapian::docid> docids;
    for (auto posting = db.postlist_begin(term); posting != db.postlist_end(term); ++posting) {
      docids.push_back(*posting);
    }
    db.replace_document(docids.front(), copy_document(db.get_document(docids.back())));
    for (std::size_t k = 1; k < docids.size(); ++k) db.delete_document(docids[k]);
    dropped += docids.size() - 1;
  }
  if (dropped > 0) db.commit();
  db.close();
  return dropped;
}

}  // namespace

BuildParts BuildParts::create(const fs::path& index) {
  BuildParts parts;
  parts.index_ = index;
  parts.work_ = sibling_path(index, kWorkSuffix);
  remove_stale_build(index);
  std::error_code ec;
  fs::create_directory(parts.work_, ec);
  std::ofstream marker(parts.work_ / kMarkerFile);
  marker << "Parts of the index '" << index.string()
         << "' being built by polysearch: removed when the build ends, or by the next "
            "writer of that index if the build was killed.\n";
  if (ec || !marker) {
    throw IndexError("create '" + parts.work_.string() + "' for the parts of the index: " +
                         (ec ? ec.message() : std::string("cannot write in it")),
                     index);
  }
  return parts;
}

fs::path BuildParts::part_path(std::size_t number) const {
  char name[32];
  std::snprintf(name, sizeof name, "part-%06zu", number);
  return work_ / name;
}

ShardWriter BuildParts::open_part(std::size_t number) const {
  ShardWriter part;
  part.path = part_path(number);
  part.db = translating_xapian_errors("write to index", part.path, [&] {
    return Xapian::WritableDatabase(part.path.string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  });
  return part;
}

BuildResult BuildParts::merge_into(Xapian::WritableDatabase& index_db, std::size_t count) {
  BuildResult result;
  result.parts = count;
  const fs::path merged = work_ / "merged";
  require_room_to_merge(work_, index_);
  translating_xapian_errors("merge index", index_, [&] {
    Xapian::Database all;
    all.add_database(index_db);  // no documents: its settings and schema come along
    for (std::size_t number = 0; number < count; ++number) {
      all.add_database(Xapian::Database(part_path(number).string()));
    }
    all.compact(merged.string(), Xapian::Compactor::FULL);
    result.replaced_across_runs = drop_earlier_duplicates(merged);
    result.documents = Xapian::Database(merged.string()).get_doccount();
  });
  sync_index_files(merged);
  exchange(index_, merged, work_);
  sync_path(index_.parent_path());  // the swap itself
  translating_xapian_errors("merge index", index_, [&] { index_db.close(); });
  discard();
  result.bytes = directory_bytes(index_);
  return result;
}

void BuildParts::discard() noexcept {
  if (work_.empty()) return;
  std::error_code ec;
  fs::remove_all(work_, ec);
}

fs::path canonical_index_path(const fs::path& directory) {
  std::error_code ec;
  fs::path path = fs::canonical(directory, ec);
  return ec ? normalized_index_path(directory) : path;
}

void remove_stale_build(const fs::path& index) noexcept {
  std::error_code ec;
  const fs::path work = sibling_path(canonical_index_path(index), kWorkSuffix);
  if (fs::exists(work / kMarkerFile, ec)) fs::remove_all(work, ec);
}

bool is_new_or_empty_plain_index(const fs::path& directory) {
  std::error_code ec;
  if (!fs::exists(directory, ec)) return !ec;
  if (!fs::is_directory(directory, ec)) return false;
  if (fs::is_empty(directory, ec)) return !ec;
  if (fs::exists(directory / kStubFile, ec) || !fs::exists(directory / "iamglass", ec)) {
    return false;
  }
  try {
    return Xapian::Database(directory.string()).get_doccount() == 0;
  } catch (const Xapian::Error&) {
    return false;  // IndexWriter reports what is wrong with it
  }
}

}  // namespace polysearch::detail
