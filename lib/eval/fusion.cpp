// Run fusion: RRF, CombSUM and CombMNZ over runs read as trec_eval reads them.
#include "polysearch/eval/fusion.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "eval/judged_ranking.hpp"
#include "polysearch/error.hpp"

namespace polysearch::eval {
namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

// "run 2 ('bm25')": how messages name a run, by its place in the argument list.
std::string describe_run(const std::vector<Run>& runs, std::size_t index) {
  std::string text = "run " + std::to_string(index + 1);
  if (!runs[index].name.empty()) text += " (" + in_quotes(runs[index].name) + ")";
  return text;
}

bool has_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  });
}

void check_options(const std::vector<Run>& runs, const FusionOptions& options) {
  if (runs.size() < 2) {
    throw InvalidArgument("fusion needs at least two runs, got " + std::to_string(runs.size()));
  }
  if (!options.weights.empty() && options.weights.size() != runs.size()) {
    throw InvalidArgument("fusion weights: " + std::to_string(options.weights.size()) +
                          " given for " + std::to_string(runs.size()) + " runs (one per run)");
  }
  for (const double weight : options.weights) {
    if (!std::isfinite(weight) || weight <= 0) {
      throw InvalidArgument("fusion weight " + std::to_string(weight) +
                            " is not a positive finite number");
    }
  }
  if (!std::isfinite(options.rrf_k) || options.rrf_k < 0) {
    throw InvalidArgument("RRF k must be a finite number >= 0, got " +
                          std::to_string(options.rrf_k));
  }
  if (options.depth == 0) throw InvalidArgument("fusion depth must be at least 1");
  if (options.limit == 0) throw InvalidArgument("fusion limit must be at least 1");
  if (options.name.empty() || has_space(options.name)) {
    throw InvalidArgument("fused run name " + in_quotes(options.name) +
                          " must be a non-empty word without whitespace");
  }
}

// A score as a run file holds it: rounded to six decimals exactly as format_run_line()
// writes it, and read back as read_run() reads it.
double as_written(double score) {
  char buffer[400];  // a double in fixed notation has at most 309 integer digits
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, score, std::chars_format::fixed, 6);
  if (error != std::errc()) return score;  // unreachable with this buffer
  double value = 0.0;
  std::from_chars(buffer, end, value);
  return value;
}

// The normalized scores of one run's fused documents for one query, in their order.
std::vector<double> normalized_scores(const std::vector<const RankedDocument*>& top,
                                      ScoreNormalization normalization) {
  std::vector<double> scores;
  scores.reserve(top.size());
  for (const RankedDocument* document : top) scores.push_back(document->score);
  if (scores.empty() || normalization == ScoreNormalization::None) return scores;
  if (normalization == ScoreNormalization::MinMax) {
    // Ranked by score, descending: the first is the highest, the last the lowest.
    const double high = scores.front();
    const double low = scores.back();
    for (double& score : scores) score = high > low ? (score - low) / (high - low) : 1.0;
    return scores;
  }
  double mean = 0.0;
  for (const double score : scores) mean += score;
  mean /= static_cast<double>(scores.size());
  double variance = 0.0;
  for (const double score : scores) variance += (score - mean) * (score - mean);
  const double deviation = std::sqrt(variance / static_cast<double>(scores.size()));
  for (double& score : scores) score = deviation > 0 ? (score - mean) / deviation : 0.0;
  return scores;
}

// What the runs gave one query: a (document, contribution) pair per run that has the
// document, the ids pointing into the runs.  One flat list per query, grouped by sorting,
// costs far less than a map of lists on runs of a million lines.
using Contributions = std::vector<std::pair<std::string_view, double>>;

void add_run(const std::vector<Run>& runs, std::size_t index, const FusionOptions& options,
             std::map<std::string, Contributions>& fused) {
  const double weight = options.weights.empty() ? 1.0 : options.weights[index];
  for (const auto& [query, documents] : runs[index].queries) {
    std::vector<const RankedDocument*> top;
    try {
      top = detail::trec_order(query, documents);
    } catch (const InvalidArgument& error) {
      throw InputError(describe_run(runs, index) + ": " + error.what(), 0);
    }
    if (top.size() > options.depth) top.resize(options.depth);
    Contributions& contributions = fused[query];
    if (options.method == FusionMethod::ReciprocalRank) {
      for (std::size_t rank = 1; rank <= top.size(); ++rank) {
        contributions.emplace_back(top[rank - 1]->id,
                                   weight / (options.rrf_k + static_cast<double>(rank)));
      }
      continue;
    }
    for (const RankedDocument* document : top) {
      if (!std::isfinite(document->score)) {
        throw InputError(describe_run(runs, index) + ": document " + in_quotes(document->id) +
                             " of query " + in_quotes(query) +
                             " has an infinite score, which CombSUM and CombMNZ cannot fuse",
                         0);
      }
    }
    const std::vector<double> scores = normalized_scores(top, options.normalization);
    for (std::size_t i = 0; i < top.size(); ++i) {
      contributions.emplace_back(top[i]->id, weight * scores[i]);
    }
  }
}

// One query's fused ranking.  Each document's contributions are summed smallest first, so
// that its score does not depend on the order of the runs.
std::vector<RankedDocument> rank_query(Contributions& contributions, const FusionOptions& options) {
  std::sort(contributions.begin(), contributions.end());
  std::vector<std::pair<std::string_view, double>> scored;  // (document, fused score)
  for (auto first = contributions.begin(); first != contributions.end();) {
    double score = 0.0;
    auto next = first;
    for (; next != contributions.end() && next->first == first->first; ++next) {
      score += next->second;
    }
    if (options.method == FusionMethod::CombMnz) score *= static_cast<double>(next - first);
    scored.emplace_back(first->first, as_written(score));
    first = next;
  }
  const auto by_rank = [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return a.first > b.first;
  };
  const std::size_t kept = std::min(scored.size(), options.limit);
  const auto end = scored.begin() + static_cast<std::ptrdiff_t>(kept);
  std::partial_sort(scored.begin(), end, scored.end(), by_rank);
  std::vector<RankedDocument> ranked;
  ranked.reserve(kept);
  for (auto it = scored.begin(); it != end; ++it) {
    ranked.push_back({std::string(it->first), it->second});
  }
  return ranked;
}

}  // namespace

Run fuse_runs(const std::vector<Run>& runs, const FusionOptions& options) {
  check_options(runs, options);
  std::map<std::string, Contributions> fused;
  for (std::size_t index = 0; index < runs.size(); ++index) add_run(runs, index, options, fused);
  Run out;
  out.name = options.name;
  for (auto& [query, contributions] : fused) {
    if (contributions.empty()) continue;  // a query every run lists without documents
    out.queries.emplace(query, rank_query(contributions, options));
  }
  return out;
}

FusionMethod parse_fusion_method(std::string_view name) {
  if (name == "rrf") return FusionMethod::ReciprocalRank;
  if (name == "combsum") return FusionMethod::CombSum;
  if (name == "combmnz") return FusionMethod::CombMnz;
  throw InvalidArgument("unknown fusion method " + in_quotes(name) +
                        " (expected rrf, combsum or combmnz)");
}

ScoreNormalization parse_score_normalization(std::string_view name) {
  if (name == "none") return ScoreNormalization::None;
  if (name == "minmax") return ScoreNormalization::MinMax;
  if (name == "zscore") return ScoreNormalization::ZScore;
  throw InvalidArgument("unknown score normalization " + in_quotes(name) +
                        " (expected none, minmax or zscore)");
}

}  // namespace polysearch::eval
