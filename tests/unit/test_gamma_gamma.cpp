// Gamma-Gamma on the 946 CDNOW repeat customers against Fader & Hardie (2013), CLVTools and
// lifetimes, and the CLV that lifetimes' Quickstart prints.
#include <doctest/doctest.h>

#include <cmath>

#include "analytics/clv/bgnbd.hpp"
#include "analytics/clv/clv.hpp"
#include "analytics/clv/gamma_gamma.hpp"
#include "cdnow.hpp"

using retention::clv::fit_gamma_gamma;
using retention::clv::GammaGamma;
using retention::clv::spend_of;

TEST_CASE("Gamma-Gamma on the CDNOW repeat customers gives the published parameters") {
  auto summary = cdnow::summary();
  auto spend = spend_of(summary);
  CHECK(spend.customers == 946);
  auto fit = fit_gamma_gamma(spend, 0);
  REQUIRE_MESSAGE(fit.error.empty(), fit.error);
  CHECK(fit.convergence.converged);
  // p = 6.25, q = 3.74, v = 15.44 (lifetimes: decimal = 2)
  CHECK(std::fabs(fit.parameters[0] - 6.25) < 0.015);
  CHECK(std::fabs(fit.parameters[1] - 3.74) < 0.015);
  CHECK(std::fabs(fit.parameters[2] - 15.44) < 0.015);
  REQUIRE(fit.standardErrors.size() == 3);
}

TEST_CASE("the Gamma-Gamma gradient is the derivative of the log-likelihood") {
  auto spend = spend_of(cdnow::summary());
  cdnow::check_gradient(retention::clv::gamma_gamma_likelihood(spend), {5.0, 3.0, 20.0});
}

TEST_CASE("Gamma-Gamma on the exact repeat values has CLVTools' log-likelihood") {
  auto fit = fit_gamma_gamma(spend_of(cdnow::exact_summary()), 0);
  REQUIRE(fit.error.empty());
  CHECK(fit.logLikelihood == doctest::Approx(-4055.9177).epsilon(1e-8));
}

TEST_CASE("the expected order value shrinks a customer's mean toward the population mean") {
  // Fixed at 6.25, 3.74, 15.44: the first ten customers ("Hardie spreadsheet", lifetimes, atol 0.1).
  GammaGamma m{6.25, 3.74, 15.44};
  auto summary = cdnow::summary();
  const double expected[] = {24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17};
  for (int i = 0; i < 10; ++i) CHECK(std::fabs(m.expected_value(summary.x[i], summary.zbar[i]) - expected[i]) < 0.1);
  CHECK(m.expected_value(0, 0) == doctest::Approx(6.25 * 15.44 / 2.74));
  // With the fitted parameters, lifetimes' Quickstart: 24.658619, 18.911489, 35.170981, 71.462843, 27.282408.
  auto fitted = GammaGamma::from(fit_gamma_gamma(spend_of(summary), 0).parameters);
  const int ids[] = {0, 1, 2, 5, 8};
  const double quickstart[] = {24.658619, 18.911489, 35.170981, 71.462843, 27.282408};
  for (int k = 0; k < 5; ++k)
    CHECK(fitted.expected_value(summary.x[ids[k]], summary.zbar[ids[k]]) == doctest::Approx(quickstart[k]).epsilon(2e-4));
}

TEST_CASE("discounted CLV reproduces lifetimes' customer_lifetime_value") {
  // Quickstart: ggf.customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01) with lifetimes'
  // default freq='D' on weekly data, i.e. months of 30 time units.
  auto summary = cdnow::summary();
  auto h = retention::clv::compress(summary);
  auto bgnbd = retention::clv::fit_bgnbd(h, 0);
  auto spend = GammaGamma::from(fit_gamma_gamma(spend_of(summary), 0).parameters);
  auto rows = retention::clv::predict_rows(retention::ClvModel::bgnbd, bgnbd.parameters, h, {12, 30, 0.01});
  const double expected[] = {140.096211, 18.943467, 38.180574, 38.180574, 38.180574,
                             1003.868107, 28.109683, 38.180574, 167.418216, 38.180574};
  for (size_t i = 0; i < 10; ++i) {
    double clv = spend.expected_value(summary.x[i], summary.zbar[i]) * rows.discounted[h.rowOf[i]];
    CHECK(clv == doctest::Approx(expected[i]).epsilon(5e-4));
  }
}
