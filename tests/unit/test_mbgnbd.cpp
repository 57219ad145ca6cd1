// MBG/NBD (Batislam, Denizel & Filiztekin 2007) against the published CDNOW estimate (BTYDplus, as
// lifetimes' tests assert it) and against a brute-force computation that uses none of the closed
// forms: the individual-level model integrated numerically over the Gamma and Beta mixing laws.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>

#include "analytics/clv/bgnbd.hpp"
#include "cdnow.hpp"

using retention::clv::compress;
using retention::clv::fit_mbgnbd;
using retention::clv::ModBgNbd;

namespace {

// The BTYDplus estimate on CDNOW (lifetimes' test_params_out_is_close_to_BTYDplus, decimal = 3).
const ModBgNbd kPublished{0.525, 6.183, 0.891, 1.614};

constexpr int kNodes = 200000;

// E[g(p)] for p ~ Beta(a, b) by the midpoint rule over u = p^a (which absorbs p^(a-1)), normalised by
// the same rule: no Beta function involved. Needs b >= 1 (no singularity at p = 1).
double beta_mean(double a, double b, const std::function<double(double)>& g) {
  double num = 0, den = 0;
  for (int i = 0; i < kNodes; ++i) {
    double p = std::pow((i + 0.5) / kNodes, 1 / a), w = std::pow(1 - p, b - 1);
    num += w * g(p);
    den += w;
  }
  return num / den;
}

// E[g(lambda)] for lambda ~ Gamma(r, alpha) by the midpoint rule over v = lambda^r, up to alpha lambda = 80.
double gamma_mean(double r, double alpha, const std::function<double(double)>& g) {
  const double top = std::pow(80 / alpha, r);
  double num = 0, den = 0;
  for (int i = 0; i < kNodes; ++i) {
    double lambda = std::pow((i + 0.5) / kNodes * top, 1 / r), w = std::exp(-alpha * lambda);
    num += w * g(lambda);
    den += w;
  }
  return num / den;
}

// The individual model: purchases at rate lambda, after each purchase *including the first* the
// customer leaves with probability p. Seen x repeat purchases, the last at t_x, observed until T:
//   alive:  (1-p)^(x+1) lambda^x e^(-lambda T);   gone after the last:  p (1-p)^x lambda^x e^(-lambda t_x).
// Both factor into a Beta and a Gamma part. Returns {likelihood, P(alive)}.
std::pair<double, double> brute_force(const ModBgNbd& m, int x, double tx, double T) {
  double alive = beta_mean(m.a, m.b, [&](double p) { return std::pow(1 - p, x + 1); }) *
                 gamma_mean(m.r, m.alpha, [&](double l) { return std::pow(l, x) * std::exp(-l * T); });
  double gone = beta_mean(m.a, m.b, [&](double p) { return p * std::pow(1 - p, x); }) *
                gamma_mean(m.r, m.alpha, [&](double l) { return std::pow(l, x) * std::exp(-l * tx); });
  return {alive + gone, alive / (alive + gone)};
}

// A single history as Histories, for the model's own log-likelihood.
retention::clv::Histories one(int x, double tx, double T) {
  retention::clv::CustomerSummary s;
  s.x = {x};
  s.tx = {tx};
  s.T = {T};
  s.zbar = {0};
  s.holdout = {0};
  return compress(s);
}

}  // namespace

