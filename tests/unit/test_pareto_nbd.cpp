// Pareto/NBD on CDNOW against Fader, Hardie & Lee (2005), CLVTools, lifetimes and BTYD
// (tests/data/cdnow/README.md), and the likelihood where alpha and beta are far apart.
#include <doctest/doctest.h>

#include <cmath>

#include "analytics/clv/pareto_nbd.hpp"
#include "cdnow.hpp"

using cdnow::sig;
using retention::clv::compress;
using retention::clv::fit_pareto_nbd;
using retention::clv::ParetoNbd;

TEST_CASE("Pareto/NBD on the CDNOW summary gives the published parameters and log-likelihood") {
  auto fit = fit_pareto_nbd(compress(cdnow::summary("cdnow_customers_summary.csv")), 0);
  REQUIRE_MESSAGE(fit.error.empty(), fit.error);
  CHECK(fit.convergence.converged);
  // Paper: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0.
  CHECK(sig(fit.parameters[0], 3) == doctest::Approx(0.553));
  CHECK(sig(fit.parameters[1], 3) == doctest::Approx(10.6));
  CHECK(sig(fit.parameters[2], 3) == doctest::Approx(0.606));
  CHECK(sig(fit.parameters[3], 3) == doctest::Approx(11.7));
  CHECK(std::fabs(fit.logLikelihood - -9595.0) < 0.05);
  ParetoNbd m = ParetoNbd::from(fit.parameters);
  // lifetimes: conditional_expected_number_of_purchases_up_to_time(52, 26, 30.86, 31) = 25.46 (tol 0.01)
  CHECK(std::fabs(m.conditional_expected(52, 26, 30.86, 31) - 25.46) < 0.01);
  // lifetimes: expected_number_of_purchases_up_to_time(range(10)), atol 0.01
  const double e[] = {0, 0.05077821, 0.09916088, 0.14542507, 0.18979930,
                      0.23247466, 0.27361274, 0.31335159, 0.35181024, 0.38909211};
  for (int t = 0; t < 10; ++t) CHECK(std::fabs(m.expected_if_alive(0, 0, t) - e[t]) < 0.01);
}

TEST_CASE("Pareto/NBD P(alive) with BTYD's estimate as lifetimes checks it") {
  ParetoNbd m{0.5534, 10.5802, 0.6061, 11.6562};  // cdnowSummary$est.params
  CHECK(std::fabs(m.p_alive(26, 30.86, 31) - 0.9979) < 0.001);
  CHECK(m.p_alive(0, 0, 0) == 1.0);
}

TEST_CASE("Pareto/NBD on the exact CDNOW summary agrees with CLVTools and BTYD") {
  auto fit = fit_pareto_nbd(compress(cdnow::exact_summary()), 0);
  REQUIRE_MESSAGE(fit.error.empty(), fit.error);
  // CLVTools: r = 0.55315, alpha = 10.57633, s = 0.60625, beta = 11.67150, LL = -9594.976; standard
  // errors 0.0476264, 0.8427222, 0.1872594, 6.2105448. The likelihood is flat along beta, so
  // optimisers stop at slightly different places: three significant digits for the estimates.
  CHECK(fit.logLikelihood == doctest::Approx(-9594.976).epsilon(1e-7));
  const double clvtools[] = {0.55315, 10.57633, 0.60625, 11.67150};
  const double se[] = {0.0476264, 0.8427222, 0.1872594, 6.2105448};
  REQUIRE(fit.standardErrors.size() == 4);
  for (int i = 0; i < 4; ++i) {
    CHECK(sig(fit.parameters[i], 3) == doctest::Approx(sig(clvtools[i], 3)));
    CHECK(fit.standardErrors[i] == doctest::Approx(se[i]).epsilon(1e-3));
  }
  ParetoNbd m = ParetoNbd::from(fit.parameters);
  // BTYD walkthrough: pnbd.Expectation(t = 52) = 1.473434; customer 1516 (x = 26, t_x = 216/7, T = 31):
  // CET(52) = 25.45647, PAlive = 0.997874 (BTYD's own estimate: four and five digits carry over).
  CHECK(m.expected_if_alive(0, 0, 52) == doctest::Approx(1.473434).epsilon(1e-6));
  CHECK(sig(m.conditional_expected(52, 26, 216 / 7.0, 31), 4) == doctest::Approx(25.46));
  CHECK(sig(m.p_alive(26, 216 / 7.0, 31), 5) == doctest::Approx(0.99787));
  // The increasing-frequency paradox (t_x = 20, T = 39): 0.7062289, 0.1442396, 0.02250658, 0.00309267.
  CHECK(sig(m.conditional_expected(52, 10, 20, 39), 3) == doctest::Approx(0.706));
  CHECK(sig(m.conditional_expected(52, 15, 20, 39), 3) == doctest::Approx(0.144));
  CHECK(sig(m.conditional_expected(52, 20, 20, 39), 3) == doctest::Approx(0.0225));
  CHECK(sig(m.conditional_expected(52, 25, 20, 39), 3) == doctest::Approx(0.00309));
}

TEST_CASE("the Pareto/NBD gradient is the derivative of the log-likelihood, on both sides of alpha = beta") {
  auto h = compress(cdnow::summary("cdnow_customers_summary.csv"));
  cdnow::check_gradient(retention::clv::pareto_nbd_likelihood(h), {0.5, 10.0, 0.6, 12.0});
  cdnow::check_gradient(retention::clv::pareto_nbd_likelihood(h), {0.5, 12.0, 0.6, 10.0});
}

TEST_CASE("the Pareto/NBD likelihood is continuous at alpha = beta and stays finite when they are far apart") {
  auto h = compress(cdnow::summary("cdnow_customers_summary.csv"));
  auto ll = retention::clv::pareto_nbd_likelihood(h);
  double at = ll({0.5, 10.0, 0.6, 10.0}, nullptr);
  CHECK(ll({0.5, 10.0 * (1 + 1e-12), 0.6, 10.0}, nullptr) == doctest::Approx(at).epsilon(1e-12));
  CHECK(ll({0.5, 10.0 * (1 - 1e-12), 0.6, 10.0}, nullptr) == doctest::Approx(at).epsilon(1e-12));
  for (double ratio : {1e-4, 1e-2, 1e2, 1e4}) {
    std::vector<double> g;
    CAPTURE(ratio);
    CHECK(std::isfinite(ll({0.5, 10.0, 0.6, 10.0 * ratio}, &g)));
    for (double gi : g) CHECK(std::isfinite(gi));
  }
  // P(alive) against the closed form of the alpha = beta case, approached from both sides:
  // 1 / (1 + s/(r+s+x) [((alpha+T)/(alpha+t_x))^(r+s+x) - 1]).
  ParetoNbd near{0.5, 10.0 * (1 + 1e-9), 0.6, 10.0};
  double closed = 1 / (1 + 0.6 / 3.1 * (std::pow(30.0 / 15.0, 3.1) - 1));
  CHECK(near.p_alive(2, 5, 20) == doctest::Approx(closed).epsilon(1e-8));
  CHECK(ParetoNbd{0.5, 10.0, 0.6, 10.0 * (1 + 1e-9)}.p_alive(2, 5, 20) == doctest::Approx(closed).epsilon(1e-8));
}
