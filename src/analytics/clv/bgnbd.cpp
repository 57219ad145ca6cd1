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

double ModBgNbd::p_alive(int32_t x, double tx, double T) const {
  double d = log(a / (b + x)) + (r + x) * (log(alpha + T) - log(alpha + tx));
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

// std::fmax and std::fmin as C defines them (a NaN operand gives the other), inline: both are library
// calls natively and in wasm, twice a history in every evaluation of the likelihood.
double larger(double a, double b) { return std::isnan(a) ? b : std::isnan(b) ? a : a > b ? a : b; }
double smaller(double a, double b) { return std::isnan(a) ? b : std::isnan(b) ? a : a < b ? a : b; }

// FHL 2005 eq. (6) in logs: per history, base(x) + log[(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x)].
// MBG/NBD (`modified`) is the same with b+x-1 -> b+x in both places and the second term for x = 0 too.
// base(x) holds everything that depends on x alone and is differentiated with duals; the sum over
// histories, the cost of a million customers, is differentiated by hand: with u = (r+x) log(alpha+T),
// v = log(a/(b+x-1)) - (r+x) log(alpha+t_x) and the weights s_u = e^-u / (e^-u + e^v), s_v = 1 - s_u,
//   d/dlog r     = -r (s_u log(alpha+T) + s_v log(alpha+t_x))
//   d/dlog alpha = -(r+x) (s_u alpha/(alpha+T) + s_v alpha/(alpha+t_x))
//   d/dlog a     = s_v,   d/dlog b = -s_v b/(b+x-1).
double log_likelihood(const Vector& p, Vector* gradient, const Histories& h, bool modified) {
  using D = Dual<4>;
  const double r = p[0], alpha = p[1], a = p[2], b = p[3];
  const D dr = D::variable(r, 0, r), dalpha = D::variable(alpha, 1, alpha), da = D::variable(a, 2, a),
          db = D::variable(b, 3, b);
  const D common = dr * log(dalpha) + lgamma(da + db) - lgamma(dr) - lgamma(db);
  const double shift = modified ? 1 : 0;  // the extra dropout coin of MBG/NBD
  const size_t nx = h.xs.size();
  std::vector<double> weight(nx, 0), log_ratio(nx, 0), dlog_ratio_b(nx, 0);
  for (size_t i = 0; i < nx; ++i) {
    if (h.xs[i] == 0 && !modified) continue;
    log_ratio[i] = log(a) - log(b + (h.xs[i] - 1 + shift));
    dlog_ratio_b[i] = -b / (b + (h.xs[i] - 1 + shift));
  }
  std::vector<double> log_at(h.times.size()), dlog_at(h.times.size());
  for (size_t k = 0; k < h.times.size(); ++k) {
    log_at[k] = log(alpha + h.times[k]);
    dlog_at[k] = alpha / (alpha + h.times[k]);
  }
  Sum<double> total;
  double gr = 0, galpha = 0, ga = 0, gb = 0;
  for (const Histories::Row& row : h.rows) {
    const double w = row.weight, rx = r + h.xs[row.x];
    weight[row.x] += w;
    const double u = rx * log_at[row.T];
    if (h.xs[row.x] == 0 && !modified) {
      total.add(-u * w);
      if (gradient) {
        gr -= w * r * log_at[row.T];
        galpha -= w * rx * dlog_at[row.T];
      }
      continue;
    }
    const double v = log_ratio[row.x] - rx * log_at[row.tx];
    const double hi = larger(-u, v), e = exp(smaller(-u, v) - hi);
    total.add((hi + log1p(e)) * w);
    if (gradient) {
      const double sv = (v > -u ? 1 : e) / (1 + e), su = 1 - sv;
      gr -= w * r * (su * log_at[row.T] + sv * log_at[row.tx]);
      galpha -= w * rx * (su * dlog_at[row.T] + sv * dlog_at[row.tx]);
      ga += w * sv;
      gb += w * sv * dlog_ratio_b[row.x];
    }
  }
  D base_total(0.0);
  for (size_t i = 0; i < nx; ++i) {
    double x = h.xs[i];
    if (weight[i] > 0)
      base_total += (common + lgamma(dr + x) + lgamma(db + (x + shift)) - lgamma(da + db + (x + shift))) * weight[i];
  }
  if (gradient) *gradient = {base_total.d[0] + gr, base_total.d[1] + galpha, base_total.d[2] + ga, base_total.d[3] + gb};
  return base_total.v + total.total();
}

}  // namespace

LogLikelihood bgnbd_likelihood(const Histories& histories) {
  return [&histories](const Vector& params, Vector* gradient) {
    return log_likelihood(params, gradient, histories, false);
  };
}

LogLikelihood mbgnbd_likelihood(const Histories& histories) {
  return [&histories](const Vector& params, Vector* gradient) {
    return log_likelihood(params, gradient, histories, true);
  };
}

ModelFit fit_bgnbd(const Histories& h, double penalty) {
  // Starts around the observed purchase rate: E[lambda] = r / alpha.
  double rate = h.repeat_rate();
  std::vector<Vector> starts = {{1, 1 / rate, 1, 1}, {0.5, 0.5 / rate, 0.5, 2}, {1, 1, 1, 1}};
  return fit_histories({"r", "alpha", "a", "b"}, bgnbd_likelihood, h, starts, penalty);
}

ModelFit fit_mbgnbd(const Histories& h, double penalty) {
  double rate = h.repeat_rate();
  std::vector<Vector> starts = {{1, 1 / rate, 1, 1}, {0.5, 0.5 / rate, 0.5, 2}, {1, 1, 1, 1}};
  return fit_histories({"r", "alpha", "a", "b"}, mbgnbd_likelihood, h, starts, penalty);
}

}  // namespace retention::clv
