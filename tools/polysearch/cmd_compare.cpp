// polysearch compare: is run B better than run A?  Per-query scores of both, paired tests.
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/eval/significance.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "trec_inputs.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kCompareFooter =
    R"help(Scores both runs as 'polysearch eval' does (trec_eval -c: every query of the qrels
counts, 0 where a run lacks it) and compares them query by query, difference = B - A:
the mean of each, how many queries B wins, loses and ties, a paired two-sided t-test
and a two-sided randomization test (random sign flips of the differences; exact, over
all 2^n flips, when 2^n <= --trials for n queries that differ).  Measures (-m) are named
as in 'polysearch eval'; a cutoff list compares each cutoff.  Default: ndcg_cut.10.

--json prints one object: {"a": {"run", "file"}, "b": {…}, "queries", "measures": {NAME:
{"a", "b", "mean_difference", "wins", "losses", "ties", "t", "df", "t_test_p",
"randomization_p", "randomization_samples", "randomization_exact", "per_query"}}}; NaN
(too few queries for a test) prints as null; per_query only with --per-query.

One of RUN_A, RUN_B and --qrels may be '-' for standard input.  Exit status: 0 on
success; 2 for usage errors (an unknown measure); 3 when a file is unreadable or
malformed.

Examples:
  polysearch compare --qrels qrels.txt baseline.run new.run
  polysearch compare --qrels qrels.txt -m map -m P.10 --per-query baseline.run new.run
  polysearch compare --qrels qrels.txt --trials 100000 --seed 7 --json baseline.run new.run
  polysearch run --db ./idx --queries queries.tsv -q --and | polysearch compare --qrels qrels.txt baseline.run -)help";

struct CompareCommandOptions {
  std::string qrels;
  std::string run_a;
  std::string run_b;
  std::vector<std::string> measures;
  bool per_query = false;
  bool json = false;
  std::size_t trials = 10000;
  std::uint64_t seed = 1;
  int relevance_level = 1;
};

std::string signed_fixed(double value) { return (value >= 0 ? "+" : "") + fixed(value, 4); }

std::string describe_p(double p) { return std::isnan(p) ? "n/a" : fixed(p, 4); }

std::string describe_t(const eval::PairedComparison& r) {
  if (std::isnan(r.t_test_p)) return "n/a (fewer than 2 queries)";
  return "t = " + fixed(r.t_statistic, 4) + ", df = " + fixed(r.degrees_of_freedom, 0) +
         ", p = " + describe_p(r.t_test_p);
}

std::string describe_randomization(const eval::PairedComparison& r, std::uint64_t seed) {
  if (std::isnan(r.randomization_p)) return "n/a (no queries)";
  const std::string p = "p = " + describe_p(r.randomization_p);
  if (r.randomization_exact) {
    return p + " (exact: all " + std::to_string(r.randomization_samples) + " sign flips)";
  }
  return p + " (" + std::to_string(r.randomization_samples) + " random sign flips, seed " +
         std::to_string(seed) + ")";
}

void print_per_query(const eval::MeasureComparison& item) {
  std::vector<std::vector<std::string>> rows{{"query", "A", "B", "B - A"}};
  for (const auto& [query, a] : item.a) {
    const double b = item.b.at(query);
    rows.push_back({query, fixed(a, 4), fixed(b, 4), signed_fixed(b - a)});
  }
  std::cout << '\n' << format_table(rows, {false, true, true, true});
}

void print_text(const CompareCommandOptions& options, const eval::Evaluation& a,
                const eval::Evaluation& b, const std::vector<eval::MeasureComparison>& compared) {
  std::cout << "A: " << printable(options.run_a) << " (" << printable(a.run_name) << ")\n"
            << "B: " << printable(options.run_b) << " (" << printable(b.run_name) << ")\n"
            << a.judged_queries.size() << " judged queries; a query missing from a run scores 0\n";
  for (const eval::MeasureComparison& item : compared) {
    const eval::PairedComparison& r = item.result;
    std::cout << '\n'
              << item.measure << '\n'
              << format_table({{"  A", fixed(r.mean_a, 4)},
                               {"  B", fixed(r.mean_b, 4)},
                               {"  B - A", signed_fixed(r.mean_difference)},
                               {"  B vs A", "better on " + std::to_string(r.wins) +
                                                " queries, worse on " + std::to_string(r.losses) +
                                                ", tied on " + std::to_string(r.ties)},
                               {"  paired t-test", describe_t(r)},
                               {"  randomization", describe_randomization(r, options.seed)}});
    if (options.per_query) print_per_query(item);
  }
}

