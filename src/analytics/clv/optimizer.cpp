#include "analytics/clv/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "analytics/clv/special.hpp"

namespace retention::clv {

namespace {

constexpr double kGradientTolerance = 1e-9;  // on the mean log-likelihood per customer
constexpr double kLooseTolerance = 1e-6;     // accepted when rounding stops the line search earlier
constexpr int kMaxIterations = 500;
constexpr int kMaxNelderMead = 4000;
constexpr double kMaxStep = 4;    // in log-parameters per BFGS step: a factor of e^4
constexpr double kBound = 30;     // |log parameter| beyond this is outside the domain
// A parameter outside [e^-18, e^18] = [1.5e-8, 6.6e7] has run off toward 0 or infinity: the
// gradient in log-parameters vanishes there, so the optimiser would call it converged.
constexpr double kRunOff = 18;
// A fit that has not converged with a parameter already past e^(+-12) (1.6e5, 6.1e-6) is creeping
// along a ridge toward such a bound (MBG/NBD's a and b together, when every customer drops out alike):
// polishing it costs seconds and ends in a refusal, so it is refused at once.
constexpr double kDrift = 12;
constexpr int kRidgePatience = 20;

double dot(const Vector& a, const Vector& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

double norm(const Vector& v) { return std::sqrt(dot(v, v)); }

Vector along(const Vector& x, double t, const Vector& p) {
  Vector y(x);
  for (size_t i = 0; i < y.size(); ++i) y[i] += t * p[i];
  return y;
}

struct Point {
  Vector x;
  double f = HUGE_VAL;
  Vector g;
};

// Counts evaluations and keeps f finite-or-inf (NaN becomes +inf).
struct Evaluator {
  const Objective& f;
  int evaluations = 0;
  Point at(const Vector& x) {
    Point p{x, HUGE_VAL, Vector(x.size(), 0)};
    ++evaluations;
    double v = f(x, &p.g);
    bool finite = std::isfinite(v);
    for (double gi : p.g) finite = finite && std::isfinite(gi);
    if (finite) p.f = v;
    return p;
  }
  double value(const Vector& x) {
    ++evaluations;
    double v = f(x, nullptr);
    return std::isfinite(v) ? v : HUGE_VAL;
  }
};

// A step along p meeting the strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6,
// with safeguarded quadratic interpolation) or, where f changes less than its rounding, Hager &
// Zhang's (2005) approximate Wolfe conditions; else the lowest point with sufficient decrease.
// Not inlined into bfgs(): V8 compiles a hot wasm function again optimised, in time that grows
// faster than its size, and bfgs() with it inlined was the costliest such compile of a run.
[[gnu::noinline]] bool line_search(Evaluator& ev, const Point& x0, const Vector& p, Point& out) {
  constexpr double c1 = 1e-4, c2 = 0.9, delta = 0.1;
  const double d0 = dot(x0.g, p);
  const double noise = 1e-12 * (1 + std::fabs(x0.f));
  double longest = 0;
  for (double v : p) longest = std::max(longest, std::fabs(v));
  const double step_max = kMaxStep / longest;
  auto at = [&](double t) { return ev.at(along(x0.x, t, p)); };
  auto decreases = [&](const Point& q, double t) { return q.f <= x0.f + c1 * t * d0; };  // false for +inf
  auto flat = [&](double d) { return std::fabs(d) <= -c2 * d0; };
  auto nearly_wolfe = [&](const Point& q, double d) {
    return q.f <= x0.f + noise && c2 * d0 <= d && d <= (2 * delta - 1) * d0;
  };

  // lo: sufficient decrease and the lowest value so far; a Wolfe point lies between a_lo and a_hi.
  auto zoom = [&](double a_lo, Point lo, double d_lo, double a_hi, double f_hi) {
    for (int i = 0; i < 20; ++i) {
      double w = a_hi - a_lo;
      double denom = 2 * (f_hi - lo.f - d_lo * w);  // curvature of the quadratic through lo and hi
      double frac = denom > 0 && std::isfinite(denom) ? -d_lo * w / denom : 0.5;
      double t = a_lo + std::clamp(frac, 0.1, 0.9) * w;
      Point q = at(t);
      double dq = dot(q.g, p);
      if (std::isfinite(q.f) && nearly_wolfe(q, dq)) {
        out = std::move(q);
        return true;
      }
      if (!decreases(q, t) || q.f >= lo.f) {
        a_hi = t;
        f_hi = q.f;
        continue;
      }
      if (flat(dq)) {
        out = std::move(q);
        return true;
      }
      if (dq * (a_hi - a_lo) >= 0) {
        a_hi = a_lo;
        f_hi = lo.f;
      }
      a_lo = t;
      lo = std::move(q);
      d_lo = dq;
    }
    if (a_lo == 0) return false;
    out = std::move(lo);
    return true;
  };

  double a_prev = 0, d_prev = d0;
  Point prev = x0;
  double a = std::min(1.0, step_max);
  for (int i = 0; i < 30; ++i) {
    Point q = at(a);
    double dq = dot(q.g, p);
    if (std::isfinite(q.f) && nearly_wolfe(q, dq)) {
      out = std::move(q);
      return true;
    }
    if (!decreases(q, a) || (i > 0 && q.f >= prev.f)) return zoom(a_prev, std::move(prev), d_prev, a, q.f);
    if (flat(dq)) {
      out = std::move(q);
      return true;
    }
    if (dq >= 0) return zoom(a, std::move(q), dq, a_prev, prev.f);
    if (a >= step_max) {  // as far as one step may go
      out = std::move(q);
      return true;
    }
    a_prev = a;
    prev = std::move(q);
    d_prev = dq;
    a = std::min(2 * a, step_max);
  }
  out = std::move(prev);
  return a_prev > 0;
}

// The first parameter beyond e^(+-limit), or -1.
int beyond(const Vector& theta, double limit) {
  for (size_t i = 0; i < theta.size(); ++i)
    if (std::fabs(theta[i]) > limit) return static_cast<int>(i);
  return -1;
}

// A parameter beyond e^(+-kRunOff): the data do not hold it (fit_model refuses such a fit).
bool ran_off(const Vector& theta) { return beyond(theta, kRunOff) >= 0; }

struct Run {
  Point best;
  int iterations = 0;
  bool converged = false;
  std::vector<Vector> inverse_hessian;  // BFGS's last approximation
};

// From `start`; with `curvature`, that inverse Hessian approximation instead of a scaled identity.
Run bfgs(Evaluator& ev, const Vector& start, const std::vector<Vector>* curvature = nullptr) {
  const size_t n = start.size();
  Run run;
  Point x = ev.at(start);
  if (!std::isfinite(x.f)) {
    run.best = x;
    return run;
  }
  std::vector<Vector> H(n, Vector(n, 0));
  auto reset = [&]() {
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) H[i][j] = i == j;
  };
  bool fresh = !curvature, on_ridge = false;
  if (curvature) H = *curvature;
  else reset();
  for (; run.iterations < kMaxIterations; ++run.iterations) {
    if (norm(x.g) <= kGradientTolerance) {
      run.converged = true;
      break;
    }
    Vector p(n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) p[i] -= H[i][j] * x.g[j];
    if (dot(p, x.g) >= 0) {
      reset();
      fresh = true;
      for (size_t i = 0; i < n; ++i) p[i] = -x.g[i];
    }
    Point next;
    if (!line_search(ev, x, p, next)) {
      if (fresh) break;  // even steepest descent makes no progress: rounding has the last word
      reset();
      fresh = true;
      continue;
    }
    Vector s(n), y(n);
    for (size_t i = 0; i < n; ++i) {
      s[i] = next.x[i] - x.x[i];
      y[i] = next.g[i] - x.g[i];
    }
    double sy = dot(s, y);
    if (sy > 1e-12 * norm(s) * norm(y)) {
      if (fresh) {  // scale the first inverse Hessian (Nocedal & Wright 6.20)
        double scale = sy / dot(y, y);
        for (size_t i = 0; i < n; ++i) H[i][i] = scale;
      }
      // H <- (I - rho s y') H (I - rho y s') + rho s s'
      double rho = 1 / sy;
      Vector Hy(n, 0);
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) Hy[i] += H[i][j] * y[j];
      double yHy = dot(y, Hy);
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
          H[i][j] += rho * ((1 + rho * yHy) * s[i] * s[j] - Hy[i] * s[j] - s[i] * Hy[j]);
      fresh = false;
    }
    x = std::move(next);
    if (ran_off(x.x)) break;  // the fit will be refused as degenerate: no need to follow it further
    // Still past e^(+-kDrift) after kRidgePatience steps: creeping along a ridge toward a bound (a
    // well-determined fit gets there in a few); at 10M rows each further step costs a tenth of a second.
    if (run.iterations >= kRidgePatience && beyond(x.x, kDrift) >= 0) {
      on_ridge = true;
      break;
    }
  }
  run.converged = !on_ridge && !ran_off(x.x) && (run.converged || norm(x.g) <= kLooseTolerance);
  run.best = std::move(x);
  run.inverse_hessian = std::move(H);
  return run;
}

// Nelder-Mead on f alone, from a simplex around `start`.
Vector nelder_mead(Evaluator& ev, const Vector& start) {
  const size_t n = start.size();
  const double dn = static_cast<double>(n);
  const double expand = 1 + 2 / dn, contract = 0.75 - 1 / (2 * dn), shrink = 1 - 1 / dn;
  std::vector<std::pair<double, Vector>> simplex;
  simplex.emplace_back(ev.value(start), start);
  for (size_t i = 0; i < n; ++i) {
    Vector v(start);
    v[i] += 0.5;
    simplex.emplace_back(ev.value(v), v);
  }
  auto by_value = [](const auto& a, const auto& b) { return a.first < b.first; };
  for (int k = 0; k < kMaxNelderMead; ++k) {
    std::stable_sort(simplex.begin(), simplex.end(), by_value);
    double spread = simplex.back().first - simplex.front().first;
    double size = 0;
    for (size_t i = 1; i <= n; ++i)
      for (size_t j = 0; j < n; ++j) size = std::max(size, std::fabs(simplex[i].second[j] - simplex[0].second[j]));
    if (std::isfinite(spread) && spread <= 1e-13 * (1 + std::fabs(simplex[0].first)) && size < 1e-8) break;
    Vector centroid(n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) centroid[j] += simplex[i].second[j] / dn;
    auto toward = [&](double t) {  // centroid + t (centroid - worst)
      Vector v(n);
      for (size_t j = 0; j < n; ++j) v[j] = centroid[j] + t * (centroid[j] - simplex[n].second[j]);
      return v;
    };
    Vector r = toward(1);
    double fr = ev.value(r);
    if (fr < simplex[0].first) {
      Vector e = toward(expand);
      double fe = ev.value(e);
      simplex[n] = fe < fr ? std::make_pair(fe, e) : std::make_pair(fr, r);
    } else if (fr < simplex[n - 1].first) {
      simplex[n] = {fr, r};
    } else {
      bool outside = fr < simplex[n].first;
      Vector c = toward(outside ? contract : -contract);
      double fc = ev.value(c);
      if (fc < (outside ? fr : simplex[n].first)) {
        simplex[n] = {fc, c};
      } else {
        for (size_t i = 1; i <= n; ++i) {
          for (size_t j = 0; j < n; ++j)
            simplex[i].second[j] = simplex[0].second[j] + shrink * (simplex[i].second[j] - simplex[0].second[j]);
          simplex[i].first = ev.value(simplex[i].second);
        }
      }
    }
  }
  std::stable_sort(simplex.begin(), simplex.end(), by_value);
  return simplex[0].second;
}

// A number in scientific notation with 3 significant digits ("4.00e-08"), from exact operations so
// that a message reads the same natively and in wasm (printf's %g may differ in the last digit).
std::string format_g(double v) {
  if (!std::isfinite(v)) return v > 0 ? "inf" : v < 0 ? "-inf" : "nan";
  if (v == 0) return "0";
  std::string out = v < 0 ? "-" : "";
  v = std::fabs(v);
  int e = 0;
  while (v >= 10) v /= 10, ++e;
  while (v < 1) v *= 10, --e;
  auto digits = static_cast<int64_t>(std::llround(v * 100));
  if (digits >= 1000) digits /= 10, ++e;
  std::string d = std::to_string(digits);
  out += d.substr(0, 1) + "." + d.substr(1) + (e < 0 ? "e-" : "e+") + (std::abs(e) < 10 ? "0" : "") +
         std::to_string(std::abs(e));
  return out;
}

bool same_minimum(double a, double b) { return std::fabs(a - b) <= 1e-9 * (1 + std::fabs(a)); }

// Inverse of a symmetric positive definite matrix by Cholesky; false when it is not positive definite.
bool invert_spd(std::vector<Vector> A, std::vector<Vector>& inverse) {
  const size_t n = A.size();
  std::vector<Vector> L(n, Vector(n, 0));
  for (size_t j = 0; j < n; ++j) {
    double d = A[j][j];
    for (size_t k = 0; k < j; ++k) d -= L[j][k] * L[j][k];
    if (!(d > 0)) return false;
    L[j][j] = std::sqrt(d);
    for (size_t i = j + 1; i < n; ++i) {
      double s = A[i][j];
      for (size_t k = 0; k < j; ++k) s -= L[i][k] * L[j][k];
      L[i][j] = s / L[j][j];
    }
  }
  inverse.assign(n, Vector(n, 0));
  for (size_t c = 0; c < n; ++c) {  // solve L L' x = e_c
    Vector y(n, 0);
    for (size_t i = 0; i < n; ++i) {
      double s = i == c;
      for (size_t k = 0; k < i; ++k) s -= L[i][k] * y[k];
      y[i] = s / L[i][i];
    }
    for (size_t i = n; i-- > 0;) {
      double s = y[i];
      for (size_t k = i + 1; k < n; ++k) s -= L[k][i] * inverse[k][c];
      inverse[i][c] = s / L[i][i];
    }
  }
  return true;
}

}  // namespace

