#include "analytics/clv/pareto_nbd.hpp"

#include <cmath>
#include <memory>

#include "analytics/clv/special.hpp"

namespace retention::clv {

using namespace math;

namespace {

// log J(t) for x repeat purchases, given la = log(alpha+t) and lb = log(beta+t). Substituting
// u = |alpha-beta| / (max(alpha,beta) + tau) turns J into Fader & Hardie's incomplete beta
// integral, and Euler's transformation of its 2F1(m, .; m+1; u) (m = r+s+x) leaves
// 2F1(1, b; m+1; u) with b = r+x (alpha >= beta) or s+1 (alpha < beta):
//   alpha >= beta: J = (alpha+t)^-(r+x)   (beta+t)^-s     2F1(1, r+x; m+1; u) / m
//   alpha <  beta: J = (alpha+t)^-(r+x-1) (beta+t)^-(s+1) 2F1(1, s+1; m+1; u) / m
template <class T>
T log_j(const T& r, const T& alpha, const T& s, const T& beta, double x, double t, const T& la, const T& lb,
        bool& ok) {
  const T rx = r + x, m = rx + s;
  bool converged = true;
  T result = value(alpha) >= value(beta)
                 ? -(rx * la) - s * lb + log_hyp2f1_1bc(rx, m + 1.0, (alpha - beta) / (alpha + t), converged)
                 : -((rx - 1.0) * la) - (s + 1.0) * lb +
                       log_hyp2f1_1bc(s + 1.0, m + 1.0, (beta - alpha) / (beta + t), converged);
  ok = ok && converged;
  return result - log(m);
}

// log[Y(T) + s J(t_x) - s J(T)] with log Y(T) = -(r+x) log(alpha+T) - s log(beta+T).
template <class T>
T log_bracket(const T& log_y, const T& log_s, const T& log_j_tx, const T& log_j_T) {
  return log_sub_exp(log_add_exp(log_y, log_s + log_j_tx), log_s + log_j_T);
}

template <class T>
T log_likelihood(const T& r, const T& alpha, const T& s, const T& beta, const Histories& h, const PairIndex& pairs) {
  const size_t nx = h.xs.size();
  std::vector<T> rx(nx), base(nx);
  const T common = r * log(alpha) + s * log(beta) - lgamma(r);
  for (size_t i = 0; i < nx; ++i) {
    rx[i] = r + h.xs[i];
    base[i] = common + lgamma(rx[i]);
  }
  std::vector<T> la(h.times.size()), lb(h.times.size());
  for (size_t k = 0; k < h.times.size(); ++k) {
    la[k] = log(alpha + h.times[k]);
    lb[k] = log(beta + h.times[k]);
  }
  bool ok = true;
  std::vector<T> lj(pairs.keys.size());
  for (size_t i = 0; i < pairs.keys.size() && ok; ++i) {
    uint32_t t = pairs.time(i);
    lj[i] = log_j(r, alpha, s, beta, h.xs[pairs.x(i)], h.times[t], la[t], lb[t], ok);
  }
  if (!ok) return T(NAN);  // a point so extreme that 2F1 does not settle: the optimiser steps back
  const T log_s = log(s);
  Sum<T> total;
  for (size_t i = 0; i < h.rows.size(); ++i) {
    const Histories::Row& row = h.rows[i];
    T log_y = -(rx[row.x] * la[row.T]) - s * lb[row.T];
    T term = row.tx == row.T ? log_y : log_bracket(log_y, log_s, lj[pairs.of_tx[i]], lj[pairs.of_T[i]]);
    total.add((base[row.x] + term) * row.weight);
  }
  return total.total();
}

}  // namespace

double ParetoNbd::p_alive(int32_t x, double tx, double T) const {
  if (tx >= T) return 1;
  bool ok = true;
  double la = log(alpha + T), lb = log(beta + T);
  double log_y = -(r + x) * la - s * lb;
  double jx = log_j(r, alpha, s, beta, x, tx, log(alpha + tx), log(beta + tx), ok);
  double jT = log_j(r, alpha, s, beta, x, T, la, lb, ok);
  return ok ? exp(log_y - log_bracket(log_y, log(s), jx, jT)) : NAN;
}

double ParetoNbd::expected_if_alive(int32_t x, double T, double t) const {
  // (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)], without the 0/0 at s = 1.
  double L = -log1p(t / (beta + T));
  return (r + x) * (beta + T) / (alpha + T) * -L * expm1_over((s - 1) * L);
}

LogLikelihood pareto_nbd_likelihood(const Histories& histories) {
  auto pairs = std::make_shared<PairIndex>(pair_index(histories));
  return [&histories, pairs](const Vector& params, Vector* gradient) {
    return with_log_gradient<4>(params, gradient, [&](const auto& p) {
      return log_likelihood(p[0], p[1], p[2], p[3], histories, *pairs);
    });
  };
}

ModelFit fit_pareto_nbd(const Histories& h, double penalty) {
  // Starts around the observed purchase rate (E[lambda] = r / alpha) and a lifetime of about T.
  double rate = h.repeat_rate(), mean_T = h.mean_T();
  std::vector<Vector> starts = {{1, 1 / rate, 1, mean_T}, {0.5, 0.5 / rate, 0.5, 0.5 * mean_T}, {1, 1, 1, 1}};
  return fit_histories({"r", "alpha", "s", "beta"}, pareto_nbd_likelihood, h, starts, penalty);
}

}  // namespace retention::clv
