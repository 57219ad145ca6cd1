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
  // The penalty is on log(lambda): it pulls the estimate toward 1 (here up from 0.405), and the
  // penalised optimum solves n - lambda S = 2 penalty n log(lambda) (the gradient in log(lambda)).
  auto penalised = fit_model({"lambda"}, ll, n, {{1}}, 0.1);
  REQUIRE(penalised.error.empty());
  const double l = penalised.parameters[0];
  CHECK(l > fit.parameters[0]);
  CHECK(l < 1);
  CHECK(n - l * S == doctest::Approx(2 * 0.1 * n * std::log(l)).epsilon(1e-6));
}

TEST_CASE("a fit whose optimum is at the edge, or nowhere, says so instead of returning NaN") {
  auto falling = [](const Vector& p, Vector* g) {  // the likelihood grows as lambda -> 0
    if (g) *g = {-p[0]};
    return -p[0];
  };
  auto fit = fit_model({"lambda"}, falling, 1, {{1}}, 0);
  CHECK(fit.error.find("degenerate fit: lambda runs off to zero") == 0);
  CHECK(fit.degenerate);
  CHECK(fit.parameters.empty());
  // A penalty on log(lambda) holds it: the advice "a penalty gives a fit" can come true.
  auto held = fit_model({"lambda"}, falling, 1, {{1}}, 0.1);
  CHECK(held.error.empty());
  CHECK(held.parameters[0] > 1e-8);
  auto nowhere = [](const Vector&, Vector*) { return NAN; };
  CHECK(fit_model({"lambda"}, nowhere, 1, {{1}}, 0).error == "the likelihood cannot be evaluated at any starting point");
}

TEST_CASE("a standard error far above its estimate makes the fit degenerate, as an estimate at a bound does") {
  // Nearly flat in lambda: LL = -1e-12 (log lambda - 3)^2 has its maximum at e^3 with SE(log lambda) = 7e5.
  auto flat = [](const Vector& p, Vector* g) {
    double t = std::log(p[0]) - 3;
    if (g) *g = {-2e-12 * t};
    return -1e-12 * t * t;
  };
  auto fit = fit_model({"s"}, flat, 1, {{std::exp(3.0)}}, 0);
  CHECK(fit.degenerate);
  CHECK(fit.error.find("degenerate fit: s = 2.01e+01 with standard error") == 0);
  CHECK(fit.parameters.empty());
  CHECK(fit.standardErrors.empty());
}