Minimum minimise(const Objective& f, const std::vector<Vector>& starts, const std::vector<Vector>* curvature) {
  Evaluator ev{f};
  Minimum best;
  best.value = HUGE_VAL;
  auto take = [&](Run& run, const char* optimizer) {
    best.theta = std::move(run.best.x);
    best.value = run.best.f;
    best.convergence.converged = run.converged;
    best.convergence.iterations = run.iterations;
    best.convergence.gradientNorm = norm(run.best.g);
    best.convergence.optimizer = optimizer;
    best.inverseHessian = std::move(run.inverse_hessian);
  };
  std::vector<double> converged_values;
  int tried = 0;
  for (const Vector& start : starts) {
    ++tried;
    Run run = bfgs(ev, start, curvature);
    double value = run.best.f;
    if (value < best.value) take(run, "bfgs");
    if (!run.converged) continue;
    bool agreed = false;
    for (double v : converged_values) agreed = agreed || same_minimum(v, value);
    if (agreed) break;
    converged_values.push_back(value);
  }
  // Nelder-Mead when no start converged, unless the best point is running off toward a bound: the
  // likelihood keeps rising there, and following it (through ever slower special functions) costs
  // seconds for a fit that is refused anyway.
  if (!best.convergence.converged && std::isfinite(best.value) && beyond(best.theta, kDrift) < 0) {
    Run polished = bfgs(ev, nelder_mead(ev, best.theta));
    if (polished.best.f <= best.value || polished.converged) take(polished, "nelder-mead");
  }
  best.convergence.starts = tried;
  best.convergence.evaluations = ev.evaluations;
  return best;
}

