#include "eval/judged_ranking.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "polysearch/error.hpp"

namespace polysearch::eval::detail {
namespace {

// Judged documents per grade; grades below 0 are pooled-but-unjudged and not counted.
std::vector<long> count_levels(const std::string& query,
                               const std::map<std::string, int>& judgments) {
  std::vector<long> counts;
  for (const auto& [document, grade] : judgments) {
    if (grade > kMaxGrade) {
      throw InvalidArgument("grade " + std::to_string(grade) + " of document '" + document +
                            "' for query '" + query + "' is out of range (at most " +
                            std::to_string(kMaxGrade) + ")");
    }
    if (grade < 0) continue;
    const auto level = static_cast<std::size_t>(grade);
    if (counts.size() <= level) counts.resize(level + 1, 0);
    ++counts[level];
  }
  return counts;
}

}  // namespace

std::vector<const RankedDocument*> trec_order(const std::string& query,
                                              const std::vector<RankedDocument>& documents) {
  std::vector<const RankedDocument*> order;
  order.reserve(documents.size());
  for (const RankedDocument& document : documents) {
    if (std::isnan(document.score)) {
      throw InvalidArgument("document '" + document.id + "' of query '" + query +
                            "' has a NaN score");
    }
    order.push_back(&document);
  }
  std::sort(order.begin(), order.end(),
            [](const RankedDocument* a, const RankedDocument* b) { return a->id < b->id; });
  const auto twice = std::adjacent_find(
      order.begin(), order.end(),
      [](const RankedDocument* a, const RankedDocument* b) { return a->id == b->id; });
  if (twice != order.end()) {
    // Which copy would count is arbitrary, so trec_eval refuses such a run, and so do we.
    throw InvalidArgument("document '" + (*twice)->id + "' retrieved twice for query '" + query +
                          "'");
  }
  std::sort(order.begin(), order.end(), [](const RankedDocument* a, const RankedDocument* b) {
    if (a->score != b->score) return a->score > b->score;
    return a->id > b->id;
  });
  return order;
}

JudgedRanking judge_ranking(const std::string& query, const std::map<std::string, int>& judgments,
                            const std::vector<RankedDocument>& documents, int relevance_level) {
  JudgedRanking ranking;
  ranking.relevance_level = relevance_level;
  ranking.level_counts = count_levels(query, judgments);
  for (long level = relevance_level; level < ranking.num_rel_levels(); ++level) {
    ranking.num_rel += ranking.level_counts[static_cast<std::size_t>(level)];
  }
  for (const RankedDocument* document : trec_order(query, documents)) {
    const auto judged = judgments.find(document->id);
    long rel = kNotJudged;
    if (judged != judgments.end()) rel = judged->second < 0 ? kPooledUnjudged : judged->second;
    if (rel == kNotJudged) ++ranking.num_not_judged;
    if (rel == kPooledUnjudged) ++ranking.num_pooled_unjudged;
    if (ranking.relevant(rel)) ++ranking.num_rel_ret;
    ranking.rels.push_back(rel);
  }
  return ranking;
}

}  // namespace polysearch::eval::detail
