// The rank- and set-based measures of trec_eval 9.0.8; the graded-gain ones (ndcg, G, …) are
// in gain_measures.cpp.  Loops follow trec_eval's m_<name>.c so that every floating-point
// operation happens in the same order.  A query the run lacks is evaluated with no
// documents; every measure then gives 0, as trec_eval's placeholder ranking does.
#include "eval/measures.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "eval/gain_measures.hpp"

namespace polysearch::eval::detail {
namespace {

// trec_eval's INFAP_EPSILON.
constexpr double kInfApEpsilon = 0.00001;

double as_double(long value) { return static_cast<double>(value); }

long at(const std::vector<long>& values, long index) {
  return values[static_cast<std::size_t>(index)];
}

double& value_at(Values& values, long index) { return values[static_cast<std::size_t>(index)]; }

void num_q(const JudgedRanking&, const MeasureParams&, Values& v) { v[0] = 1.0; }

void num_ret(const JudgedRanking& r, const MeasureParams&, Values& v) {
  v[0] = as_double(r.num_ret());
}

void num_rel(const JudgedRanking& r, const MeasureParams&, Values& v) {
  v[0] = as_double(r.num_rel);
}

void num_rel_ret(const JudgedRanking& r, const MeasureParams&, Values& v) {
  v[0] = as_double(r.num_rel_ret);
}

void num_nonrel_judged_ret(const JudgedRanking& r, const MeasureParams&, Values& v) {
  v[0] = as_double(r.num_ret() - r.num_not_judged - r.num_pooled_unjudged - r.num_rel_ret);
}

double average_precision(const JudgedRanking& r) {
  long rel_so_far = 0;
  double sum = 0.0;
  for (long i = 0; i < r.num_ret(); ++i) {
    if (r.relevant(at(r.rels, i))) {
      ++rel_so_far;
      sum += as_double(rel_so_far) / as_double(i + 1);
    }
  }
  return rel_so_far != 0 ? sum / as_double(r.num_rel) : 0.0;
}

// gm_map holds the same per-query value; only its aggregation differs.
void map(const JudgedRanking& r, const MeasureParams&, Values& v) { v[0] = average_precision(r); }

void r_prec(const JudgedRanking& r, const MeasureParams&, Values& v) {
  const long look_at = std::min(r.num_ret(), r.num_rel);
  long rel_so_far = 0;
  for (long i = 0; i < look_at; ++i) rel_so_far += r.relevant(at(r.rels, i)) ? 1 : 0;
  if (look_at != 0) v[0] = as_double(rel_so_far) / as_double(r.num_rel);
}

// Preferences of relevant over judged non-relevant documents; unjudged ones do not count.
double bpref_of(const JudgedRanking& r) {
  long num_nonrel = 0;
  for (long j = 0; j < std::min(r.relevance_level, r.num_rel_levels()); ++j) {
    num_nonrel += at(r.level_counts, j);
  }
  long nonrel_so_far = 0;
  double bpref = 0.0;
  for (const long rel : r.rels) {
    if (rel == kNotJudged || rel == kPooledUnjudged) continue;
    if (!r.relevant(rel)) {
      ++nonrel_so_far;
    } else if (nonrel_so_far > 0) {
      bpref += 1.0 - as_double(std::min(nonrel_so_far, r.num_rel)) /
                         as_double(std::min(num_nonrel, r.num_rel));
    } else {
      bpref += 1.0;
    }
  }
  return r.num_rel != 0 ? bpref / as_double(r.num_rel) : bpref;
}

void bpref(const JudgedRanking& r, const MeasureParams&, Values& v) { v[0] = bpref_of(r); }

void recip_rank(const JudgedRanking& r, const MeasureParams&, Values& v) {
  for (long i = 0; i < r.num_ret(); ++i) {
    if (r.relevant(at(r.rels, i))) {
      v[0] = 1.0 / as_double(i + 1);
      return;
    }
  }
}

// trec_eval turns recall fractions into counts of relevant documents by adding 0.9 and
// truncating (the v9 rule; later versions round).
std::vector<long> relevant_counts(const JudgedRanking& r, const std::vector<double>& fractions) {
  std::vector<long> counts;
  for (const double fraction : fractions) {
    counts.push_back(static_cast<long>(fraction * as_double(r.num_rel) + 0.9));
  }
  return counts;
}

// Interpolated precision (the maximum precision at this or any later rank) at the rank
// where each count of relevant documents is reached; the walk goes from the last rank up.
template <typename Record>
void walk_interpolated(const JudgedRanking& r, const std::vector<long>& counts, Record record) {
  long cut = static_cast<long>(counts.size()) - 1;
  while (cut >= 0 && at(counts, cut) > r.num_rel_ret) --cut;
  double int_precis = as_double(r.num_rel_ret) / as_double(r.num_ret());
  long rel_so_far = r.num_rel_ret;
  for (long i = r.num_ret(); i > 0 && rel_so_far > 0; --i) {
    int_precis = std::max(int_precis, as_double(rel_so_far) / as_double(i));
    if (r.relevant(at(r.rels, i - 1))) {
      for (; cut >= 0 && rel_so_far == at(counts, cut); --cut) record(cut, int_precis);
      --rel_so_far;
    }
  }
  for (; cut >= 0; --cut) record(cut, int_precis);
}

void iprec_at_recall(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_ret() == 0) return;
  walk_interpolated(r, relevant_counts(r, p.numbers),
                    [&v](long cut, double precision) { value_at(v, cut) = precision; });
}

void eleven_pt_avg(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_ret() == 0) return;
  double sum = 0.0;
  walk_interpolated(r, relevant_counts(r, p.numbers),
                    [&sum](long, double precision) { sum += precision; });
  v[0] = sum / as_double(static_cast<long>(p.numbers.size()));
}