// SE(log theta) = SE(theta) / theta above this: a 95% interval wider than a factor of e^40, i.e. the data
// say nothing about the parameter (a Pareto/NBD fit with s = 4e-8 and SE 3.6e13 has 9e20).
constexpr double kMaxRelativeError = 10;

ModelFit fit_model(std::vector<std::string> names, const LogLikelihood& ll, double customers,
                   const std::vector<Vector>& starts, double penalty, const SearchSample* sample) {
  const size_t n = names.size();
  ModelFit fit;
  fit.names = std::move(names);
  fit.customers = customers;
  auto params_of = [](const Vector& theta) {
    Vector p(theta.size());
    for (size_t i = 0; i < p.size(); ++i) p[i] = math::exp(theta[i]);
    return p;
  };
  // Mean negative log-likelihood per customer plus penalty * sum(log(param)^2): the penalty pulls
  // every parameter toward 1, never toward 0 or infinity, so it can hold a parameter that runs off.
  auto objective_of = [&](const LogLikelihood& f, double count) -> Objective {
    return [&f, count, n, penalty, &params_of](const Vector& theta, Vector* gradient) {
      for (double t : theta)
        if (!(std::fabs(t) <= kBound)) return HUGE_VAL;
      Vector p = params_of(theta);
      double value = -f(p, gradient) / count;
      if (gradient)
        for (double& g : *gradient) g = -g / count;
      for (size_t i = 0; i < n; ++i) {
        value += penalty * theta[i] * theta[i];
        if (gradient) (*gradient)[i] += 2 * penalty * theta[i];
      }
      return value;
    };
  };
  const Objective objective = objective_of(ll, customers);
  std::vector<Vector> log_starts;
  for (const Vector& s : starts) {
    Vector t(n);
    for (size_t i = 0; i < n; ++i) t[i] = math::log(s[i]);
    log_starts.push_back(t);
  }
  Minimum m;
  if (sample) {
    // Both objectives are means per customer, so the sample's curvature is the whole data's too: the
    // polish starts from it and takes a few steps instead of learning it again over every history.
    const Minimum found = minimise(objective_of(sample->ll, sample->customers), log_starts);
    const bool carried = std::isfinite(found.value) && !found.inverseHessian.empty();
    if (carried) log_starts = {found.theta};
    m = minimise(objective, log_starts, carried ? &found.inverseHessian : nullptr);
    m.convergence.starts = found.convergence.starts;
    m.convergence.sampleEvaluations = found.convergence.evaluations;
    m.convergence.sampledCustomers = sample->sampledCustomers;
  } else {
    m = minimise(objective, log_starts);
  }
  fit.convergence = m.convergence;
  if (!std::isfinite(m.value)) {
    fit.error = "the likelihood cannot be evaluated at any starting point";
    return fit;
  }
  // One rule for every model: a fit is degenerate when an estimate sits at a bound (ran off toward 0
  // or infinity), the likelihood is flat along some direction, or a standard error is far above its
  // estimate. Such estimates could take any value, and so could the predictions.
  auto degenerate = [&](std::string why) {
    fit.parameters.clear();
    fit.standardErrors.clear();
    fit.degenerate = true;
    fit.error = "degenerate fit: " + why;
    return fit;
  };
  const int off = beyond(m.theta, m.convergence.converged ? kRunOff : kDrift);
  if (off >= 0)
    return degenerate(fit.names[off] + " runs off to " + (m.theta[off] > 0 ? "infinity" : "zero") + " (" +
                      format_g(math::exp(m.theta[off])) + ")");
  if (!m.convergence.converged) {
    fit.error = "the fit did not converge (gradient norm " + format_g(m.convergence.gradientNorm) + ")";
    return fit;
  }
  fit.parameters = params_of(m.theta);
  fit.logLikelihood = ll(fit.parameters, nullptr);

  // Hessian of the total objective in log-parameters by central differences of the gradient.
  std::vector<Vector> H(n, Vector(n, 0));
  bool finite = true;
  for (size_t j = 0; j < n; ++j) {
    constexpr double h = 1e-4;
    Vector up(m.theta), down(m.theta), gu(n), gd(n);
    up[j] += h;
    down[j] -= h;
    finite = finite && std::isfinite(objective(up, &gu)) && std::isfinite(objective(down, &gd));
    for (size_t i = 0; i < n; ++i) H[i][j] = (gu[i] - gd[i]) / (2 * h) * customers;
  }
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < i; ++j) H[i][j] = H[j][i] = (H[i][j] + H[j][i]) / 2;
  std::vector<Vector> covariance;
  if (!finite || !invert_spd(H, covariance))
    return degenerate("the likelihood is flat along some direction (the Hessian is not positive definite)");
  for (size_t i = 0; i < n; ++i) {
    double relative = std::sqrt(covariance[i][i]);  // SE of log(param) = SE(param) / param
    if (relative > kMaxRelativeError)
      return degenerate(fit.names[i] + " = " + format_g(fit.parameters[i]) + " with standard error " +
                        format_g(fit.parameters[i] * relative));
    fit.standardErrors.push_back(fit.parameters[i] * relative);
  }
  return fit;
}

}  // namespace retention::clv
