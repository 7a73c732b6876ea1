// Paired comparison of per-query scores: wins and losses, Student's paired t-test and a
// sign-flip randomization test (Fisher; Smucker, Allan & Carterette, CIKM 2007).
#include "polysearch/eval/significance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "polysearch/error.hpp"

namespace polysearch::eval {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double score_of(const std::map<std::string, double>& scores, const std::string& query) {
  const auto it = scores.find(query);
  return it == scores.end() ? 0.0 : it->second;
}

// Differences B - A over the union of queries, and the means and win counts on the way.
std::vector<double> differences(const std::map<std::string, double>& a,
                                const std::map<std::string, double>& b, PairedComparison& out) {
  std::set<std::string> queries;
  for (const auto& [query, score] : a) queries.insert(query);
  for (const auto& [query, score] : b) queries.insert(query);
  std::vector<double> diffs;
  double sum_a = 0.0;
  double sum_b = 0.0;
  for (const std::string& query : queries) {
    const double score_a = score_of(a, query);
    const double score_b = score_of(b, query);
    sum_a += score_a;
    sum_b += score_b;
    out.wins += score_b > score_a ? 1 : 0;
    out.losses += score_b < score_a ? 1 : 0;
    out.ties += score_b == score_a ? 1 : 0;
    diffs.push_back(score_b - score_a);
  }
  out.queries = diffs.size();
  if (!diffs.empty()) {
    const double n = static_cast<double>(diffs.size());
    out.mean_a = sum_a / n;
    out.mean_b = sum_b / n;
  }
  return diffs;
}

double sum_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (const double value : values) sum += value;
  return sum;
}

void t_test(const std::vector<double>& diffs, PairedComparison& out) {
  out.t_statistic = out.t_test_p = kNaN;
  if (diffs.size() < 2) return;
  const double n = static_cast<double>(diffs.size());
  double squares = 0.0;
  for (const double d : diffs) squares += (d - out.mean_difference) * (d - out.mean_difference);
  const double standard_error = std::sqrt(squares / (n - 1.0) / n);
  out.degrees_of_freedom = n - 1.0;
  // Every difference equal (up to rounding: 0.3 - 0.2 != 0.2 - 0.1): no spread to test.
  if (standard_error <= 1e-12 * std::fabs(out.mean_difference)) {
    const bool none = out.mean_difference == 0.0;
    out.t_statistic =
        none ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), out.mean_difference);
    out.t_test_p = none ? 1.0 : 0.0;
    return;
  }
  out.t_statistic = out.mean_difference / standard_error;
  out.t_test_p = student_t_two_sided_p(out.t_statistic, out.degrees_of_freedom);
}

// Sums of sign-flipped differences that reach the observed |sum|, with a tolerance for the
// rounding of a different summation order.
class SignFlipCounter {
 public:
  explicit SignFlipCounter(std::vector<double> diffs) : diffs_(std::move(diffs)) {
    double magnitude = 0.0;
    for (const double d : diffs_) magnitude += std::fabs(d);
    threshold_ = std::fabs(sum_of(diffs_)) - 1e-12 * std::max(1.0, magnitude);
  }

  // `signs` bit i set: difference i flipped.  Reads bits from several words for n > 64.
  bool extreme(const std::vector<std::uint64_t>& signs) const {
    double sum = 0.0;
    for (std::size_t i = 0; i < diffs_.size(); ++i) {
      const bool flip = ((signs[i / 64] >> (i % 64)) & 1U) != 0;
      sum += flip ? -diffs_[i] : diffs_[i];
    }
    return std::fabs(sum) >= threshold_;
  }

  [[nodiscard]] std::size_t size() const { return diffs_.size(); }

 private:
  std::vector<double> diffs_;
  double threshold_ = 0.0;
};

void randomization_test(const std::vector<double>& diffs, const RandomizationOptions& options,
                        PairedComparison& out) {
  out.randomization_p = kNaN;
  if (diffs.empty()) return;
  // A zero difference is the same flipped: leaving it out changes no proportion.
  std::vector<double> nonzero;
  for (const double d : diffs) {
    if (d != 0.0) nonzero.push_back(d);
  }
  out.randomization_exact = true;
  if (nonzero.empty()) {
    out.randomization_p = 1.0;
    return;
  }
  const SignFlipCounter counter(std::move(nonzero));
  const std::size_t n = counter.size();
  std::vector<std::uint64_t> signs((n + 63) / 64, 0);
  std::size_t hits = 0;
  if (n < 63 && (std::uint64_t{1} << n) <= options.trials) {
    const std::uint64_t assignments = std::uint64_t{1} << n;
    for (std::uint64_t mask = 0; mask < assignments; ++mask) {
      signs[0] = mask;
      hits += counter.extreme(signs) ? 1 : 0;
    }
    out.randomization_samples = static_cast<std::size_t>(assignments);
    out.randomization_p = static_cast<double>(hits) / static_cast<double>(assignments);
    return;
  }
  out.randomization_exact = false;
  // mt19937_64's output is fixed by the standard, so a seed gives the same p everywhere;
  // its raw bits are used (distributions are implementation-defined).
  std::mt19937_64 generator(options.seed);
  for (std::size_t trial = 0; trial < options.trials; ++trial) {
    for (std::uint64_t& word : signs) word = generator();
    hits += counter.extreme(signs) ? 1 : 0;
  }
  out.randomization_samples = options.trials;
  // The observed assignment counts as one of the sample (Phipson & Smyth 2010): never 0.
  out.randomization_p = static_cast<double>(hits + 1) / static_cast<double>(options.trials + 1);
}

}  // namespace

PairedComparison compare_paired(const std::map<std::string, double>& a,
                                const std::map<std::string, double>& b,
                                const RandomizationOptions& options) {
  if (options.trials == 0) throw InvalidArgument("randomization trials must be at least 1");
  PairedComparison out;
  const std::vector<double> diffs = differences(a, b, out);
  if (!diffs.empty()) out.mean_difference = sum_of(diffs) / static_cast<double>(diffs.size());
  t_test(diffs, out);
  randomization_test(diffs, options, out);
  return out;
}

namespace {

// A measure's value for each judged query, 0 for a query the run lacks.
std::map<std::string, double> judged_scores(const MeasureValues& measure,
                                            const std::vector<std::string>& judged) {
  std::map<std::string, double> scores;
  for (const std::string& query : judged) {
    const auto it = measure.per_query.find(query);
    scores[query] = it == measure.per_query.end() ? 0.0 : it->second;
  }
  return scores;
}

}  // namespace

std::vector<MeasureComparison> compare_runs(const Evaluation& a, const Evaluation& b,
                                            const RandomizationOptions& options) {
  bool same = a.measures.size() == b.measures.size();
  for (std::size_t i = 0; same && i < a.measures.size(); ++i) {
    same = a.measures[i].name == b.measures[i].name;
  }
  if (!same) throw InvalidArgument("compare_runs: the two evaluations have different measures");
  std::vector<MeasureComparison> compared;
  for (std::size_t i = 0; i < a.measures.size(); ++i) {
    const MeasureValues& measure = a.measures[i];
    if (measure.summary_only) continue;  // num_q, gm_map, gm_bpref: nothing per query
    MeasureComparison item{measure.name,
                           judged_scores(measure, a.judged_queries),
                           judged_scores(b.measures[i], b.judged_queries),
                           {}};
    item.result = compare_paired(item.a, item.b, options);
    compared.push_back(std::move(item));
  }
  return compared;
}

}  // namespace polysearch::eval
