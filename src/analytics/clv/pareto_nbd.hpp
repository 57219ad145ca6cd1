// Pareto/NBD (Schmittlein, Morrison & Colombo 1987, "Counting Your Customers: Who Are They and
// What Will They Do Next?", Management Science 33(1)): while alive a customer buys at Poisson rate
// lambda ~ Gamma(r, alpha) and lives an exponential lifetime of rate mu ~ Gamma(s, beta).
// Likelihood, P(alive) and expectations as in Fader & Hardie (2005), "A Note on Deriving the
// Pareto/NBD Model and Related Expressions".
#pragma once

#include <cstdint>

#include "analytics/clv/optimizer.hpp"
#include "analytics/clv/summary.hpp"

namespace retention::clv {

struct ParetoNbd {
  double r = 0, alpha = 0, s = 0, beta = 0;

  static ParetoNbd from(const Vector& p) { return {p[0], p[1], p[2], p[3]}; }
  double p_alive(int32_t x, double tx, double T) const;
  // Expected purchases in (T, T + t] of a customer alive at T (Fader & Hardie 2005 eq. (22)
  // without its P(alive) factor); at x = T = 0 the unconditional E[X(t)], eq. (17).
  double expected_if_alive(int32_t x, double T, double t) const;
  double conditional_expected(double t, int32_t x, double tx, double T) const {
    return expected_if_alive(x, T, t) * p_alive(x, tx, T);
  }
};

// The total log-likelihood (Fader & Hardie 2005 eqs. (18)-(20)) with its gradient with respect to
// log(r, alpha, s, beta). Written as L = A [Y(T) + s (J(t_x) - J(T))], where
// J(t) = integral from t to infinity of (alpha+tau)^-(r+x) (beta+tau)^-(s+1) d tau is one Gauss
// hypergeometric function per distinct (x, t), and s J(T) <= Y(T), so no step loses digits.
LogLikelihood pareto_nbd_likelihood(const Histories& histories);

ModelFit fit_pareto_nbd(const Histories& histories, double penalty);

}  // namespace retention::clv
