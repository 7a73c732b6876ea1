#include "index/xapian_errors.hpp"

#include <charconv>
#include <string>

#include "index/term_prefixes.hpp"
#include "polysearch/error.hpp"

namespace polysearch::detail {
namespace {

std::string explain(const Xapian::Error& error) {
  const std::string type = error.get_type();
  if (type == "DatabaseLockError") {
    // "Unable to get write lock on DIR: already locked", or a lock file that cannot be
    // made ("…: Couldn't open lockfile: Permission denied" in a read-only directory).
    const std::string& message = error.get_msg();
    if (message.find("already locked") != std::string::npos) return "locked by another writer";
    return "cannot lock it for writing: " + message;
  }
  if (type == "DatabaseModifiedError") {
    return "a writer committed again and again while this read ran; try again, or commit "
           "in larger batches";
  }
  if (type == "DatabaseCorruptError") return "the index is corrupt: " + error.get_msg();
  if (type == "DatabaseNotFoundError") return "no index there";
  if (type == "DatabaseVersionError")
    return "written by an unsupported Xapian version: " + error.get_msg();
  if (type == "DatabaseOpeningError") return "not a usable index: " + error.get_msg();
  std::string text = error.get_msg();
  if (const char* detail = error.get_error_string()) {
    if (*detail) text += std::string(" (") + detail + ")";
  }
  return text.empty() ? type : text;
}

}  // namespace

void throw_index_error(const Xapian::Error& error, std::string_view action,
                       const std::filesystem::path& path) {
  throw IndexError(std::string(action) + " '" + path.string() + "': " + explain(error), path);
}

void require_index_directory(const std::filesystem::path& directory) {
  std::error_code ec;
  const auto status = std::filesystem::status(directory, ec);
  if (!std::filesystem::exists(status)) {
    throw IndexError("open index '" + directory.string() + "': no such directory", directory);
  }
  if (!std::filesystem::is_directory(status)) {
    throw IndexError("open index '" + directory.string() + "': not a directory", directory);
  }
}

void check_schema(const Xapian::Database& db, const std::filesystem::path& path) {
  const std::string version = db.get_metadata(std::string(kSchemaKey));
  if (version.empty()) {
    if (db.get_doccount() == 0) return;  // new, empty: the writer stamps it on first commit
    throw IndexError(
        "open index '" + path.string() + "': a Xapian database, but not written by polysearch",
        path);
  }
  if (version != std::to_string(kSchemaVersion)) {
    throw IndexError("open index '" + path.string() + "': schema version " + version +
                         ", but this polysearch reads version " + std::to_string(kSchemaVersion) +
                         "; re-index the documents",
                     path);
  }
}

int stored_schema_version(const Xapian::Database& db) {
  const std::string stored = db.get_metadata(std::string(kSchemaKey));
  int version = 0;
  const auto [end, error] = std::from_chars(stored.data(), stored.data() + stored.size(), version);
  return error == std::errc() && end == stored.data() + stored.size() ? version : 0;
}

}  // namespace polysearch::detail
