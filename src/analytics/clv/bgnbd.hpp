// BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way: An Alternative to the
// Pareto/NBD Model", Marketing Science 24(2)): while alive a customer buys at Poisson rate lambda
// ~ Gamma(r, alpha) and, after each purchase, drops out with probability p ~ Beta(a, b).
#pragma once

#include <cstdint>

#include "analytics/clv/optimizer.hpp"
#include "analytics/clv/summary.hpp"

namespace retention::clv {

struct BgNbd {
  double r = 0, alpha = 0, a = 0, b = 0;

  static BgNbd from(const Vector& p) { return {p[0], p[1], p[2], p[3]}; }
  // P(alive at T | x, t_x, T): FHL 2005 eq. (11) over the likelihood.
  double p_alive(int32_t x, double tx, double T) const;
  // Expected purchases in (T, T + t] of a customer alive at T: FHL 2005 eq. (10) without its
  // P(alive) factor. At x = T = 0 it is the unconditional E[X(t)], eq. (9).
  double expected_if_alive(int32_t x, double T, double t) const;
  double conditional_expected(double t, int32_t x, double tx, double T) const {
    return expected_if_alive(x, T, t) * p_alive(x, tx, T);
  }
};

// MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models
// for customer base analysis", IJRM 24(3); lifetimes' ModifiedBetaGeoFitter): as BG/NBD, but a
// customer may also drop out right after the first purchase, so a one-time buyer's P(alive) falls
// with the time since that purchase instead of staying 1. Every formula is BG/NBD's with the
// dropout coin tossed once more: B(a, b+x+1) for B(a, b+x) in the likelihood,
//   L = Gamma(r+x) alpha^r / Gamma(r) B(a, b+x+1) / B(a, b)
//       [(alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x)],
//   P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)),
// and the expectation of a customer alive at T is BG/NBD's at b + 1:
//   (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))].
struct ModBgNbd {
  double r = 0, alpha = 0, a = 0, b = 0;

  static ModBgNbd from(const Vector& p) { return {p[0], p[1], p[2], p[3]}; }
  double p_alive(int32_t x, double tx, double T) const;
  double expected_if_alive(int32_t x, double T, double t) const {
    return BgNbd{r, alpha, a, b + 1}.expected_if_alive(x, T, t);
  }
  double conditional_expected(double t, int32_t x, double tx, double T) const {
    return expected_if_alive(x, T, t) * p_alive(x, tx, T);
  }
};

// The total log-likelihood of the histories (FHL 2005 eq. (6), in log space), with its gradient
// with respect to log(r, alpha, a, b).
LogLikelihood bgnbd_likelihood(const Histories& histories);
// The same for MBG/NBD.
LogLikelihood mbgnbd_likelihood(const Histories& histories);

ModelFit fit_bgnbd(const Histories& histories, double penalty);
ModelFit fit_mbgnbd(const Histories& histories, double penalty);

}  // namespace retention::clv
