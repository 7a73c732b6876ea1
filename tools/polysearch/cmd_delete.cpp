// polysearch delete: remove documents by id.
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "input_files.hpp"
#include "output.hpp"
#include "polysearch/index_writer.hpp"
#include "stall_watchdog.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kDeleteFooter =
    R"help(Deletes the documents with these ids and prints "deleted N, not found M"; each id
not found is also named in a warning.  A lone '-' reads the ids from standard input,
one per line.

Exit status: 0 when some document was deleted; 1 when none of the ids was found (or no
id was given on standard input); 2 for usage errors; 3 when the index is missing,
locked or damaged.

Examples:
  polysearch delete --db ./idx 000_0723e8c9340345ff.txt
  printf '%s\n' a1 a2 | polysearch delete --db ./idx -)help";

struct DeleteCommandOptions {
  std::string db;
  std::vector<std::string> ids;
};

std::vector<std::string> ids_to_delete(const std::vector<std::string>& arguments) {
  if (arguments.size() != 1 || arguments[0] != "-") return arguments;
  std::vector<std::string> ids;
  std::istringstream in(read_stdin());
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) ids.push_back(line);
  }
  return ids;
}

int run_delete(const DeleteCommandOptions& options) {
  const std::vector<std::string> ids = ids_to_delete(options.ids);
  // Xapian can loop forever on a damaged index: every call into the writer is watched.
  StallWatchdog watchdog(options.db);
  std::optional<IndexWriter> writer;
  watchdog.watch("open index", [&] { writer.emplace(options.db, OpenMode::Open); });
  std::size_t deleted = 0;
  std::size_t missing = 0;
  for (const auto& id : ids) {
    if (watchdog.watch("write to index", [&] { return writer->remove(id); })) {
      ++deleted;
    } else {
      ++missing;
      print_warning("not found: '" + printable(id) + "'");
    }
  }
  watchdog.watch("commit to index", [&] { writer->close(); });
  std::cout << "deleted " << deleted << ", not found " << missing << '\n';
  return deleted > 0 ? kExitOk : kExitNoResults;
}

}  // namespace

void add_delete_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<DeleteCommandOptions>();
  CLI::App* sub = app.add_subcommand("delete", "Delete documents by id");
  sub->add_option("--db", options->db, "Index directory")->required()->type_name(kDirType);
  sub->add_option("ID", options->ids, "Document ids; - reads them from stdin")->required();
  sub->footer(kDeleteFooter);
  sub->callback([options, &action] { action = [options] { return run_delete(*options); }; });
}

}  // namespace polysearch::cli
