// The deterministic elementary and special functions, against libm and known values; dual
// numbers against finite differences; the continued fraction for 2F1 against its power series.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "analytics/clv/special.hpp"

namespace m = retention::clv::math;

namespace {

// Relative difference in units of 1e-16.
double rel(double a, double b) { return std::fabs(a - b) / std::fmax(std::fabs(b), 1e-300); }

// 2F1(1, b; c; z) by its power series in long double, for reference.
double hyp2f1_series(double b, double c, double z) {
  long double term = 1, sum = 1;
  for (int k = 0; k < 2000000 && term > 1e-22L * sum; ++k) {
    term *= (b + k) / (c + k) * static_cast<long double>(z);
    sum += term;
  }
  return static_cast<double>(sum);
}

}  // namespace

TEST_CASE("exp, log, log1p and expm1 agree with libm to a few ulp") {
  for (double x = -700; x < 700; x += 0.737) CHECK(rel(m::exp(x), std::exp(x)) < 4e-16);
  for (double x = 1e-300; x < 1e300; x *= 3.7) CHECK(rel(m::log(x), std::log(x)) < 4e-16);
  for (double x : {1e-20, -1e-10, 3e-5, -0.3, 0.5, 2.0, 700.0, -0.999999}) {
    CHECK(rel(m::log1p(x), std::log1p(x)) < 4e-16);
    CHECK(rel(m::expm1(x), std::expm1(x)) < 4e-16);
  }
  CHECK(rel(m::log1p(1e10), std::log1p(1e10)) < 4e-16);
  CHECK(m::exp(-800) == 0);
  CHECK(std::isinf(m::exp(800)));
  CHECK(m::log(1) == 0);
  CHECK(std::isinf(m::log(0)));
  CHECK(std::isnan(m::log(-1)));
  CHECK(m::expm1_over(0) == 1);
  CHECK(rel(m::expm1_over(1e-3), std::expm1(1e-3) / 1e-3) < 4e-16);
}

TEST_CASE("lgamma and digamma agree with libm and known values") {
  for (double x = 1e-8; x < 1e7; x *= 1.9) CHECK(std::fabs(m::lgamma(x) - std::lgamma(x)) < 1e-14 * std::fmax(1, std::fabs(std::lgamma(x))));
  // Below 10 the argument is shifted up: accurate to a few ulp of lgamma(10) ~ 12.8 in absolute terms.
  CHECK(std::fabs(m::lgamma(0.5) - 0.5723649429247001) < 4e-15);
  CHECK(std::fabs(m::lgamma(1)) < 4e-15);
  CHECK(std::fabs(m::lgamma(2)) < 4e-15);
  CHECK(rel(m::digamma(1), -0.5772156649015329) < 1e-15);
  CHECK(rel(m::digamma(0.5), -1.9635100260214235) < 1e-15);
  // psi(x) = d/dx lgamma(x)
  for (double x : {0.01, 0.3, 2.5, 17.0, 1234.5}) {
    double h = 1e-5 * x;
    CHECK(rel(m::digamma(x), (std::lgamma(x + h) - std::lgamma(x - h)) / (2 * h)) < 1e-8);
  }
}

TEST_CASE("dual numbers carry exact derivatives through the functions") {
  using D = m::Dual<2>;
  auto f = [](const auto& x, const auto& y) { return m::lgamma(x * y) + m::log1p(m::exp(x - y)) / (y + 1.0) - m::expm1(x); };
  double x = 0.7, y = 1.9;
  D r = f(D::variable(x, 0), D::variable(y, 1));
  double h = 1e-6;
  CHECK(r.v == doctest::Approx(f(x, y)).epsilon(1e-15));
  CHECK(r.d[0] == doctest::Approx((f(x + h, y) - f(x - h, y)) / (2 * h)).epsilon(1e-8));
  CHECK(r.d[1] == doctest::Approx((f(x, y + h) - f(x, y - h)) / (2 * h)).epsilon(1e-8));
}

TEST_CASE("log 2F1(1, b; c; z) by the continued fraction matches the power series, also near z = 1") {
  for (double b : {0.05, 0.6, 1.0, 2.0, 30.5, 400.0})
    for (double dc : {0.3, 1.0, 1.6, 25.0})
      for (double z : {0.0, 0.01, 0.3, 0.7, 0.95, 0.999}) {
        CAPTURE(b);
        CAPTURE(dc);
        CAPTURE(z);
        bool ok = false;
        double got = m::log_hyp2f1_1bc(b, b + dc, z, ok);
        REQUIRE(ok);
        CHECK(std::fabs(got - std::log(hyp2f1_series(b, b + dc, z))) < 1e-13 * std::fmax(1, std::fabs(got)));
      }
}

TEST_CASE("the continued fraction's gradient matches finite differences") {
  using D = m::Dual<3>;
  double b = 1.6, c = 3.2, z = 0.93;
  bool ok = false;
  D r = m::log_hyp2f1_1bc(D::variable(b, 0), D::variable(c, 1), D::variable(z, 2), ok);
  REQUIRE(ok);
  auto f = [&](double bb, double cc, double zz) {
    bool k = false;
    return m::log_hyp2f1_1bc(bb, cc, zz, k);
  };
  double h = 1e-6;
  CHECK(r.d[0] == doctest::Approx((f(b + h, c, z) - f(b - h, c, z)) / (2 * h)).epsilon(1e-7));
  CHECK(r.d[1] == doctest::Approx((f(b, c + h, z) - f(b, c - h, z)) / (2 * h)).epsilon(1e-7));
  CHECK(r.d[2] == doctest::Approx((f(b, c, z + h) - f(b, c, z - h)) / (2 * h)).epsilon(1e-7));
}

TEST_CASE("log_add_exp and log_sub_exp keep their digits at the extremes") {
  CHECK(m::log_add_exp(-1000.0, -1000.0) == doctest::Approx(-1000 + std::log(2.0)).epsilon(1e-15));
  CHECK(m::log_add_exp(-HUGE_VAL, 3.0) == 3.0);
  CHECK(m::log_sub_exp(0.0, -1e-12) == doctest::Approx(std::log(-std::expm1(-1e-12))).epsilon(1e-15));
  CHECK(m::log_sub_exp(5.0, -HUGE_VAL) == 5.0);
}
