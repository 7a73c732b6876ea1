#include "index/index_opening.hpp"

#include <xapian.h>

#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "index/build_parts.hpp"
#include "index/index_settings.hpp"
#include "index/shard_layout.hpp"
#include "index/term_prefixes.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "schema/field_values.hpp"

namespace polysearch::detail {
namespace {

int xapian_flags(OpenMode mode) {
  switch (mode) {
    case OpenMode::CreateOrOpen: return Xapian::DB_CREATE_OR_OPEN;
    case OpenMode::Create: return Xapian::DB_CREATE;
    case OpenMode::Open: return Xapian::DB_OPEN;
    case OpenMode::Overwrite: return Xapian::DB_CREATE_OR_OVERWRITE;
  }
  return Xapian::DB_CREATE_OR_OPEN;
}

// Whether a file of an index directory is one of Xapian's glass tables.
bool is_glass_table(const std::string& name) {
  constexpr std::string_view kSuffix = ".glass";
  return name.size() > kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

// Whether `dir` holds what a writer killed while Xapian was creating an index leaves: empty
// table files and perhaps a v.tmp, but no iamglass (the version file, renamed into place
// last).  Xapian takes that for an index and fails to open it on every later run.
bool is_unfinished_creation(const std::filesystem::path& dir) {
  std::error_code ec;
  bool leftovers = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == "flintlock") continue;
    std::error_code size_error;
    const bool empty_table =
        is_glass_table(name) && entry.file_size(size_error) == 0 && !size_error;
    if (!empty_table && name != "v.tmp") return false;  // iamglass, data, anything else
    leftovers = true;
  }
  return leftovers && !ec;
}

// Opens or creates a writable database.  An index whose creation a crash cut short holds
// nothing committed: its leftovers are removed and the index is created afresh.
Xapian::WritableDatabase open_writable(const std::filesystem::path& dir, OpenMode mode) {
  try {
    return Xapian::WritableDatabase(dir.string(), xapian_flags(mode));
  } catch (const Xapian::DatabaseNotFoundError&) {
    if (mode == OpenMode::Open || !is_unfinished_creation(dir)) throw;
  }
  std::vector<std::filesystem::path> leftovers;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename() != "flintlock") leftovers.push_back(entry.path());
  }
  for (const auto& leftover : leftovers) std::filesystem::remove(leftover, ec);
  return Xapian::WritableDatabase(dir.string(), xapian_flags(mode));
}

bool is_empty_directory(const std::filesystem::path& directory) {
  std::error_code ec;
  return std::filesystem::is_empty(directory, ec) || ec;
}

// Whether a directory holds a plain Xapian database (its version file: glass, or another
// backend's, which check_schema() then refuses by name) or what a creation cut short left.
bool holds_plain_index(const std::filesystem::path& directory) {
  std::error_code ec;
  for (const char* version_file : {"iamglass", "iamchert", "iamhoney"}) {
    if (std::filesystem::exists(directory / version_file, ec)) return true;
  }
  return is_unfinished_creation(directory);
}

// A new index goes only into a new or empty directory: Xapian would otherwise put its
// tables among whatever files are there (`index --db ~/notes ~/notes`).
void refuse_foreign_directory(const std::filesystem::path& directory) {
  throw IndexError("create index '" + directory.string() +
                       "': the directory is not empty and holds no index (choose a new or "
                       "empty directory)",
                   directory);
}

