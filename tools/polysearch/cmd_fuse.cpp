// polysearch fuse: several TREC runs of one query set in, one fused run out.
#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/fusion.hpp"
#include "polysearch/eval/topics.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "run_output.hpp"
#include "trec_inputs.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kFuseFooter =
    R"help(Fuses two or more TREC runs of the same queries into one run:
  rrf      reciprocal rank fusion (Cormack et al. 2009): the sum over the runs of
           weight / (k + rank), k from --rrf-k (default 60)
  combsum  the sum over the runs of weight x score, each run's scores normalized per
           query first (--norm, default minmax)
  combmnz  combsum times the number of runs that retrieved the document
Each run is read as 'polysearch eval' reads it: ranked by score, ties broken by document
id (descending), the rank column ignored; only its top --depth documents per query are
fused.  --norm minmax maps a query's scores to 0..1 (all 1 when they are all equal),
zscore to (score - mean) / standard deviation (all 0 when equal), none keeps them.  A
query missing from some runs is fused over the runs that have it.

The fused run lists queries in byte order of their ids and, per query, the top -k
documents by fused score, ties broken by document id (descending, as eval breaks them),
so the rank column agrees with eval's order; scores have six decimals, and documents
whose scores are equal to six decimals are ties.  --json prints one object per line
instead: {"query", "id", "rank", "score", "tag"}.  --output FILE is written to FILE.tmp
and renamed when complete (a device or FIFO such as /dev/null in place).

One RUN may be '-' for standard input.  Exit status: 0 on success; 2 for usage errors
(fewer than two runs, not one --weights value per run, --rrf-k or --norm with a method
that has none); 3 when a file is unreadable or malformed.

Examples:
  polysearch fuse baseline.run new.run > fused.run
  polysearch fuse --method combsum --weights 2,1 -o combsum.run baseline.run new.run
  polysearch fuse --depth 100 -k 100 --tag rrf-top100 baseline.run new.run run.txt
  polysearch fuse baseline.run new.run | polysearch eval --qrels qrels.txt -m ndcg_cut.10 -
  polysearch fuse --json baseline.run new.run | jq -r 'select(.rank == 1) | .id')help";

struct FuseCommandOptions {
  std::vector<std::string> runs;
  std::string method = "rrf";
  std::string rrf_k;  // empty: not given (60)
  std::string norm;   // empty: not given (minmax)
  std::string weights;
  std::size_t depth = 1000;
  std::size_t limit = 1000;
  std::string tag = "fuse";
  std::string output = "-";
  bool json = false;
};

eval::FusionMethod parse_method(const std::string& value) {
  try {
    return eval::parse_fusion_method(value);
  } catch (const InvalidArgument&) {
    throw UsageError("unknown --method '" + value + "' (expected rrf, combsum or combmnz)");
  }
}

eval::ScoreNormalization parse_norm(const std::string& value) {
  try {
    return eval::parse_score_normalization(value);
  } catch (const InvalidArgument&) {
    throw UsageError("unknown --norm '" + value + "' (expected none, minmax or zscore)");
  }
}

std::vector<double> parse_weights(const std::string& text, std::size_t runs) {
  std::vector<double> weights;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string item = text.substr(begin, comma - begin);
    double weight = 0.0;
    if (!parse_double(item, weight) || weight <= 0) {
      throw UsageError("invalid --weights '" + text + "': '" + item +
                       "' is not a positive number (expected W1,W2,… one per run, e.g. 2,1)");
    }
    weights.push_back(weight);
    if (comma == std::string::npos) break;
    begin = comma + 1;
  }
  if (weights.size() != runs) {
    throw UsageError("--weights has " + std::to_string(weights.size()) + " value" +
                     (weights.size() == 1 ? "" : "s") + " for " + std::to_string(runs) +
                     " runs (expected one per run)");
  }
  return weights;
}

