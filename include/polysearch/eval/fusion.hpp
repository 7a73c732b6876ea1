#pragma once
/// @file
/// Fusing several runs of one query set into one: reciprocal rank fusion (Cormack, Clarke
/// and Büttcher, SIGIR 2009) and CombSUM / CombMNZ (Fox and Shaw, TREC-2, 1994).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "polysearch/eval/export.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval {

/// How fuse_runs() scores a document from its places in the runs.
enum class FusionMethod {
  /// Reciprocal rank fusion: the sum over the runs of weight / (k + rank), rank counted
  /// from 1 in trec_eval's order of the run (score descending, ties by document id
  /// descending).  Scores only order a run; their scale does not matter.
  ReciprocalRank,
  /// CombSUM: the sum over the runs of weight × normalized score.
  CombSum,
  /// CombMNZ: CombSUM times the number of runs that retrieved the document (within the
  /// depth).
  CombMnz,
};

/// How CombSUM and CombMNZ make the scores of different runs comparable, per run and per
/// query, over the documents that are fused (the top FusionOptions::depth).
enum class ScoreNormalization {
  None,    ///< the scores as the runs give them
  MinMax,  ///< (score - min) / (max - min); when every score is the same, each gets 1
  ZScore,  ///< (score - mean) / standard deviation (of the population); when every score
           ///< is the same, each gets 0
};

/// Settings of fuse_runs().
struct FusionOptions {
  FusionMethod method = FusionMethod::ReciprocalRank;  ///< how documents are scored
  double rrf_k = 60.0;  ///< ReciprocalRank's k (>= 0, finite); Cormack et al.'s 60
  /// CombSum's and CombMnz's normalization; ReciprocalRank ignores it.
  ScoreNormalization normalization = ScoreNormalization::MinMax;
  /// One weight per run (each > 0 and finite), multiplying that run's contribution; empty
  /// gives every run 1.
  std::vector<double> weights;
  std::size_t depth = 1000;   ///< only the top `depth` documents of each run and query count
  std::size_t limit = 1000;   ///< documents kept per query in the fused run
  std::string name = "fuse";  ///< Run::name of the fused run: its tag in a run file
};

/// Fuses `runs` into one run.  Every query of any run is fused, over the runs that have
/// it (a query missing from a run takes nothing from that run, and its absence is not
/// penalised).  Each fused query lists at most `limit` documents in their fused order: by
/// score, descending, ties broken by document id, descending, which is the order
/// trec_eval (and evaluate()) reads a run in, so that the list's order and the rank
/// column written from it agree with what evaluation sees.  Fused scores are rounded to
/// six decimals, the precision of a run file (format_run_line()): the ranking evaluated
/// in memory is then the one read back from the written file.
/// @throws InvalidArgument for fewer than two runs, a weight count other than the run
///         count, a weight that is not positive and finite, a negative or non-finite
///         rrf_k, a depth or limit of 0, or a name that is empty or holds whitespace.
/// @throws InputError for a NaN score, a document listed twice for one query, or (with
///         CombSum and CombMnz) an infinite score among the fused documents.
POLYSEARCH_EVAL_API Run fuse_runs(const std::vector<Run>& runs, const FusionOptions& options = {});

/// The method named `name`: "rrf", "combsum" or "combmnz".
/// @throws InvalidArgument for another name (the message lists the known ones).
POLYSEARCH_EVAL_API FusionMethod parse_fusion_method(std::string_view name);

/// The normalization named `name`: "none", "minmax" or "zscore".
/// @throws InvalidArgument for another name (the message lists the known ones).
POLYSEARCH_EVAL_API ScoreNormalization parse_score_normalization(std::string_view name);

}  // namespace polysearch::eval
