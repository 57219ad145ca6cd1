#include "analytics/clv/special.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
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

}  // namespace

double exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return kInf;
  if (x < -708.0) return 0;  // below the normal range: flushed, never a subnormal
  // k = round(x / ln 2) by the 1.5 * 2^52 shifter, r = x - k ln 2 in [-ln2/2, ln2/2].
  constexpr double kShifter = 6755399441055744.0;
  double k = (x * kLog2E + kShifter) - kShifter;
  double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // e^r = sum r^n / n!, n <= 13, by Estrin's scheme (short dependency chains).
  double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  double q = r2 * (0.5 + r * (1.0 / 6)) +
             r4 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720 + r * (1.0 / 5040))) +
             r8 * ((1.0 / 40320 + r * (1.0 / 362880)) + r2 * (1.0 / 3628800 + r * (1.0 / 39916800)) +
                   r4 * (1.0 / 479001600 + r * (1.0 / 6227020800)));
  double p = 1 + (r + q);  // the 1 last: the small terms keep their digits
  // p 2^k with 2^k built from its bits (k - 1 and a doubling at the top of the range).
  auto two_to = [](int64_t e) {
    uint64_t bits = static_cast<uint64_t>(e + 1023) << 52;
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  };
  auto ki = static_cast<int64_t>(k);
  return ki > 1023 ? p * two_to(ki - 1) * 2 : p * two_to(ki);
}

double log(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -kInf;
  if (x == kInf) return x;
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)), from the bits (subnormals scaled up by 2^54 first).
  int e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984.0;
    e = -54;
  }
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  e += static_cast<int>(bits >> 52) - 1023;
  bits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;  // m in [1, 2)
  double m;
  std::memcpy(&m, &bits, sizeof m);
  if (m > 1.4142135623730950488) {
    m *= 0.5;
    ++e;
  }
  // log(1+f) = 2 atanh(s), s = f/(2+f), |s| < 0.1716; and 2s = f - s f, so log(1+f) = f - s (f - R)
  // with R = 2 (z/3 + z^2/5 + ... + z^11/23), z = s^2, by Estrin's scheme.
  double f = m - 1;
  double s = f / (2 + f);
  double z = s * s, z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
  double R = z * (((2.0 / 3 + z * (2.0 / 5)) + z2 * (2.0 / 7 + z * (2.0 / 9))) +
                  z4 * ((2.0 / 11 + z * (2.0 / 13)) + z2 * (2.0 / 15 + z * (2.0 / 17))) +
                  z8 * ((2.0 / 19 + z * (2.0 / 21)) + z2 * (2.0 / 23)));
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
