#pragma once
// trec_eval's measures over graded gains: ndcg, ndcg_rel, Rndcg, G (gain of a grade: the
// grade itself unless a level=gain parameter says otherwise) and ndcg_cut (always the grade).

#include "eval/judged_ranking.hpp"
#include "eval/measures.hpp"

namespace polysearch::eval::detail {

void ndcg(const JudgedRanking& r, const MeasureParams& p, Values& v);
void ndcg_rel(const JudgedRanking& r, const MeasureParams& p, Values& v);
void r_ndcg(const JudgedRanking& r, const MeasureParams& p, Values& v);
void gain_g(const JudgedRanking& r, const MeasureParams& p, Values& v);
void ndcg_cut(const JudgedRanking& r, const MeasureParams& p, Values& v);

}  // namespace polysearch::eval::detail
