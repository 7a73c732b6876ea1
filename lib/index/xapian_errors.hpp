#pragma once
// Xapian::Error does not derive from std::exception, so it is caught at the edge of
// lib/index and lib/search and rethrown as polysearch::IndexError, keeping Xapian's text.

#include <xapian.h>

#include <filesystem>
#include <string_view>

namespace polysearch::detail {

// Throws IndexError("<action> '<path>': <what went wrong>").
[[noreturn]] void throw_index_error(const Xapian::Error& error, std::string_view action,
                                    const std::filesystem::path& path);

// Runs f(), translating any Xapian::Error.
template <class F>
decltype(auto) translating_xapian_errors(std::string_view action, const std::filesystem::path& path,
                                         F&& f) {
  try {
    return f();
  } catch (const Xapian::Error& error) {
    throw_index_error(error, action, path);
  }
}

// Throws IndexError unless `directory` exists and is a directory.
void require_index_directory(const std::filesystem::path& directory);

// Checks that an opened database is a polysearch index of our schema version.
void check_schema(const Xapian::Database& db, const std::filesystem::path& path);

// The schema version stored in the database's metadata (the first shard's, for several),
// or 0 when none is: check_schema also accepts a new, empty database that no polysearch
// writer has stamped yet.
[[nodiscard]] int stored_schema_version(const Xapian::Database& db);

}  // namespace polysearch::detail