// Precision at multiples of R (not interpolated); cutoffs beyond the ranking count the
// missing documents as non-relevant.
void r_prec_mult(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_ret() == 0) return;
  const std::vector<long> cutoffs = relevant_counts(r, p.numbers);
  long cut = static_cast<long>(cutoffs.size()) - 1;
  for (; cut >= 0 && at(cutoffs, cut) > r.num_ret(); --cut) {
    value_at(v, cut) = as_double(r.num_rel_ret) / as_double(at(cutoffs, cut));
  }
  long rel_so_far = r.num_rel_ret;
  for (long i = r.num_ret(); i > 0 && rel_so_far > 0; --i) {
    const double precis = as_double(rel_so_far) / as_double(i);
    for (; cut >= 0 && i == at(cutoffs, cut); --cut) value_at(v, cut) = precis;
    if (r.relevant(at(r.rels, i - 1))) --rel_so_far;
  }
}

// Shared walk of the cutoff measures: `at_cutoff(rank, rel_so_far, sum_of_precisions)` gives
// the value at each cutoff; cutoffs past the end of the ranking get the final counts.
template <typename AtCutoff>
void walk_cutoffs(const JudgedRanking& r, const MeasureParams& p, Values& v, AtCutoff at_cutoff) {
  const long num_cutoffs = static_cast<long>(p.cutoffs.size());
  long index = 0;
  long rel_so_far = 0;
  double precision_sum = 0.0;
  for (long i = 0; i < r.num_ret(); ++i) {
    if (i == at(p.cutoffs, index)) {
      value_at(v, index) = at_cutoff(i, rel_so_far, precision_sum);
      if (++index == num_cutoffs) break;
    }
    if (r.relevant(at(r.rels, i))) {
      ++rel_so_far;
      precision_sum += as_double(rel_so_far) / as_double(i + 1);
    }
  }
  for (; index < num_cutoffs; ++index) {
    value_at(v, index) = at_cutoff(at(p.cutoffs, index), rel_so_far, precision_sum);
  }
}

void precision(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  walk_cutoffs(r, p, v,
               [](long rank, long rel, double) { return as_double(rel) / as_double(rank); });
}

void recall(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_rel == 0) return;
  walk_cutoffs(r, p, v,
               [&r](long, long rel, double) { return as_double(rel) / as_double(r.num_rel); });
}

void map_cut(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_rel == 0) return;
  walk_cutoffs(r, p, v, [&r](long, long, double sum) { return sum / as_double(r.num_rel); });
}

void relative_precision(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_rel == 0) return;
  walk_cutoffs(r, p, v, [&r](long rank, long rel, double) {
    return as_double(rel) / as_double(std::min(rank, r.num_rel));
  });
}

