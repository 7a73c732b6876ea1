#pragma once
// Turning trec_eval command-line measure names ("P.5,10", "all_trec") into the measures to
// compute, their parameters and the names their values print under.

#include <string>
#include <vector>

#include "eval/measures.hpp"

namespace polysearch::eval::detail {

struct ResolvedMeasure {
  const MeasureDef* def = nullptr;
  MeasureParams params;
  std::vector<std::string> value_names;  // "P_5", "P_10"; one name for most measures
};

// The requested measures in trec_eval's order, each once.  As in trec_eval, a measure
// named without parameters uses its defaults, and one named by a nickname too.
// @throws InvalidArgument for an unknown name, bad parameters, or one measure given twice
//         with different parameters (trec_eval would silently keep the first).
[[nodiscard]] std::vector<ResolvedMeasure> resolve_measures(const std::vector<std::string>& specs);

}  // namespace polysearch::eval::detail
