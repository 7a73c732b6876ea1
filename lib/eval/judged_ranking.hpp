#pragma once
// One query's retrieved documents in trec_eval's rank order, each replaced by its judgment:
// what every measure is computed from (trec_eval's RES_RELS, form_res_rels.c).

#include <map>
#include <string>
#include <vector>

#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval::detail {

// Judgment of a retrieved document that is not in the qrels (trec_eval RELVALUE_NONPOOL)...
inline constexpr long kNotJudged = -1;
// ...and of one the qrels list with a negative grade: pooled, not judged (RELVALUE_UNJUDGED).
inline constexpr long kPooledUnjudged = -2;

// Grades beyond this are refused: level_counts is indexed by grade.
inline constexpr int kMaxGrade = 1000000;

struct JudgedRanking {
  std::vector<long> rels;          // per rank: the grade, kNotJudged or kPooledUnjudged
  std::vector<long> level_counts;  // judged documents of the query per grade 0..max grade
  long num_rel = 0;                // judged documents with grade >= relevance_level
  long num_rel_ret = 0;
  long num_not_judged = 0;
  long num_pooled_unjudged = 0;
  long relevance_level = 1;

  [[nodiscard]] long num_ret() const { return static_cast<long>(rels.size()); }
  [[nodiscard]] long num_rel_levels() const { return static_cast<long>(level_counts.size()); }
  [[nodiscard]] bool relevant(long rel) const { return rel >= relevance_level; }
};

// `documents` in trec_eval's rank order (its comp_sim_docno): higher score first, then the
// larger document id (byte order).  The pointers point into `documents`.
// @throws InvalidArgument if a document is retrieved twice or has a NaN score.
[[nodiscard]] std::vector<const RankedDocument*> trec_order(
    const std::string& query, const std::vector<RankedDocument>& documents);

// Ranks `documents` by score, descending, ties by id, descending (byte order), and looks
// each up in `judgments`.
// @throws InvalidArgument if a document is retrieved twice or a grade exceeds kMaxGrade.
[[nodiscard]] JudgedRanking judge_ranking(const std::string& query,
                                          const std::map<std::string, int>& judgments,
                                          const std::vector<RankedDocument>& documents,
                                          int relevance_level);

}  // namespace polysearch::eval::detail