void success(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  walk_cutoffs(r, p, v, [](long, long rel, double) { return rel != 0 ? 1.0 : 0.0; });
}

// One relevant document's share of inferred AP, at 0-based rank j > 0.
double inf_ap_term(long j, long rel_so_far, long nonrel_so_far, long pooled_unjudged_so_far) {
  const double fj = as_double(j);
  const double above = as_double(rel_so_far - 1 + nonrel_so_far + pooled_unjudged_so_far);
  return 1.0 / (fj + 1.0) + (fj / (fj + 1.0)) * (above / fj) *
                                ((as_double(rel_so_far - 1) + kInfApEpsilon) /
                                 (as_double(rel_so_far - 1 + nonrel_so_far) + 2 * kInfApEpsilon));
}

// Inferred AP (Yilmaz and Aslam): precision above each relevant document estimated from the
// judged documents; pooled-but-unjudged ones are assumed relevant in the same proportion.
void inf_ap(const JudgedRanking& r, const MeasureParams&, Values& v) {
  long nonrel_so_far = 0;
  long rel_so_far = 0;
  long pooled_unjudged_so_far = 0;
  double sum = 0.0;
  for (long j = 0; j < r.num_ret(); ++j) {
    const long rel = at(r.rels, j);
    if (rel == kNotJudged) continue;
    if (rel == kPooledUnjudged) {
      ++pooled_unjudged_so_far;
    } else if (!r.relevant(rel)) {
      ++nonrel_so_far;
    } else {
      ++rel_so_far;
      sum += j == 0 ? 1.0 : inf_ap_term(j, rel_so_far, nonrel_so_far, pooled_unjudged_so_far);
    }
  }
  v[0] = r.num_rel != 0 ? sum / as_double(r.num_rel) : sum;
}

void gm_bpref(const JudgedRanking& r, const MeasureParams&, Values& v) { v[0] = bpref_of(r); }

// Contingency table: retrieved relevant, retrieved non-relevant, missed relevant, and the
// rest of the collection, whose size (trec_eval -N) is taken as 0.
void utility(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  const std::vector<double>& c = p.numbers;
  v[0] = c[0] * as_double(r.num_rel_ret) + c[1] * as_double(r.num_ret() - r.num_rel_ret) +
         c[2] * as_double(r.num_rel - r.num_rel_ret) +
         c[3] * as_double(r.num_rel_ret - r.num_ret() - r.num_rel);
}

void bin_g(const JudgedRanking& r, const MeasureParams&, Values& v) {
  long rel_so_far = 0;
  double sum = 0.0;
  for (long i = 0; i < r.num_ret(); ++i) {
    if (r.relevant(at(r.rels, i))) {
      ++rel_so_far;
      sum += 1.0 / std::log2(as_double(3 + i - rel_so_far));
    }
  }
  if (rel_so_far != 0) v[0] = sum / as_double(r.num_rel);
}

void set_p(const JudgedRanking& r, const MeasureParams&, Values& v) {
  if (r.num_ret() != 0) v[0] = as_double(r.num_rel_ret) / as_double(r.num_ret());
}

void set_relative_p(const JudgedRanking& r, const MeasureParams&, Values& v) {
  if (r.num_ret() != 0 && r.num_rel != 0) {
    v[0] = as_double(r.num_rel_ret) / as_double(std::min(r.num_ret(), r.num_rel));
  }
}

void set_recall(const JudgedRanking& r, const MeasureParams&, Values& v) {
  if (r.num_rel != 0) v[0] = as_double(r.num_rel_ret) / as_double(r.num_rel);
}

void set_map(const JudgedRanking& r, const MeasureParams&, Values& v) {
  if (r.num_ret() != 0 && r.num_rel != 0) {
    v[0] = (as_double(r.num_rel_ret) * as_double(r.num_rel_ret)) /
           (as_double(r.num_ret()) * as_double(r.num_rel));
  }
}

void set_f(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  if (r.num_rel_ret == 0) return;
  const double precision = as_double(r.num_rel_ret) / as_double(r.num_ret());
  const double recall_value = as_double(r.num_rel_ret) / as_double(r.num_rel);
  const double x = p.numbers[0];
  v[0] = (x + 1.0) * precision * recall_value / (x * precision + recall_value);
}

