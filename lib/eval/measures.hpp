#pragma once
// trec_eval 9.0.8's measures, one function each, and the table that names them in
// trec_eval's order (measures.c).  Each function ports the m_<name>.c of trec_eval: same
// loops, same order of floating-point operations, so the printed digits agree.

#include <string>
#include <vector>

#include "eval/judged_ranking.hpp"
#include "polysearch/eval/trec_eval.hpp"

namespace polysearch::eval::detail {

// What follows the '.' of "P.5,10" for each kind of measure.
enum class ParamKind {
  None,
  Cutoffs,    // positive document counts, one value each: P_5, P_10
  Fractions,  // numbers, one value each, named with 2 decimals: iprec_at_recall_0.50
  Numbers,    // coefficients of one value: utility, 11pt_avg, set_F
  Gains,      // level=gain pairs of one value: ndcg.1=1,2=3
};

struct GainParam {
  long level = 0;
  double gain = 0.0;
};

struct MeasureParams {
  std::vector<long> cutoffs;     // ParamKind::Cutoffs: ascending, unique, > 0
  std::vector<double> numbers;   // Fractions (ascending, unique) or Numbers (as given)
  std::vector<GainParam> gains;  // ParamKind::Gains
};

using Values = std::vector<double>;
using ComputeFn = void (*)(const JudgedRanking&, const MeasureParams&, Values&);

struct MeasureDef {
  const char* name;
  ParamKind params;
  std::vector<double> defaults;  // the parameters when none are given
  Aggregation aggregation;
  bool integral;           // printed with %ld
  bool summary_only;       // no per-query line
  bool zero_when_missing;  // trec_eval resets it for a query the run lacks (utility)
  ComputeFn compute;       // null for runid, which is not computed
};

// Every measure, in trec_eval's order: the order of output lines.
[[nodiscard]] const std::vector<MeasureDef>& measure_table();

// trec_eval's nicknames ("official", "all_trec", "set") and the measures they stand for.
struct Nickname {
  const char* name;
  std::vector<std::string> measures;
};
[[nodiscard]] const std::vector<Nickname>& measure_nicknames();

}  // namespace polysearch::eval::detail