Json comparison_json(const eval::MeasureComparison& item, bool per_query) {
  const eval::PairedComparison& r = item.result;
  Json out{{"a", r.mean_a},
           {"b", r.mean_b},
           {"mean_difference", r.mean_difference},
           {"wins", r.wins},
           {"losses", r.losses},
           {"ties", r.ties},
           {"t", r.t_statistic},
           {"df", r.degrees_of_freedom},
           {"t_test_p", r.t_test_p},
           {"randomization_p", r.randomization_p},
           {"randomization_samples", r.randomization_samples},
           {"randomization_exact", r.randomization_exact}};
  if (per_query) {
    Json queries = Json::object();
    for (const auto& [query, a] : item.a) {
      const double b = item.b.at(query);
      queries[query] = {{"a", a}, {"b", b}, {"difference", b - a}};
    }
    out["per_query"] = std::move(queries);
  }
  return out;
}

void print_json(const CompareCommandOptions& options, const eval::Evaluation& a,
                const eval::Evaluation& b, const std::vector<eval::MeasureComparison>& compared) {
  Json measures = Json::object();
  for (const eval::MeasureComparison& item : compared) {
    measures[item.measure] = comparison_json(item, options.per_query);
  }
  const Json out{{"a", {{"run", a.run_name}, {"file", options.run_a}}},
                 {"b", {{"run", b.run_name}, {"file", options.run_b}}},
                 {"qrels", options.qrels},
                 {"queries", a.judged_queries.size()},
                 {"trials", options.trials},
                 {"seed", options.seed},
                 {"measures", std::move(measures)}};
  std::cout << json_line(out) << '\n';
}

int run_compare(const CompareCommandOptions& options) {
  const std::vector<std::string> measures =
      options.measures.empty() ? std::vector<std::string>{"ndcg_cut.10"} : options.measures;
  eval::EvaluationOptions settings;
  settings.relevance_level = options.relevance_level;
  // Bad measure names are usage errors: report them before reading any file.
  (void)eval::evaluate({}, {}, measures, settings);
  require_stdin_once(
      {{"--qrels", options.qrels}, {"RUN_A", options.run_a}, {"RUN_B", options.run_b}});
  const eval::Qrels qrels = read_qrels_argument(options.qrels);
  const eval::Evaluation a =
      eval::evaluate(qrels, read_run_argument(options.run_a), measures, settings);
  const eval::Evaluation b =
      eval::evaluate(qrels, read_run_argument(options.run_b), measures, settings);
  eval::RandomizationOptions randomization;
  randomization.trials = options.trials;
  randomization.seed = options.seed;
  const std::vector<eval::MeasureComparison> compared = eval::compare_runs(a, b, randomization);
  if (compared.empty()) {
    throw UsageError(
        "no measure with per-query values to compare (num_q, gm_map, gm_bpref and "
        "runid have none)");
  }
  if (options.json) {
    print_json(options, a, b, compared);
  } else {
    print_text(options, a, b, compared);
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void add_compare_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<CompareCommandOptions>();
  CLI::App* sub = app.add_subcommand("compare", "Compare two TREC runs with significance tests");
  sub->add_option("--qrels", options->qrels, "Relevance judgments (TREC qrels file; - for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->add_option("-m,--measure", options->measures,
                  "Measure to compare, as trec_eval names it (default ndcg_cut.10)")
      ->allow_extra_args(false)
      ->type_name("MEASURE");
  sub->add_flag("-q,--per-query", options->per_query, "Also print each query's scores");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_option("--trials", options->trials, "Random sign flips of the randomization test")
      ->check(count_validator(1))
      ->capture_default_str();
  sub->add_option("--seed", options->seed, "Seed of the randomization test")->capture_default_str();
  sub->add_option("-l,--relevance-level", options->relevance_level,
                  "Lowest grade that counts as relevant")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub->add_option("RUN_A", options->run_a, "Baseline TREC run (- for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->add_option("RUN_B", options->run_b, "TREC run compared with the baseline (- for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->footer(kCompareFooter);
  sub->callback([options, &action] { action = [options] { return run_compare(*options); }; });
}

}  // namespace polysearch::cli