const std::vector<double> kDepthCutoffs{5, 10, 15, 20, 30, 100, 200, 500, 1000};
const std::vector<double> kRecallPoints{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
const std::vector<double> kRMultiples{0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0};

}  // namespace

const std::vector<MeasureDef>& measure_table() {
  using A = Aggregation;
  using K = ParamKind;
  static const std::vector<MeasureDef> table{
      {"runid", K::None, {}, A::Mean, false, true, false, nullptr},
      {"num_q", K::None, {}, A::Count, true, true, false, num_q},
      {"num_ret", K::None, {}, A::Sum, true, false, false, num_ret},
      {"num_rel", K::None, {}, A::Sum, true, false, false, num_rel},
      {"num_rel_ret", K::None, {}, A::Sum, true, false, false, num_rel_ret},
      {"map", K::None, {}, A::Mean, false, false, false, map},
      {"gm_map", K::None, {}, A::GeometricMean, false, true, false, map},
      {"Rprec", K::None, {}, A::Mean, false, false, false, r_prec},
      {"bpref", K::None, {}, A::Mean, false, false, false, bpref},
      {"recip_rank", K::None, {}, A::Mean, false, false, false, recip_rank},
      {"iprec_at_recall", K::Fractions, kRecallPoints, A::Mean, false, false, false,
       iprec_at_recall},
      {"P", K::Cutoffs, kDepthCutoffs, A::Mean, false, false, false, precision},
      {"recall", K::Cutoffs, kDepthCutoffs, A::Mean, false, false, false, recall},
      {"infAP", K::None, {}, A::Mean, false, false, false, inf_ap},
      {"gm_bpref", K::None, {}, A::GeometricMean, false, true, false, gm_bpref},
      {"Rprec_mult", K::Fractions, kRMultiples, A::Mean, false, false, false, r_prec_mult},
      {"utility", K::Numbers, {1.0, -1.0, 0.0, 0.0}, A::Mean, false, false, true, utility},
      {"11pt_avg", K::Numbers, kRecallPoints, A::Mean, false, false, false, eleven_pt_avg},
      {"binG", K::None, {}, A::Mean, false, false, false, bin_g},
      {"G", K::Gains, {}, A::Mean, false, false, false, gain_g},
      {"ndcg", K::Gains, {}, A::Mean, false, false, false, ndcg},
      {"ndcg_rel", K::Gains, {}, A::Mean, false, false, false, ndcg_rel},
      {"Rndcg", K::Gains, {}, A::Mean, false, false, false, r_ndcg},
      {"ndcg_cut", K::Cutoffs, kDepthCutoffs, A::Mean, false, false, false, ndcg_cut},
      {"map_cut", K::Cutoffs, kDepthCutoffs, A::Mean, false, false, false, map_cut},
      {"relative_P", K::Cutoffs, kDepthCutoffs, A::Mean, false, false, false, relative_precision},
      {"success", K::Cutoffs, {1, 5, 10}, A::Mean, false, false, false, success},
      {"set_P", K::None, {}, A::Mean, false, false, false, set_p},
      {"set_relative_P", K::None, {}, A::Mean, false, false, false, set_relative_p},
      {"set_recall", K::None, {}, A::Mean, false, false, false, set_recall},
      {"set_map", K::None, {}, A::Mean, false, false, false, set_map},
      {"set_F", K::Numbers, {1.0}, A::Mean, false, false, false, set_f},
      {"num_nonrel_judged_ret", K::None, {}, A::Sum, true, false, false, num_nonrel_judged_ret},
  };
  return table;
}

const std::vector<Nickname>& measure_nicknames() {
  static const std::vector<Nickname> nicknames{
      {"official",
       {"runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map", "Rprec", "bpref",
        "recip_rank", "iprec_at_recall", "P"}},
      {"all_trec",
       [] {
         std::vector<std::string> all;
         for (const MeasureDef& def : measure_table()) all.emplace_back(def.name);
         return all;
       }()},
      {"set",
       {"runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "utility", "set_P", "set_recall",
        "set_relative_P", "set_map", "set_F"}},
  };
  return nicknames;
}

}  // namespace polysearch::eval::detail
