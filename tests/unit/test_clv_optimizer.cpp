// The optimiser: BFGS on smooth problems, a step back from points outside the domain, the
// Nelder-Mead fallback, standard errors, and fits that cannot be trusted saying why.
#include <doctest/doctest.h>

#include <cmath>

#include "analytics/clv/optimizer.hpp"

using retention::clv::fit_model;
using retention::clv::minimise;
using retention::clv::Vector;

namespace {

double rosenbrock(const Vector& x, Vector* g) {
  double a = 1 - x[0], b = x[1] - x[0] * x[0];
  if (g) *g = {-2 * a - 400 * x[0] * b, 200 * b};
  return a * a + 100 * b * b;
}

}  // namespace

TEST_CASE("BFGS finds the minimum of Rosenbrock's valley") {
  auto m = minimise(rosenbrock, {{-1.2, 1}});
  CHECK(m.convergence.converged);
  CHECK(m.convergence.optimizer == "bfgs");
  CHECK(m.theta[0] == doctest::Approx(1).epsilon(1e-7));
  CHECK(m.theta[1] == doctest::Approx(1).epsilon(1e-7));
  CHECK(m.convergence.starts == 1);
}

TEST_CASE("points outside the domain (NaN) make the line search step back") {
  auto f = [](const Vector& x, Vector* g) { return x[0] > 1.5 || x[1] > 2.5 ? NAN : rosenbrock(x, g); };
  auto m = minimise(f, {{-1.2, 1}, {0, 0}});
  CHECK(m.convergence.converged);
  CHECK(m.theta[0] == doctest::Approx(1).epsilon(1e-7));
  CHECK(m.convergence.starts == 2);  // the second start confirms the first
}

TEST_CASE("when BFGS cannot converge, Nelder-Mead takes over") {
  // A kink at the minimum: the gradient never vanishes.
  auto f = [](const Vector& x, Vector* g) {
    if (g) *g = {x[0] > 1 ? 1.0 : -1.0, x[1] > -2 ? 1.0 : -1.0};
    return std::fabs(x[0] - 1) + std::fabs(x[1] + 2);
  };
  auto m = minimise(f, {{0.3, 0.4}});
  CHECK_FALSE(m.convergence.converged);
  CHECK(m.convergence.optimizer == "nelder-mead");
  CHECK(m.theta[0] == doctest::Approx(1).epsilon(1e-6));
  CHECK(m.theta[1] == doctest::Approx(-2).epsilon(1e-6));
}

TEST_CASE("standard errors come from the Hessian: an exponential rate") {
  // n = 50 waiting times summing to 123.4: LL = n log(lambda) - lambda S, MLE n/S, SE lambda/sqrt(n).
  const double n = 50, S = 123.4;
  auto ll = [&](const Vector& p, Vector* g) {
    if (g) *g = {n - p[0] * S};  // d/d log(lambda)
    return n * std::log(p[0]) - p[0] * S;
  };
  auto fit = fit_model({"lambda"}, ll, n, {{1}}, 0);
  REQUIRE(fit.error.empty());
  CHECK(fit.parameters[0] == doctest::Approx(n / S).epsilon(1e-9));
  CHECK(fit.standardErrors[0] == doctest::Approx(n / S / std::sqrt(n)).epsilon(1e-6));
  CHECK(fit.logLikelihood == doctest::Approx(n * std::log(n / S) - n));
  // A penalty pulls the estimate toward zero.
  auto penalised = fit_model({"lambda"}, ll, n, {{1}}, 0.1);
  CHECK(penalised.parameters[0] < fit.parameters[0]);
}

TEST_CASE("a fit whose optimum is at the edge, or nowhere, says so instead of returning NaN") {
  auto falling = [](const Vector& p, Vector* g) {  // the likelihood grows as lambda -> 0
    if (g) *g = {-p[0]};
    return -p[0];
  };
  auto fit = fit_model({"lambda"}, falling, 1, {{1}}, 0);
  CHECK(fit.error.find("lambda runs off to zero") != std::string::npos);
  CHECK(fit.parameters.empty());
  auto nowhere = [](const Vector&, Vector*) { return NAN; };
  CHECK(fit_model({"lambda"}, nowhere, 1, {{1}}, 0).error == "the likelihood cannot be evaluated at any starting point");
}
