// evaluate(): every judged query through every requested measure, then trec_eval -c's
// aggregates.  trec_eval 9.0.8 -c evaluates a judged query the run lacks on a placeholder
// ranking, adds it to the sums and averages (its num_rel counts, every score is 0) and
// prints no per-query line for it; a judged query without relevant documents is evaluated
// and averaged like any other.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>

#include "eval/judged_ranking.hpp"
#include "eval/measure_spec.hpp"
#include "eval/measures.hpp"
#include "polysearch/error.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval {
namespace {

// trec_eval's MIN_GEO_MEAN: the floor of a value whose logarithm a geometric mean sums.
constexpr double kMinGeoMean = 0.00001;

// Running sum of one value over the judged queries.
struct Accumulator {
  MeasureValues* out = nullptr;
  double sum = 0.0;

  void add(const std::string& query, double value, bool in_run) {
    if (in_run) out->per_query.emplace(query, value);
    sum += out->aggregation == Aggregation::GeometricMean ? std::log(std::max(value, kMinGeoMean))
                                                          : value;
  }

  void finish(std::size_t judged) {
    const double n = static_cast<double>(judged);
    switch (out->aggregation) {
      case Aggregation::Mean: out->all = judged != 0 ? sum / n : 0.0; break;
      case Aggregation::GeometricMean: out->all = judged != 0 ? std::exp(sum / n) : 0.0; break;
      case Aggregation::Sum: out->all = sum; break;
      case Aggregation::Count: out->all = n; break;
    }
  }
};

std::vector<MeasureValues> output_slots(const std::vector<detail::ResolvedMeasure>& measures) {
  std::vector<MeasureValues> slots;
  for (const detail::ResolvedMeasure& measure : measures) {
    for (const std::string& name : measure.value_names) {
      MeasureValues values;
      values.name = name;
      values.aggregation = measure.def->aggregation;
      values.integral = measure.def->integral;
      values.summary_only = measure.def->summary_only;
      slots.push_back(std::move(values));
    }
  }
  return slots;
}

// Runs one query through every measure, feeding the values to `accumulators` in order.
void evaluate_query(const std::vector<detail::ResolvedMeasure>& measures,
                    const detail::JudgedRanking& ranking, const std::string& query, bool in_run,
                    std::vector<Accumulator>& accumulators) {
  std::size_t slot = 0;
  for (const detail::ResolvedMeasure& measure : measures) {
    detail::Values values(measure.value_names.size(), 0.0);
    measure.def->compute(ranking, measure.params, values);
    for (const double value : values) {
      const bool reset = !in_run && measure.def->zero_when_missing;
      accumulators[slot++].add(query, reset ? 0.0 : value, in_run);
    }
  }
}

}  // namespace

Evaluation evaluate(const Qrels& qrels, const Run& run, const std::vector<std::string>& measures,
                    const EvaluationOptions& options) {
  if (options.relevance_level < 1) {
    throw InvalidArgument("relevance level must be at least 1, got " +
                          std::to_string(options.relevance_level));
  }
  std::vector<detail::ResolvedMeasure> resolved = detail::resolve_measures(measures);
  Evaluation evaluation;
  evaluation.run_name = run.name;
  const auto runid = std::find_if(resolved.begin(), resolved.end(),
                                  [](const auto& m) { return m.def->compute == nullptr; });
  evaluation.print_run_name = runid != resolved.end();
  if (evaluation.print_run_name) resolved.erase(runid);

  evaluation.measures = output_slots(resolved);
  std::vector<Accumulator> accumulators;
  for (MeasureValues& values : evaluation.measures) accumulators.push_back({&values, 0.0});

  static const std::vector<RankedDocument> kNothingRetrieved;
  for (const auto& [query, judgments] : qrels.queries) {
    const auto retrieved = run.queries.find(query);
    const bool in_run = retrieved != run.queries.end();
    const detail::JudgedRanking ranking = detail::judge_ranking(
        query, judgments, in_run ? retrieved->second : kNothingRetrieved, options.relevance_level);
    evaluate_query(resolved, ranking, query, in_run, accumulators);
    evaluation.judged_queries.push_back(query);
    if (in_run) evaluation.evaluated_queries.push_back(query);
  }
  for (Accumulator& accumulator : accumulators) accumulator.finish(qrels.queries.size());
  return evaluation;
}

std::vector<std::string> known_measures() {
  std::vector<std::string> names;
  for (const detail::MeasureDef& def : detail::measure_table()) names.emplace_back(def.name);
  for (const detail::Nickname& nickname : detail::measure_nicknames()) {
    names.emplace_back(nickname.name);
  }
  return names;
}

}  // namespace polysearch::eval
