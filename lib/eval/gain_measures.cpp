// Graded-gain measures, ported from trec_eval's m_ndcg.c, m_ndcg_rel.c, m_Rndcg.c, m_G.c,
// m_ndcg_cut.c and gain_init.c.  The discount is log2(rank + 1); the ideal ranking puts the
// judged documents in decreasing gain order.  Where trec_eval would divide 0 by 0 (no
// document with a positive gain) the value is 0.
#include "eval/gain_measures.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace polysearch::eval::detail {
namespace {

double as_double(long value) { return static_cast<double>(value); }

double discount(long index) { return std::log2(as_double(index + 2)); }  // rank = index + 1

struct LevelGain {
  long level = 0;
  double gain = 0.0;
  long count = 0;  // judged documents of the query at this level
};

// gain_init.c: the parameters' levels first, then every judged grade not among them with
// gain = grade; sorted by increasing gain.  (trec_eval compares gains truncated to int, so
// fractional gains less than 1 apart may order differently there.)
std::vector<LevelGain> setup_gains(const JudgedRanking& r, const std::vector<GainParam>& params) {
  std::vector<LevelGain> gains;
  for (const GainParam& param : params) gains.push_back({param.level, param.gain, 0});
  for (long level = 0; level < r.num_rel_levels(); ++level) {
    const long count = r.level_counts[static_cast<std::size_t>(level)];
    const auto given = std::find_if(gains.begin(), gains.end(),
                                    [level](const LevelGain& g) { return g.level == level; });
    if (given != gains.end()) {
      given->count = count;
    } else {
      gains.push_back({level, as_double(level), count});
    }
  }
  std::stable_sort(gains.begin(), gains.end(),
                   [](const LevelGain& a, const LevelGain& b) { return a.gain < b.gain; });
  return gains;
}

double gain_of(long rel, const std::vector<LevelGain>& gains) {
  for (const LevelGain& g : gains) {
    if (g.level == rel) return g.gain;
  }
  return 0.0;
}

// The gains of the ideal ranking, one rank at a time: trec_eval's cur_level/num_at_level walk
// from the highest gain down.
class IdealGains {
 public:
  explicit IdealGains(const std::vector<LevelGain>& gains)
      : gains_(gains), level_(static_cast<long>(gains.size()) - 1), gain_(gain_at(level_)) {}

  // The gain of the rank about to be taken (trec_eval tests it before advancing).
  [[nodiscard]] double current() const { return gain_; }

  // Takes the next rank; returns its ideal gain (0 or less once they are used up).
  double advance() {
    ++taken_at_level_;
    while (level_ >= 0 && taken_at_level_ > gains_[static_cast<std::size_t>(level_)].count) {
      taken_at_level_ = 1;
      --level_;
      gain_ = gain_at(level_);
    }
    return gain_;
  }

 private:
  [[nodiscard]] double gain_at(long level) const {
    return level >= 0 ? gains_[static_cast<std::size_t>(level)].gain : 0.0;
  }

  const std::vector<LevelGain>& gains_;
  long level_;
  double gain_;
  long taken_at_level_ = 0;
};

double result_gain(const JudgedRanking& r, long i, const std::vector<LevelGain>& gains) {
  return gain_of(r.rels[static_cast<std::size_t>(i)], gains);
}

}  // namespace

void ndcg(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  const std::vector<LevelGain> gains = setup_gains(r, p.gains);
  IdealGains ideal(gains);
  double results_dcg = 0.0;
  double ideal_dcg = 0.0;
  long i = 0;
  for (; i < r.num_ret() || ideal.current() > 0.0; ++i) {
    if (i < r.num_ret()) {
      const double gain = result_gain(r, i, gains);
      if (gain != 0.0) results_dcg += gain / discount(i);
    }
    if (ideal.current() > 0.0) {
      const double gain = ideal.advance();
      if (gain > 0.0) ideal_dcg += gain / discount(i);
    }
  }
  if (ideal_dcg > 0.0) v[0] = results_dcg / ideal_dcg;
}

// nDCG averaged over the relevant documents: at each retrieved one, and for each one not
// retrieved at the end of the ranking.
void ndcg_rel(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  const std::vector<LevelGain> gains = setup_gains(r, p.gains);
  IdealGains ideal(gains);
  double results_dcg = 0.0;
  double ideal_dcg = 0.0;
  double sum = 0.0;
  long num_rel_ret = 0;
  long num_rel = 0;
  for (long i = 0; i < r.num_ret() || ideal.current() > 0.0; ++i) {
    const bool retrieved = i < r.num_ret();
    const double gain = retrieved ? result_gain(r, i, gains) : 0.0;
    if (gain != 0.0) results_dcg += gain / discount(i);
    if (ideal.current() > 0.0) {
      const double ideal_gain = ideal.advance();
      if (ideal_gain > 0.0) {
        ++num_rel;
        ideal_dcg += ideal_gain / discount(i);
      }
    }
    if (gain > 0.0 && ideal_dcg > 0.0) {
      sum += results_dcg / ideal_dcg;
      ++num_rel_ret;
    }
  }
  if (ideal_dcg > 0.0) sum += as_double(num_rel - num_rel_ret) * results_dcg / ideal_dcg;
  if (sum > 0.0) v[0] = sum / as_double(num_rel);
}