// Overwriting a plain index with a sharded one: its Xapian files go first.
void remove_plain_index(const std::filesystem::path& directory) {
  translating_xapian_errors("overwrite index", directory, [&] {
    Xapian::WritableDatabase(directory.string(), Xapian::DB_CREATE_OR_OVERWRITE).close();
  });
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (is_glass_table(name) || name == "iamglass" || name == "flintlock") {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

// The databases to open: the directory itself for a plain index, else its shards
// (created when a new index asks for more than one).
std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& directory,
                                               OpenMode mode, const IndexOptions& options) {
  std::vector<std::filesystem::path> existing = read_shard_layout(directory);
  if (mode == OpenMode::Overwrite && !existing.empty()) {
    remove_shard_layout(directory);
    existing.clear();
  }
  const bool fresh = existing.empty() && is_empty_directory(directory);
  if (!existing.empty()) {
    if (mode == OpenMode::Create) {
      throw IndexError("create index '" + directory.string() + "': an index exists there",
                       directory);
    }
    if (options.shards > 1 && options.shards != existing.size()) {
      throw InvalidArgument("index '" + directory.string() + "' has " +
                            std::to_string(existing.size()) + " shards, not " +
                            std::to_string(options.shards));
    }
    return existing;
  }
  const bool creating = mode == OpenMode::Create || mode == OpenMode::CreateOrOpen;
  // Other files and no index: a new index goes there only when asked for.
  const bool among_other_files = !fresh && !holds_plain_index(directory);
  if (among_other_files && creating && !options.allow_other_files) {
    refuse_foreign_directory(directory);
  }
  if (options.shards <= 1) return {directory};
  if (!fresh && mode != OpenMode::Overwrite && !(among_other_files && creating)) {
    throw InvalidArgument("index '" + directory.string() +
                          "' exists and is not sharded; overwrite it to shard it");
  }
  if (mode == OpenMode::Overwrite) remove_plain_index(directory);
  return create_shard_layout(directory, options.shards);
}

// A new shard is stamped with its schema and analysis settings at once, so even an
// index that never gets a document remembers how it is to be analyzed.  Every shard
// holds the same settings: the first shard's, which `analysis` holds for the others.
void settle_analysis(ShardWriter& shard, bool first_shard, const std::filesystem::path& directory,
                     const IndexOptions& options, OpenedIndex& opened) {
  AnalyzerOptions& analysis = opened.analysis;
  Schema& schema = opened.schema;
  const AnalyzerOptions wanted =
      first_shard ? options.analysis.value_or(AnalyzerOptions{}) : analysis;
  const Schema wanted_schema = first_shard ? options.schema.value_or(Schema{}) : schema;
  const unsigned wanted_title_wdf =
      first_shard ? options.title_wdf.value_or(kDefaultTitleWdf) : opened.title_wdf;
  if (shard.db.get_metadata(std::string(kSchemaKey)).empty()) {
    shard.db.set_metadata(std::string(kSchemaKey), std::to_string(kSchemaVersion));
    write_analysis(shard.db, wanted);
    write_title_wdf(shard.db, wanted_title_wdf);
    if (!wanted_schema.fields.empty()) {
      shard.db.set_metadata(std::string(kFieldsKey), stored_schema(wanted_schema));
    }
    shard.db.commit();
    analysis = wanted;
    schema = wanted_schema;
    opened.title_wdf = wanted_title_wdf;
    return;
  }
  const unsigned stored_title_wdf = read_title_wdf(shard.db, shard.path);
  if (first_shard && options.title_wdf && *options.title_wdf != stored_title_wdf) {
    throw InvalidArgument("index '" + directory.string() + "' was created with title wdf " +
                          std::to_string(stored_title_wdf) + ", not " +
                          std::to_string(*options.title_wdf) +
                          "; overwrite the index to change it");
  }
  if (!first_shard && stored_title_wdf != opened.title_wdf) {
    throw IndexError(
        "open index '" + shard.path.string() + "': its title wdf differs from the other shards'",
        shard.path);
  }
  opened.title_wdf = stored_title_wdf;
  const Schema stored_fields =
      read_stored_schema(shard.db.get_metadata(std::string(kFieldsKey)), shard.path.string())
          .schema;
  if (first_shard && options.schema && *options.schema != stored_fields) {
    throw IndexError("index '" + directory.string() + "' was created with the schema " +
                         stored_fields.to_json() + ", not " + options.schema->to_json() +
                         "; overwrite the index to change it",
                     directory);
  }
  if (!first_shard && stored_fields != schema) {
    throw IndexError(
        "open index '" + shard.path.string() + "': its schema differs from the other shards'",
        shard.path);
  }
  schema = stored_fields;
  const AnalyzerOptions stored = read_analysis(shard.db, shard.path);
  if (first_shard && options.analysis && *options.analysis != stored) {
    throw InvalidArgument("index '" + directory.string() +
                          "' was created with analysis settings '" + serialize_analysis(stored) +
                          "', not '" + serialize_analysis(*options.analysis) +
                          "'; overwrite the index to change them");
  }
  if (!first_shard && stored != analysis) {
    throw IndexError("open index '" + shard.path.string() +
                         "': its analysis settings differ from the other shards'",
                     shard.path);
  }
  analysis = stored;
}

}  // namespace

OpenedIndex open_index_for_writing(const std::filesystem::path& directory, OpenMode mode,
                                   const IndexOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(directory, ec) && !std::filesystem::is_directory(directory, ec)) {
    throw IndexError("open index '" + directory.string() + "': not a directory", directory);
  }
  if (mode != OpenMode::Open) std::filesystem::create_directories(directory, ec);
  OpenedIndex opened;
  for (const std::filesystem::path& shard_path : shard_paths(directory, mode, options)) {
    if (mode != OpenMode::Overwrite && is_archive_database(shard_path)) {
      throw IndexError("open index '" + shard_path.string() +
                           "': compacted as an archive (compact --archive): it can be "
                           "searched, not written; re-index the documents to change it",
                       shard_path);
    }
    ShardWriter& shard = opened.shards.emplace_back();
    shard.path = shard_path;
    translating_xapian_errors("open index", shard_path,
                              [&] { shard.db = open_writable(shard_path, mode); });
    check_schema(shard.db, shard_path);
    const bool first_shard = opened.shards.size() == 1;
    translating_xapian_errors("open index", shard_path, [&] {
      settle_analysis(shard, first_shard, directory, options, opened);
    });
  }
  // Every lock is held: a build of this index that was killed left its parts behind.
  if (opened.shards.size() == 1) remove_stale_build(directory);
  for (ShardWriter& shard : opened.shards) {
    shard.builder.emplace(opened.analysis, opened.schema, opened.title_wdf);
  }
  return opened;
}

}  // namespace polysearch::detail
