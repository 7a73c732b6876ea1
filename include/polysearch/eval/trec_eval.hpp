#pragma once
/// @file
/// Evaluating ranked runs against relevance judgments, with the numbers trec_eval 9.0.8
/// prints: the same measures, names, tie-breaking and averaging (trec_eval -c).

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "polysearch/eval/export.hpp"

namespace polysearch::eval {

/// Relevance judgments in TREC qrels form: query id -> document id -> grade.  Grades of 1
/// and more (EvaluationOptions::relevance_level) are relevant, 0 is judged non-relevant
/// and a negative grade marks a pooled but unjudged document.
struct Qrels {
  std::map<std::string, std::map<std::string, int>> queries;  ///< query -> document -> grade
};

/// One retrieved document.  Only the score orders a ranking; the rank column of a run
/// file is ignored, as trec_eval ignores it.
struct RankedDocument {
  std::string id;      ///< the document's id
  double score = 0.0;  ///< the run's score; higher ranks first
};

/// A system's results: query id -> retrieved documents, in any order.
struct Run {
  std::string name;  ///< trec_eval's runid: the last column of the file's last line
  std::map<std::string, std::vector<RankedDocument>> queries;  ///< query -> its documents
};

/// Reads a qrels file: one `query iteration document grade` line per judgment, separated by
/// blanks; lines starting with '#' and blank lines are skipped.
/// @throws InputError naming `file:line` for a malformed line, a non-integer grade or a
///         document judged twice for one query, and for a file that cannot be read or
///         holds no judgment.
POLYSEARCH_EVAL_API Qrels read_qrels(const std::filesystem::path& path);
/// Same, from a stream; `source` names it in error messages.
POLYSEARCH_EVAL_API Qrels read_qrels(std::istream& in, const std::string& source);

/// Reads a TREC run: `query Q0 document rank score runid` per line (further columns are
/// ignored, as are '#' comments and blank lines).  An empty file is an empty run.
/// @throws InputError naming `file:line` for a malformed line, a score that is not a number
///         or a document retrieved twice for one query (trec_eval refuses those too).
POLYSEARCH_EVAL_API Run read_run(const std::filesystem::path& path);
/// Same, from a stream; `source` names it in error messages.
POLYSEARCH_EVAL_API Run read_run(std::istream& in, const std::string& source);

/// How the "all" line combines the per-query values.
enum class Aggregation {
  Mean,           ///< sum over the judged queries divided by their count (trec_eval -c)
  GeometricMean,  ///< exp of the mean of log(max(value, 0.00001)) (gm_map, gm_bpref)
  Sum,            ///< num_ret, num_rel, num_rel_ret, num_nonrel_judged_ret
  Count,          ///< num_q: the number of judged queries
};

/// One printed measure: "map", or one cutoff of a parameterised one ("P_10").
struct MeasureValues {
  std::string name;  ///< as trec_eval prints it: "map", "P_10", "iprec_at_recall_0.50"
  Aggregation aggregation = Aggregation::Mean;  ///< how `all` combines the queries
  bool integral = false;                        ///< printed as an integer (the num_* counts)
  bool summary_only = false;  ///< trec_eval prints no per-query line (num_q, gm_map, gm_bpref)
  /// The value of every query that is both judged and in the run.  gm_map and gm_bpref hold
  /// the plain average precision and bpref here, not their logarithms.
  std::map<std::string, double> per_query;
  double all = 0.0;  ///< the aggregate over every judged query (a missing query counts 0)
};

/// What evaluate() returns.
struct Evaluation {
  std::string run_name;         ///< Run::name of the evaluated run
  bool print_run_name = false;  ///< the measures asked for "runid"
  /// Every query of the qrels, sorted: the queries averaged over (trec_eval -c counts a
  /// judged query the run lacks as 0, and one without relevant documents as 0 as well).
  std::vector<std::string> judged_queries;
  /// The judged queries that the run has: those with per-query values.
  std::vector<std::string> evaluated_queries;
  std::vector<MeasureValues> measures;  ///< in trec_eval's order, whatever the request order
};

/// Settings of evaluate().
struct EvaluationOptions {
  int relevance_level = 1;  ///< trec_eval -l: the lowest grade that counts as relevant (>= 1)
};

/// Evaluates `run` with the measures named as on trec_eval's command line: "map",
/// "ndcg_cut.10", "P.5,10,20", "recall", "all_trec" (every measure below), "official",
/// "set".  A measure without parameters uses trec_eval's defaults (P: 5,10,15,20,30,100,200,
/// 500,1000).  Known: runid num_q num_ret num_rel num_rel_ret map gm_map Rprec bpref
/// recip_rank iprec_at_recall P recall infAP gm_bpref Rprec_mult utility 11pt_avg binG G
/// ndcg ndcg_rel Rndcg ndcg_cut map_cut relative_P success set_P set_relative_P set_recall
/// set_map set_F num_nonrel_judged_ret.
///
/// Documents are ranked by score, descending, ties broken by document id, descending (byte
/// order), as trec_eval does.  Queries only in the run are ignored.
/// @throws InvalidArgument for an unknown measure (the message lists the known ones),
///         malformed or duplicate cutoffs, one measure given twice with different
///         parameters, or relevance_level < 1.
POLYSEARCH_EVAL_API Evaluation evaluate(const Qrels& qrels, const Run& run,
                                        const std::vector<std::string>& measures,
                                        const EvaluationOptions& options = {});

/// The measure names and nicknames evaluate() accepts, in trec_eval's order.
POLYSEARCH_EVAL_API std::vector<std::string> known_measures();

/// Writes `evaluation` exactly as trec_eval does: `name<pad to 22>\tquery\tvalue` lines,
/// values with 4 decimals (counts as integers); with `per_query`, each evaluated query's
/// lines come first, then the "all" lines.
POLYSEARCH_EVAL_API void write_trec_eval(std::ostream& out, const Evaluation& evaluation,
                                         bool per_query);

}  // namespace polysearch::eval