// nDCG averaged at the ranks where the ideal gain drops (the R of each gain level), plus
// the end of the ranking if it lies beyond the last relevant rank.
void r_ndcg(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  const std::vector<LevelGain> gains = setup_gains(r, p.gains);
  if (r.num_rel == 0) return;
  IdealGains ideal(gains);
  double results_dcg = 0.0;
  double ideal_dcg = 0.0;
  double previous_ideal_gain = ideal.current();
  double sum = 0.0;
  long points = 0;
  const auto add_point = [&] {
    if (ideal_dcg > 0.0) {
      sum += results_dcg / ideal_dcg;
      ++points;
    }
  };
  long i = 0;
  for (; i < r.num_ret() && ideal.current() > 0.0; ++i) {
    const double gain = result_gain(r, i, gains);
    const double ideal_gain = ideal.advance();
    if (ideal_gain != previous_ideal_gain) {
      add_point();
      previous_ideal_gain = ideal_gain;
    }
    if (gain != 0.0) results_dcg += gain / discount(i);
    if (ideal_gain > 0.0) ideal_dcg += ideal_gain / discount(i);
  }
  if (i < r.num_ret()) {
    for (; i < r.num_ret(); ++i) {
      const double gain = result_gain(r, i, gains);
      if (gain != 0.0) results_dcg += gain / discount(i);
    }
    add_point();
  }
  for (; ideal.current() > 0.0; ++i) {
    const double ideal_gain = ideal.advance();
    if (ideal_gain != previous_ideal_gain) {
      add_point();
      previous_ideal_gain = ideal_gain;
    }
    if (ideal_gain > 0.0) ideal_dcg += ideal_gain / discount(i);
  }
  if (points != 0) v[0] = sum / as_double(points);
}

// G: each document's gain discounted by log2(2 + cost so far - gain so far), where the cost
// is the ideal cumulative gain with a floor of 1 per rank.
void gain_g(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  constexpr double kMinCost = 1.0;
  const std::vector<LevelGain> gains = setup_gains(r, p.gains);
  IdealGains ideal(gains);
  double results_g = 0.0;
  double sum_results = 0.0;
  double sum_ideal = 0.0;
  double sum_cost = 0.0;
  for (long i = 0; i < r.num_ret() || ideal.current() > 0.0; ++i) {
    const bool retrieved = i < r.num_ret();
    const double gain = retrieved ? result_gain(r, i, gains) : 0.0;
    sum_results += gain;
    double ideal_gain = 0.0;
    if (ideal.current() > 0.0) {
      ideal_gain = ideal.advance();
      if (ideal_gain > 0.0) sum_ideal += ideal_gain;
    }
    if (retrieved) sum_cost += std::max(ideal_gain, kMinCost);
    if (gain != 0.0) results_g += gain / std::log2(2 + sum_cost - sum_results);
  }
  if (sum_ideal > 0.0) v[0] = results_g / sum_ideal;
}

// nDCG at cutoffs, with the grade as the gain and the ideal ranking taken from the grade
// counts (m_ndcg_cut.c).
void ndcg_cut(const JudgedRanking& r, const MeasureParams& p, Values& v) {
  const long num_cutoffs = static_cast<long>(p.cutoffs.size());
  const auto cutoff = [&p](long index) { return p.cutoffs[static_cast<std::size_t>(index)]; };
  const auto value = [&v](long index) -> double& { return v[static_cast<std::size_t>(index)]; };
  double sum = 0.0;
  long index = 0;
  for (long i = 0; i < r.num_ret(); ++i) {
    if (i == cutoff(index)) {
      value(index) = sum;
      if (++index == num_cutoffs) break;
    }
    const double gain = as_double(r.rels[static_cast<std::size_t>(i)]);
    if (gain > 0.0) sum += gain / discount(i);
  }
  for (; index < num_cutoffs; ++index) value(index) = sum;

  double ideal_dcg = 0.0;
  long level = r.num_rel_levels() - 1;
  long taken_at_level = 0;
  index = 0;
  for (long i = 0;; ++i) {
    ++taken_at_level;
    while (level > 0 && taken_at_level > r.level_counts[static_cast<std::size_t>(level)]) {
      --level;
      taken_at_level = 1;
    }
    if (level <= 0) break;
    if (i == cutoff(index)) {
      if (ideal_dcg > 0.0) value(index) /= ideal_dcg;
      if (++index == num_cutoffs) break;
    }
    ideal_dcg += as_double(level) / discount(i);
  }
  for (; index < num_cutoffs; ++index) {
    if (ideal_dcg > 0.0) value(index) /= ideal_dcg;
  }
}

}  // namespace polysearch::eval::detail
