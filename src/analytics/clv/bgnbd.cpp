#include "analytics/clv/bgnbd.hpp"

#include <cmath>

#include "analytics/clv/special.hpp"

namespace retention::clv {

using namespace math;

double BgNbd::p_alive(int32_t x, double tx, double T) const {
  if (x == 0) return 1;
  // 1 / (1 + a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)); an overflow gives 0, never NaN.
  double d = log(a / (b + x - 1)) + (r + x) * (log(alpha + T) - log(alpha + tx));
  return 1 / (1 + exp(d));
}

double BgNbd::expected_if_alive(int32_t x, double T, double t) const {
  // (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)], z = t/(alpha+T+t).
  if (t <= 0) return 0;
  double z = t / (alpha + T + t);
  double L = -log1p(t / (alpha + T));  // log(1 - z)
  double A = a + b - 1 - r, C = a + b + x - 1;
  if ((a - 1) * z > 30) {
    // a large (dropout nearly alike for everyone): the direct series settles fast there, summed in
    // logs because (1-z)^-(r+x) and 2F1 both grow beyond the double range for large x.
    return C / (a - 1) * -expm1((r + x) * L + log_hyp2f1_series(r + x, b + x, C, z));
  }
  // Otherwise Euler's transformation turns the bracket into 1 - (1-z)^(a-1) (1 + (a-1) S), with
  // S = sum_k>=1 (a+b-1-r)_k (a)_(k-1) z^k / ((a+b+x-1)_k k!), and the 1/(a-1) into
  // -log(1-z) expm1_over((a-1) log(1-z)): no 0/0 at a = 1, and terms that shrink faster with x.
  double term = A * z / C, S = term;
  for (int k = 1; k < 100000 && std::fabs(term) > 1e-17 * std::fabs(S); ++k) {
    term *= (A + k) * (a + k - 1) * z / ((C + k) * (k + 1));
    S += term;
  }
  return C * (-L * expm1_over((a - 1) * L) - exp((a - 1) * L) * S);
}

namespace {

template <class T>
T log_likelihood(const T& r, const T& alpha, const T& a, const T& b, const Histories& h) {
  // Terms of x alone, then of one time alone, then of each history.
  const size_t nx = h.xs.size();
  std::vector<T> base(nx), rx(nx), log_ratio(nx);
  const T common = r * log(alpha) + lgamma(a + b) - lgamma(r) - lgamma(b);
  for (size_t i = 0; i < nx; ++i) {
    double x = h.xs[i];
    rx[i] = r + x;
    base[i] = common + lgamma(rx[i]) + lgamma(b + x) - lgamma(a + b + x);
    if (x > 0) log_ratio[i] = log(a) - log(b + (x - 1));
  }
  std::vector<T> log_alpha_t(h.times.size());
  for (size_t k = 0; k < h.times.size(); ++k) log_alpha_t[k] = log(alpha + h.times[k]);
  T total(0.0);
  for (const Histories::Row& row : h.rows) {
    // log[(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x)]
    T u = rx[row.x] * log_alpha_t[row.T];
    T term = h.xs[row.x] == 0 ? -u : log_add_exp(-u, log_ratio[row.x] - rx[row.x] * log_alpha_t[row.tx]);
    total += (base[row.x] + term) * row.weight;
  }
  return total;
}

}  // namespace

LogLikelihood bgnbd_likelihood(const Histories& histories) {
  return [&histories](const Vector& params, Vector* gradient) {
    return with_log_gradient<4>(params, gradient, [&](const auto& p) {
      return log_likelihood(p[0], p[1], p[2], p[3], histories);
    });
  };
}

ModelFit fit_bgnbd(const Histories& h, double penalty) {
  // Starts around the observed purchase rate: E[lambda] = r / alpha.
  double rate = h.repeat_rate();
  std::vector<Vector> starts = {{1, 1 / rate, 1, 1}, {0.5, 0.5 / rate, 0.5, 2}, {1, 1, 1, 1}};
  return fit_model({"r", "alpha", "a", "b"}, bgnbd_likelihood(h), h.customers, starts, penalty);
}

}  // namespace retention::clv