// Every option checked before any file is read, as a usage error.
eval::FusionOptions fusion_options(const FuseCommandOptions& options) {
  if (options.runs.size() < 2) {
    throw UsageError("fuse needs at least two runs, got " + std::to_string(options.runs.size()));
  }
  eval::FusionOptions fusion;
  fusion.method = parse_method(options.method);
  const bool rrf = fusion.method == eval::FusionMethod::ReciprocalRank;
  if (!options.rrf_k.empty()) {
    if (!rrf) throw UsageError("--rrf-k applies to --method rrf only");
    if (!parse_double(options.rrf_k, fusion.rrf_k) || fusion.rrf_k < 0) {
      throw UsageError("invalid --rrf-k '" + options.rrf_k + "' (expected a number >= 0)");
    }
  }
  if (!options.norm.empty()) {
    if (rrf) throw UsageError("--norm applies to --method combsum and combmnz only");
    fusion.normalization = parse_norm(options.norm);
  }
  if (!options.weights.empty())
    fusion.weights = parse_weights(options.weights, options.runs.size());
  fusion.depth = options.depth;
  fusion.limit = options.limit;
  if (options.tag.empty() || options.tag.find_first_of(" \t\r\n\v\f") != std::string::npos) {
    throw UsageError("invalid --tag '" + options.tag + "' (expected a name without spaces)");
  }
  fusion.name = options.tag;
  return fusion;
}

void write_fused(std::ostream& out, const eval::Run& fused, bool json) {
  for (const auto& [query, documents] : fused.queries) {
    std::size_t rank = 0;
    for (const eval::RankedDocument& document : documents) {
      ++rank;
      if (json) {
        out << json_line(Json{{"query", query},
                              {"id", document.id},
                              {"rank", rank},
                              {"score", document.score},
                              {"tag", fused.name}})
            << '\n';
      } else {
        eval::write_run_line(out, {query, document.id, rank, document.score, fused.name});
      }
    }
  }
}

int run_fuse(const FuseCommandOptions& options) {
  const eval::FusionOptions fusion = fusion_options(options);
  std::vector<std::pair<std::string, std::string>> arguments;
  for (std::size_t i = 0; i < options.runs.size(); ++i) {
    arguments.emplace_back("RUN " + std::to_string(i + 1), options.runs[i]);
  }
  require_stdin_once(arguments);
  std::vector<eval::Run> runs;
  runs.reserve(options.runs.size());
  for (const std::string& run : options.runs) runs.push_back(read_run_argument(run));
  const eval::Run fused = eval::fuse_runs(runs, fusion);
  RunOutput output(options.output);
  write_fused(output.stream(), fused, options.json);
  output.commit();
  return kExitOk;
}

}  // namespace

void add_fuse_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<FuseCommandOptions>();
  CLI::App* sub = app.add_subcommand("fuse", "Fuse TREC runs into one (RRF, CombSUM, CombMNZ)");
  sub->add_option("--method", options->method, "Fusion method: rrf, combsum or combmnz")
      ->capture_default_str()
      ->type_name("rrf|combsum|combmnz");
  sub->add_option("--rrf-k", options->rrf_k, "RRF's k in weight / (k + rank) (default 60)")
      ->type_name("K");
  sub->add_option("--norm", options->norm,
                  "Score normalization per run and query for combsum and combmnz (default "
                  "minmax)")
      ->type_name("none|minmax|zscore");
  sub->add_option("--weights", options->weights, "One weight per run, in order (default 1 each)")
      ->type_name("W1,W2,...");
  sub->add_option("--depth", options->depth, "Documents fused from each run per query")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_option("-k,--limit", options->limit, "Documents written per query")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_option("--tag", options->tag, "Run name, the last column")->capture_default_str();
  sub->add_option("-o,--output", options->output, "Run file; - for standard output")
      ->capture_default_str()
      ->type_name(kFileType);
  sub->add_flag("--json", options->json, "Print JSON Lines, one object per document");
  sub->add_option("RUN", options->runs, "TREC runs to fuse, two or more (one may be - for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->footer(kFuseFooter);
  sub->callback([options, &action] { action = [options] { return run_fuse(*options); }; });
}

}  // namespace polysearch::cli
