#pragma once
// The regularized incomplete beta function, for Student's t distribution.

namespace polysearch::eval::detail {

// I_x(a, b) for a, b > 0 and 0 <= x <= 1, by the continued fraction of
// Abramowitz & Stegun 26.5.8 evaluated with the modified Lentz method; relative error
// about 1e-14.  NaN for arguments outside the domain.
[[nodiscard]] double regularized_incomplete_beta(double a, double b, double x);

}  // namespace polysearch::eval::detail