TEST_CASE("MBG/NBD on the CDNOW summary gives the published BTYDplus estimate") {
  auto h = compress(cdnow::summary("cdnow_customers_summary.csv"));
  auto fit = fit_mbgnbd(h, 0);
  REQUIRE_MESSAGE(fit.error.empty(), fit.error);
  CHECK(fit.convergence.converged);
  // lifetimes asserts r 0.525, alpha 6.183, a 0.891, b 1.614 to decimal = 3 (|difference| < 1.5e-3).
  CHECK(std::fabs(fit.parameters[0] - 0.525) < 1.5e-3);
  CHECK(std::fabs(fit.parameters[1] - 6.183) < 1.5e-3);
  CHECK(std::fabs(fit.parameters[2] - 0.891) < 1.5e-3);
  CHECK(std::fabs(fit.parameters[3] - 1.614) < 1.5e-3);
  REQUIRE(fit.standardErrors.size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK(fit.standardErrors[i] < fit.parameters[i]);
}

TEST_CASE("the MBG/NBD likelihood and P(alive) equal a numerical integration of the individual model") {
  const struct {
    int x;
    double tx, T;
  } histories[] = {{0, 0, 38.86}, {0, 0, 5}, {2, 30.43, 38.86}, {7, 20, 35}, {1, 2, 70}};
  auto ll = retention::clv::mbgnbd_likelihood;
  for (const auto& c : histories) {
    CAPTURE(c.x);
    CAPTURE(c.T);
    auto [likelihood, alive] = brute_force(kPublished, c.x, c.tx, c.T);
    auto h = one(c.x, c.tx, c.T);
    double model = ll(h)({kPublished.r, kPublished.alpha, kPublished.a, kPublished.b}, nullptr);
    CHECK(model == doctest::Approx(std::log(likelihood)).epsilon(1e-6));
    CHECK(kPublished.p_alive(c.x, c.tx, c.T) == doctest::Approx(alive).epsilon(1e-6));
  }
}

TEST_CASE("the MBG/NBD expectation of a customer alive at T equals a numerical integration") {
  // Alive at T, a customer with (lambda, p) buys (1 - e^(-lambda p t)) / p times in the next t
  // (FHL 2005 eq. (7)); averaged over the posterior of (lambda, p) given "alive at T" and x:
  // weight (1-p)^(x+1) lambda^x e^(-lambda T) times the prior. A 2-D midpoint rule.
  const ModBgNbd& m = kPublished;
  const int n = 3000;
  const double top = std::pow(80 / m.alpha, m.r);
  for (auto [x, T, t] : {std::tuple{0, 38.86, 39.0}, std::tuple{2, 38.86, 39.0}, std::tuple{5, 30.0, 52.0}}) {
    double num = 0, den = 0;
    for (int i = 0; i < n; ++i) {
      double p = std::pow((i + 0.5) / n, 1 / m.a), wp = std::pow(1 - p, m.b - 1 + x + 1);
      for (int j = 0; j < n; ++j) {
        double l = std::pow((j + 0.5) / n * top, 1 / m.r), w = wp * std::pow(l, x) * std::exp(-l * (m.alpha + T));
        num += w * -std::expm1(-l * p * t) / p;
        den += w;
      }
    }
    CAPTURE(x);
    CHECK(m.expected_if_alive(x, T, t) == doctest::Approx(num / den).epsilon(1e-4));
  }
}

TEST_CASE("an MBG/NBD one-time buyer's P(alive) falls with the time since the purchase") {
  const ModBgNbd& m = kPublished;
  double previous = 1;
  for (double T : {0.0, 1.0, 10.0, 40.0, 78.0, 200.0}) {
    double alive = m.p_alive(0, 0, T);
    CHECK(alive < previous);
    previous = alive;
  }
  // At T = 0: b / (a + b), the chance that the first purchase's coin said "stay".
  CHECK(m.p_alive(0, 0, 0) == doctest::Approx(m.b / (m.a + m.b)).epsilon(1e-14));
}

TEST_CASE("the MBG/NBD gradient is the derivative of the log-likelihood") {
  auto h = compress(cdnow::summary("cdnow_customers_summary.csv"));
  cdnow::check_gradient(retention::clv::mbgnbd_likelihood(h), {0.525, 6.183, 0.891, 1.614});
  cdnow::check_gradient(retention::clv::mbgnbd_likelihood(h), {2.5, 0.7, 3.1, 0.4});
}
