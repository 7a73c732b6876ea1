// polysearch compact: rewrite an index with Xapian's compaction.
#include <iostream>
#include <memory>
#include <string>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/index_writer.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kCompactFooter =
    R"help(Rewrites the index with Xapian's compaction: full blocks and no free space, so it
takes about half the space a freshly written index does.  It stays searchable and
writable.  In place by default (the copy is written beside the index, then renamed over
it); with --output, a compacted copy goes to a new or empty directory and the index is
left as it is.  A sharded index (index --shards N) is merged into one plain index
unless --keep-shards is given.  Writers are locked out meanwhile; searches go on.
--archive also drops Xapian's per-document term lists (a quarter of a compacted
index): searches, rankings and snippets stay the same, but the index can no longer be
written (index and delete refuse it); re-index to change it.

Prints "compacted IDX: 140.2 MB -> 63.1 MB (45%), N documents"; --json prints one
JSON object.

Examples:
  polysearch compact --db ./idx
  polysearch compact --db ./idx --output ./idx-compact
  polysearch compact --db ./idx --archive
  polysearch compact --db ./idx --json | jq .bytes_after)help";

struct CompactCommandOptions {
  std::string db;
  std::string output;
  bool keep_shards = false;
  bool archive = false;
  bool json = false;
};

std::string in_megabytes(std::uint64_t bytes) { return fixed(megabytes(bytes), 1) + " MB"; }

int run_compact(const CompactCommandOptions& options) {
  CompactOptions compact;
  compact.output = options.output;
  compact.keep_shards = options.keep_shards;
  compact.archive = options.archive;
  const CompactResult result = compact_index(options.db, compact);
  const std::string where = options.output.empty() ? options.db : options.output;
  if (options.json) {
    std::cout << json_line({{"index", options.db},
                            {"output", where},
                            {"documents", result.documents},
                            {"bytes_before", result.bytes_before},
                            {"bytes_after", result.bytes_after},
                            {"shards_before", result.shards_before},
                            {"shards_after", result.shards_after},
                            {"archive", result.archive}})
              << '\n';
    return kExitOk;
  }
  const double percent = result.bytes_before == 0
                             ? 100.0
                             : 100.0 * static_cast<double>(result.bytes_after) /
                                   static_cast<double>(result.bytes_before);
  std::cout << "compacted " << where << ": " << in_megabytes(result.bytes_before) << " -> "
            << in_megabytes(result.bytes_after) << " (" << fixed(percent, 0) << "%), "
            << result.documents << (result.documents == 1 ? " document" : " documents");
  if (result.shards_before > 1) {
    std::cout << (result.shards_after > 1
                      ? ", " + std::to_string(result.shards_after) + " shards kept"
                      : ", " + std::to_string(result.shards_before) + " shards merged");
  }
  if (result.archive) std::cout << ", term lists dropped (archive: searchable, not writable)";
  std::cout << '\n';
  return kExitOk;
}

}  // namespace

void add_compact_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompactCommandOptions>();
  CLI::App* sub = app.add_subcommand("compact", "Compact an index: smaller, same results");
  sub->add_option("--db", options->db, "Index directory")->required()->type_name(kDirType);
  sub->add_option("-o,--output", options->output,
                  "Write the compacted index here (new or empty directory) instead of in place")
      ->type_name(kDirType);
  sub->add_flag("--keep-shards", options->keep_shards,
                "Compact each shard of a sharded index on its own instead of merging them");
  sub->add_flag("--archive", options->archive,
                "Also drop the term lists: smaller, searchable, but no longer writable");
  sub->add_flag("--json", options->json, "Print the result as one JSON object");
  sub->footer(kCompactFooter);
  sub->callback([options, &action] { action = [options] { return run_compact(*options); }; });
}

}  // namespace polysearch::cli
