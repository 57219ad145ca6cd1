#include "analytics/clv/special.hpp"

#include <cmath>
#include <limits>

namespace retention::clv::math {

namespace {

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^11 (Cody and Waite).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kLog2E = 1.44269504088896338700e+00;
constexpr double kHalfLog2Pi = 0.918938533204672741780329736406;
constexpr double kInf = std::numeric_limits<double>::infinity();

// Horner's rule, highest coefficient first.
template <size_t N>
double poly(double x, const double (&c)[N]) {
  double r = c[0];
  for (size_t i = 1; i < N; ++i) r = r * x + c[i];
  return r;
}

// 1/13!, ..., 1/2!, 1, 1: e^r for |r| <= ln2/2 to below half an ulp of truncation error.
constexpr double kExpTaylor[] = {1.0 / 6227020800, 1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800,
                                 1.0 / 362880,     1.0 / 40320,     1.0 / 5040,     1.0 / 720,
                                 1.0 / 120,        1.0 / 24,        1.0 / 6,        0.5,
                                 1.0,              1.0};

}  // namespace

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return kInf;
  if (x < -708.0) return 0;  // below the normal range: flushed, never a subnormal
  double k = std::floor(x * kLog2E + 0.5);
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = poly(r, kExpTaylor);
  // ldexp is exact here: the result is a normal number.
  return k > 1023 ? std::ldexp(p, 1023) * 2 : std::ldexp(p, static_cast<int>(k));
}

double log(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -kInf;
  if (x == kInf) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  // log(1+f) = 2 atanh(s), s = f/(2+f), |s| < 0.1716; and 2s = f - s f.
  double f = m - 1;
  double s = f / (2 + f);
  double z = s * s;
  // R = 2 (z/3 + z^2/5 + ... + z^11/23): log(1+f) = f - s (f - R)
  constexpr double kAtanh[] = {2.0 / 23, 2.0 / 21, 2.0 / 19, 2.0 / 17, 2.0 / 15, 2.0 / 13,
                               2.0 / 11, 2.0 / 9,  2.0 / 7,  2.0 / 5,  2.0 / 3};
  double R = z * poly(z, kAtanh);
  double k = e;
  return k * kLn2Hi + ((f - s * (f - R)) + k * kLn2Lo);
}

double log1p(double x) {
  // Goldberg's trick: the rounding of 1 + x is undone by the factor x / (u - 1).
  double u = 1 + x;
  if (u == 1) return x;
  if (u == kInf) return u;
  return log(u) * (x / (u - 1));
}

double expm1(double x) {
  if (std::fabs(x) < 0.5) {
    // x + x^2/2! + ... + x^17/17!
    double term = x, sum = x;
    for (int n = 2; n <= 17; ++n) {
      term *= x / n;
      sum += term;
    }
    return sum;
  }
  return exp(x) - 1;
}

double expm1_over(double c) { return c == 0 ? 1 : expm1(c) / c; }

double log_hyp2f1_series(double a, double b, double c, double z) {
  if (z == 0) return 0;
  const double log_z = log(z);
  double log_term = 0, log_sum = 0;  // the k = 0 term is 1
  for (int k = 0; k < 10000000; ++k) {
    double ratio = (a + k) * (b + k) / ((c + k) * (k + 1));
    log_term += log(ratio) + log_z;
    log_sum = log_add_exp(log_sum, log_term);
    if (ratio * z < 1 && log_term < log_sum - 40) return log_sum;  // decreasing, and below 1e-17 of the sum
  }
  return std::numeric_limits<double>::quiet_NaN();
}

double lgamma(double x) {
  if (std::isnan(x) || x <= 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == kInf) return x;
  // Shift to x >= 10, where Stirling's series to x^-13 is exact to below 1e-17.
  double shift = 1;
  while (x < 10) {
    shift *= x;
    x += 1;
  }
  double inv = 1 / x, inv2 = inv * inv;
  // B_2k / (2k (2k-1) x^(2k-1)): 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156
  constexpr double kStirling[] = {1.0 / 156, -691.0 / 360360, 1.0 / 1188, -1.0 / 1680, 1.0 / 1260, -1.0 / 360,
                                  1.0 / 12};
  double series = inv * poly(inv2, kStirling);
  return (x - 0.5) * log(x) - x + kHalfLog2Pi + series - log(shift);
}

double digamma(double x) {
  if (std::isnan(x) || x <= 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == kInf) return x;
  double shift = 0;
  while (x < 10) {
    shift += 1 / x;
    x += 1;
  }
  double inv = 1 / x, inv2 = inv * inv;
  // B_2k / (2k x^2k): 1/12, -1/120, 1/252, -1/240, 1/132, -691/32760, 1/12
  constexpr double kSeries[] = {1.0 / 12, -691.0 / 32760, 1.0 / 132, -1.0 / 240, 1.0 / 252, -1.0 / 120,
                                1.0 / 12};
  return log(x) - 0.5 * inv - inv2 * poly(inv2, kSeries) - shift;
}

}  // namespace retention::clv::math
