#include "eval/student_t.hpp"

#include <cmath>
#include <limits>

#include "polysearch/eval/significance.hpp"

namespace polysearch::eval {
namespace detail {
namespace {

constexpr double kEpsilon = 1e-15;
constexpr double kTiny = 1e-300;  // keeps Lentz's denominators away from 0
constexpr int kMaxIterations = 500;

double nudge(double value) { return std::fabs(value) < kTiny ? kTiny : value; }

// 1 / (1 + d1 / (1 + d2 / (1 + ...))) with d(2m) = m(b-m)x / ((a+2m-1)(a+2m)) and
// d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)), by the modified Lentz method; converges
// quickly for x < (a+1)/(a+b+2).
double beta_continued_fraction(double a, double b, double x) {
  double c = 1.0;
  double d = 1.0 / nudge(1.0 - (a + b) * x / (a + 1.0));
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double two_m = 2.0 * m;
    const double even = m * (b - m) * x / ((a + two_m - 1.0) * (a + two_m));
    d = 1.0 / nudge(1.0 + even * d);
    c = nudge(1.0 + even / c);
    h *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1.0));
    d = 1.0 / nudge(1.0 + odd * d);
    c = nudge(1.0 + odd / c);
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1.0) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0) || !(x <= 1.0)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (x == 0.0 || x == 1.0) return x;
  // x^a (1-x)^b / B(a, b), in logarithms to survive large a and b.
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

}  // namespace detail

// P(|T| >= |t|) = I_{df/(df+t^2)}(df/2, 1/2).
double student_t_two_sided_p(double t, double df) {
  if (std::isnan(t) || !(df > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return 0.0;
  return detail::regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t));
}

}  // namespace polysearch::eval
