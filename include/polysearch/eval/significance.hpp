#pragma once
/// @file
/// Is run B really better than run A?  Paired tests over per-query scores.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "polysearch/eval/export.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval {

/// Settings of the randomization (sign-flip permutation) test.
struct RandomizationOptions {
  /// Random sign assignments drawn.  When 2^n <= trials, for n queries whose scores
  /// differ, all 2^n assignments are enumerated instead and the p-value is exact.
  std::size_t trials = 10000;
  std::uint64_t seed = 1;  ///< the same seed gives the same p-value (std::mt19937_64)
};

/// Paired comparison of two runs, difference = B - A per query.
struct PairedComparison {
  std::size_t queries = 0;       ///< queries compared: the union of both maps' queries
  double mean_a = 0.0;           ///< mean score of run A over those queries
  double mean_b = 0.0;           ///< mean score of run B over those queries
  double mean_difference = 0.0;  ///< mean of B - A
  std::size_t wins = 0;          ///< queries where B scores higher than A
  std::size_t losses = 0;        ///< queries where B scores lower
  std::size_t ties = 0;          ///< queries where A and B score the same
  /// Paired two-sided Student t-test; NaN with fewer than two queries.  When every
  /// difference is the same, t is 0 (p = 1) if they are all 0, else infinite (p = 0).
  double t_statistic = 0.0;
  double degrees_of_freedom = 0.0;  ///< of the t-test: queries - 1
  double t_test_p = 0.0;            ///< two-sided p-value of the t-test
  /// Two-sided randomization test of the mean difference: the share of sign assignments
  /// whose |mean| is at least the observed one; sampled as (hits + 1) / (trials + 1).
  /// 1 when no query's scores differ; NaN with no query.
  double randomization_p = 0.0;
  std::size_t randomization_samples = 0;  ///< assignments evaluated
  bool randomization_exact = false;       ///< all 2^n assignments were enumerated
};

/// Compares per-query scores over the union of the two maps' queries; a query missing from
/// one side counts 0 there (as trec_eval -c counts a query a run lacks).
/// @throws InvalidArgument if options.trials is 0.
POLYSEARCH_EVAL_API PairedComparison compare_paired(const std::map<std::string, double>& a,
                                                    const std::map<std::string, double>& b,
                                                    const RandomizationOptions& options = {});

/// Two-sided p-value of Student's t distribution: P(|T| >= |t|) with `df` degrees of
/// freedom (df > 0), from the regularized incomplete beta function.
POLYSEARCH_EVAL_API double student_t_two_sided_p(double t, double df);

/// One measure of two runs compared query by query (compare_runs()).
struct MeasureComparison {
  std::string measure;              ///< as trec_eval prints it: "ndcg_cut_10", "P_10"
  std::map<std::string, double> a;  ///< run A's value for each judged query (0 where it has none)
  std::map<std::string, double> b;  ///< run B's value for each judged query (0 where it has none)
  PairedComparison result;          ///< the paired tests of B against A
};

/// Compares two evaluations of the same qrels and measures (`polysearch compare`): for each
/// measure with per-query values, in the evaluations' order, the paired tests over every
/// judged query, a query a run lacks counting 0 (trec_eval -c).  Measures without per-query
/// values (num_q, gm_map, gm_bpref, runid) are left out, so the result may be empty.
/// @throws InvalidArgument if the two evaluations do not list the same measures, or
///         options.trials is 0.
POLYSEARCH_EVAL_API std::vector<MeasureComparison> compare_runs(
    const Evaluation& a, const Evaluation& b, const RandomizationOptions& options = {});

}  // namespace polysearch::eval
