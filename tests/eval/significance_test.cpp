// Student's t distribution, the incomplete beta function and the paired comparison.
#include "polysearch/eval/significance.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <string>

#include "eval/student_t.hpp"
#include "polysearch/error.hpp"

namespace eval = polysearch::eval;
using polysearch::eval::detail::regularized_incomplete_beta;

namespace {

const double kPi = std::acos(-1.0);

// Closed forms of the two-sided p-value for 1, 2 and 3 degrees of freedom, independent of
// the incomplete beta function.
double closed_form_p(double t, int df) {
  const double a = std::fabs(t);
  if (df == 1) return 1.0 - 2.0 / kPi * std::atan(a);
  if (df == 2) return 1.0 - a / std::sqrt(2.0 + a * a);
  const double x = a / std::sqrt(3.0);
  return 1.0 - 2.0 / kPi * (x / (1.0 + x * x) + std::atan(x));
}

std::map<std::string, double> scores(std::initializer_list<double> values) {
  std::map<std::string, double> out;
  int i = 0;
  for (const double value : values) out["q" + std::to_string(10 + i++)] = value;
  return out;
}

std::string four_decimals(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

}  // namespace

TEST_CASE("significance: regularized incomplete beta at known points") {
  CHECK(regularized_incomplete_beta(2.0, 3.0, 0.5) == doctest::Approx(0.6875).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(1.0, 1.0, 0.3) == doctest::Approx(0.3).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(0.5, 0.5, 0.5) == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(regularized_incomplete_beta(3.0, 2.0, 0.0) == 0.0);
  CHECK(regularized_incomplete_beta(3.0, 2.0, 1.0) == 1.0);
  for (const double x : {0.01, 0.2, 0.5, 0.77, 0.99}) {
    CAPTURE(x);
    CHECK(regularized_incomplete_beta(4.5, 0.5, x) + regularized_incomplete_beta(0.5, 4.5, 1 - x) ==
          doctest::Approx(1.0).epsilon(1e-12));
  }
  CHECK(std::isnan(regularized_incomplete_beta(-1.0, 1.0, 0.5)));
  CHECK(std::isnan(regularized_incomplete_beta(1.0, 1.0, 1.5)));
}

TEST_CASE("significance: Student t two-sided p-values") {
  CHECK(four_decimals(eval::student_t_two_sided_p(2.0, 10)) == "0.0734");
  CHECK(four_decimals(eval::student_t_two_sided_p(1.0, 5)) == "0.3632");
  CHECK(four_decimals(eval::student_t_two_sided_p(-1.0, 5)) == "0.3632");
  CHECK(four_decimals(eval::student_t_two_sided_p(2.228, 10)) == "0.0500");
  CHECK(eval::student_t_two_sided_p(0.0, 7) == 1.0);
  for (const int df : {1, 2, 3}) {
    for (const double t : {0.1, 0.5, 1.0, 2.0, 2.8284271247461903, 5.0, 40.0}) {
      CAPTURE(df);
      CAPTURE(t);
      CHECK(eval::student_t_two_sided_p(t, df) ==
            doctest::Approx(closed_form_p(t, df)).epsilon(1e-10));
    }
  }
  // Large df approaches the normal distribution: P(|Z| >= 1.96) = 0.0500.
  CHECK(four_decimals(eval::student_t_two_sided_p(1.959964, 1e7)) == "0.0500");
  CHECK(eval::student_t_two_sided_p(INFINITY, 4) == 0.0);
  CHECK(std::isnan(eval::student_t_two_sided_p(1.0, 0.0)));
}

TEST_CASE("significance: paired comparison of four queries") {
  const auto a = scores({0.1, 0.2, 0.3, 0.4});
  const auto b = scores({0.2, 0.25, 0.5, 0.45});
  const eval::PairedComparison r = eval::compare_paired(a, b);
  CHECK(r.queries == 4);
  CHECK(r.mean_a == doctest::Approx(0.25));
  CHECK(r.mean_b == doctest::Approx(0.35));
  CHECK(r.mean_difference == doctest::Approx(0.1));
  CHECK(r.wins == 4);
  CHECK(r.losses == 0);
  CHECK(r.ties == 0);
  // Differences 0.1, 0.05, 0.2, 0.05: sd sqrt(0.005), t = 0.1 / (sd / 2) = 2 sqrt 2.
  CHECK(r.t_statistic == doctest::Approx(2.0 * std::sqrt(2.0)));
  CHECK(r.degrees_of_freedom == 3.0);
  CHECK(r.t_test_p == doctest::Approx(closed_form_p(2.0 * std::sqrt(2.0), 3)));
  // All four differences positive: only all-plus and all-minus reach |sum|, 2 of 16.
  CHECK(r.randomization_exact);
  CHECK(r.randomization_samples == 16);
  CHECK(r.randomization_p == doctest::Approx(0.125));
}

TEST_CASE("significance: a query missing on one side counts 0, ties are not flipped") {
  const std::map<std::string, double> a{{"q1", 0.5}, {"q2", 0.3}, {"q3", 0.2}};
  const std::map<std::string, double> b{{"q1", 0.5}, {"q2", 0.6}, {"q4", 0.1}};
  const eval::PairedComparison r = eval::compare_paired(a, b);
  CHECK(r.queries == 4);  // q1..q4
  CHECK(r.wins == 2);     // q2, q4
  CHECK(r.losses == 1);   // q3
  CHECK(r.ties == 1);     // q1
  CHECK(r.mean_difference == doctest::Approx((0.0 + 0.3 - 0.2 + 0.1) / 4));
  CHECK(r.randomization_exact);
  CHECK(r.randomization_samples == 8);  // 2^3: the tied query is left out
}

TEST_CASE("significance: degenerate inputs") {
  const auto same = scores({0.3, 0.4, 0.5});
  const eval::PairedComparison equal = eval::compare_paired(same, same);
  CHECK(equal.t_statistic == 0.0);
  CHECK(equal.t_test_p == 1.0);
  CHECK(equal.randomization_p == 1.0);
  CHECK(equal.ties == 3);

  const eval::PairedComparison shifted =
      eval::compare_paired(scores({0.1, 0.2, 0.3}), scores({0.2, 0.3, 0.4}));
  CHECK(std::isinf(shifted.t_statistic));
  CHECK(shifted.t_test_p == 0.0);

  const eval::PairedComparison one = eval::compare_paired(scores({0.1}), scores({0.4}));
  CHECK(std::isnan(one.t_test_p));
  CHECK(one.randomization_p == doctest::Approx(1.0));  // both signs reach |0.3|

  const eval::PairedComparison none = eval::compare_paired({}, {});
  CHECK(none.queries == 0);
  CHECK(std::isnan(none.randomization_p));

  eval::RandomizationOptions zero;
  zero.trials = 0;
  CHECK_THROWS_AS((void)eval::compare_paired(same, same, zero), polysearch::InvalidArgument);
}

TEST_CASE("significance: sampled randomization is reproducible and close to the exact one") {
  // 14 differing queries: 2^14 = 16384 assignments.
  std::map<std::string, double> a;
  std::map<std::string, double> b;
  for (int i = 0; i < 14; ++i) {
    a["q" + std::to_string(i)] = 0.05 * i;
    b["q" + std::to_string(i)] = 0.05 * i + (i % 3 == 0 ? -0.04 : 0.03 + 0.001 * i);
  }
  eval::RandomizationOptions exact;
  exact.trials = 16384;
  const eval::PairedComparison full = eval::compare_paired(a, b, exact);
  CHECK(full.randomization_exact);
  CHECK(full.randomization_samples == 16384);

  eval::RandomizationOptions sampled;  // 10000 trials < 16384: sampled
  const eval::PairedComparison first = eval::compare_paired(a, b, sampled);
  const eval::PairedComparison again = eval::compare_paired(a, b, sampled);
  CHECK_FALSE(first.randomization_exact);
  CHECK(first.randomization_samples == 10000);
  CHECK(first.randomization_p == again.randomization_p);
  CHECK(first.randomization_p == doctest::Approx(full.randomization_p).epsilon(0.15));
  sampled.seed = 99;
  CHECK(eval::compare_paired(a, b, sampled).randomization_p ==
        doctest::Approx(full.randomization_p).epsilon(0.15));
  // The t-test does not depend on the trials.
  CHECK(first.t_test_p == full.t_test_p);
}
