// check_index(): Xapian's structural check of every table of an index.
#include <xapian.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "index/shard_layout.hpp"
#include "index/xapian_errors.hpp"
#include "polysearch/error.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch {
namespace {

// Whether a line of the checker's output only reports progress: a table's heading
// ("docdata:"), its verdict ("docdata table structure checked OK") or a table never made.
bool is_progress_line(const std::string& line) {
  return line.empty() || line.back() == ':' || line.find("checked OK") != std::string::npos ||
         line.find("Lazily created") != std::string::npos;
}

// The table the checker was at when it stopped: its last heading, "docdata:".
std::string last_table(const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  std::string table;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == ':' && line.find(' ') == std::string::npos) {
      table = line.substr(0, line.size() - 1);
    }
  }
  return table;
}

// The first problem in one database (a plain index or a shard), or "".
std::string check_database(const std::filesystem::path& path) {
  std::ostringstream output;
  std::size_t errors = 0;
  try {
    errors = Xapian::Database::check(path.string(), 0, &output);
  } catch (const Xapian::DatabaseOpeningError& error) {
    detail::throw_index_error(error, "check index", path);
  } catch (const Xapian::Error& error) {
    // The checker throws at a damaged block: what it says is the problem.
    const std::string table = last_table(output.str());
    return (table.empty() ? std::string() : table + " table: ") + error.get_msg();
  }
  if (errors == 0) return "";
  std::istringstream lines(output.str());
  std::string line;
  while (std::getline(lines, line)) {
    if (!is_progress_line(line)) return line;
  }
  return std::to_string(errors) + " errors";
}

}  // namespace

std::string check_index(const std::filesystem::path& index) {
  detail::require_index_directory(index);
  std::vector<std::filesystem::path> databases = detail::read_shard_layout(index);
  if (databases.empty()) databases.push_back(index);
  for (const std::filesystem::path& database : databases) {
    if (std::string problem = check_database(database); !problem.empty()) {
      return databases.size() > 1 ? "shard '" + database.string() + "': " + problem : problem;
    }
  }
  return "";
}

}  // namespace polysearch
