// polysearch eval: score a TREC run against qrels, printing what trec_eval -c prints.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "output.hpp"
#include "polysearch/eval/trec_eval.hpp"
#include "trec_inputs.hpp"

namespace polysearch::cli {
namespace {

constexpr const char* kEvalFooter =
    R"help(Computes trec_eval 9.0.8's measures, with its numbers: documents ranked by score, ties
broken by document id (descending), the rank column ignored, grades >= 1 relevant (-l),
and averages over every query of the qrels as with trec_eval -c (a query the run lacks
counts 0; queries only in the run are ignored).  The output is trec_eval's, line for line.

Measures (-m, repeatable) are named as for trec_eval, with optional cutoffs after a dot:
  map  gm_map  Rprec  bpref  recip_rank  infAP  gm_bpref  binG  G  ndcg  ndcg_rel  Rndcg
  P.5,10  recall.100  ndcg_cut.10  map_cut.100  success.1,5  relative_P.10
  iprec_at_recall.0.5  Rprec_mult.1.0  11pt_avg  utility.1,-1,0,0
  set_P  set_recall  set_relative_P  set_map  set_F.1.0
  runid  num_q  num_ret  num_rel  num_rel_ret  num_nonrel_judged_ret
  all_trec (all of them), official, set
Without -m: runid num_q num_ret num_rel num_rel_ret map recip_rank P.10 recall.100
ndcg_cut.10.

--json prints one object: {"run", "run_file", "qrels", "queries", "measures": {NAME:
{"all": value, "per_query": {QUERY: value}}}}, per_query only with --per-query.

RUN or --qrels may be '-' for standard input (not both).  Exit status: 0 on success; 2
for usage errors (an unknown measure); 3 when a file is unreadable or malformed.

Examples:
  polysearch eval --qrels qrels.txt run.txt
  polysearch eval --qrels qrels.txt -q -m map -m ndcg_cut.10 run.txt
  polysearch eval --qrels qrels.txt -m all_trec run.txt
  polysearch eval --qrels qrels.txt --json -m P.5,10 run.txt | jq .measures.P_10.all
  polysearch run --db ./idx --queries queries.tsv -q | polysearch eval --qrels qrels.txt -)help";

struct EvalCommandOptions {
  std::string qrels;
  std::string run;
  std::vector<std::string> measures;
  bool per_query = false;
  bool json = false;
  int relevance_level = 1;
};

const std::vector<std::string> kDefaultMeasures{
    "runid", "num_q",      "num_ret", "num_rel",    "num_rel_ret",
    "map",   "recip_rank", "P.10",    "recall.100", "ndcg_cut.10"};

Json measure_json(const eval::MeasureValues& measure, bool per_query) {
  const auto number = [&measure](double value) {
    return measure.integral ? Json(static_cast<long>(value)) : Json(value);
  };
  Json out{{"all", number(measure.all)}};
  if (per_query && !measure.summary_only) {
    Json queries = Json::object();
    for (const auto& [query, value] : measure.per_query) queries[query] = number(value);
    out["per_query"] = std::move(queries);
  }
  return out;
}

Json evaluation_json(const EvalCommandOptions& options, const eval::Evaluation& evaluation) {
  Json measures = Json::object();
  for (const eval::MeasureValues& measure : evaluation.measures) {
    measures[measure.name] = measure_json(measure, options.per_query);
  }
  return {{"run", evaluation.run_name},
          {"run_file", options.run},
          {"qrels", options.qrels},
          {"queries", evaluation.judged_queries.size()},
          {"measures", std::move(measures)}};
}

int run_eval(const EvalCommandOptions& options) {
  const std::vector<std::string>& measures =
      options.measures.empty() ? kDefaultMeasures : options.measures;
  eval::EvaluationOptions settings;
  settings.relevance_level = options.relevance_level;
  // Bad measure names are usage errors: report them before reading any file.
  (void)eval::evaluate({}, {}, measures, settings);
  require_stdin_once({{"--qrels", options.qrels}, {"RUN", options.run}});
  const eval::Qrels qrels = read_qrels_argument(options.qrels);
  const eval::Run run = read_run_argument(options.run);
  const eval::Evaluation evaluation = eval::evaluate(qrels, run, measures, settings);
  if (options.json) {
    std::cout << json_line(evaluation_json(options, evaluation)) << '\n';
  } else {
    eval::write_trec_eval(std::cout, evaluation, options.per_query);
  }
  std::cout.flush();
  return kExitOk;
}

}  // namespace

void add_eval_command(CLI::App& app, Action& action) {
  auto options = std::make_shared<EvalCommandOptions>();
  CLI::App* sub = app.add_subcommand("eval", "Score a TREC run against relevance judgments");
  sub->add_option("--qrels", options->qrels, "Relevance judgments (TREC qrels file; - for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->add_option("-m,--measure", options->measures,
                  "Measure as trec_eval names it, e.g. map, ndcg_cut.10, P.5,10, all_trec")
      ->allow_extra_args(false)
      ->type_name("MEASURE");
  sub->add_flag("-q,--per-query", options->per_query, "Also print each query's values");
  sub->add_flag("--json", options->json, "Print one JSON object");
  sub->add_option("-l,--relevance-level", options->relevance_level,
                  "Lowest grade that counts as relevant")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub->add_option("RUN", options->run,
                  "TREC run file: query Q0 document rank score runid (- for stdin)")
      ->required()
      ->type_name(kFileType);
  sub->footer(kEvalFooter);
  sub->callback([options, &action] { action = [options] { return run_eval(*options); }; });
}

}  // namespace polysearch::cli
