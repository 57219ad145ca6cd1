// Maximum likelihood over log-parameters: BFGS from several starts, Nelder-Mead when BFGS fails,
// standard errors from the Hessian. Never returns NaN: a fit that cannot be trusted says why.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "retention/clv.hpp"

namespace retention::clv {

using Vector = std::vector<double>;

// f(theta) and, when `gradient` is not null, its gradient. A point outside the model's domain
// gives +inf (or NaN), which every step treats as "too far".
using Objective = std::function<double(const Vector& theta, Vector* gradient)>;

struct Minimum {
  Vector theta;
  double value = 0;
  Convergence convergence;
  std::vector<Vector> inverseHessian;  // the last BFGS approximation of the inverse Hessian at theta
};

// The best minimum found from `starts`. BFGS with a strong-Wolfe line search (Nocedal & Wright
// 2006, algorithms 6.1, 3.5, 3.6) from each start until two agree; when none converges, Nelder-Mead
// (with Gao & Han's 2012 adaptive coefficients) from the best point, then BFGS again to polish.
// With `curvature`, every BFGS run starts from that inverse Hessian approximation.
Minimum minimise(const Objective& f, const std::vector<Vector>& starts,
                 const std::vector<Vector>* curvature = nullptr);

// A model's total log-likelihood at `params` and, when `gradient` is not null, its gradient with
// respect to log(params).
using LogLikelihood = std::function<double(const Vector& params, Vector* gradient)>;

// Fits a model with positive parameters by maximum likelihood over their logs, `starts` on the
// natural scale. The objective is the mean negative log-likelihood per customer plus
// penalty * sum(params^2) (as lifetimes' penalizer_coef). Standard errors by the delta method
// from the Hessian of the total, by central differences of the exact gradient. A fit that runs
// off to a boundary, does not converge or whose Hessian is not positive definite (the data do not
// determine every parameter) ends with an error instead of estimates.
//
// With `sample` (the same likelihood on a sample of the customers), the starts are tried on the
// sample and only the best point found there is carried to `ll` and polished: the estimates are
// still the whole data's optimum, reached with a few evaluations over every history (issue 11).
struct SearchSample {
  LogLikelihood ll;
  double customers = 0;       // the sum of the sample's weights (about the whole data's count)
  int64_t sampledCustomers = 0;  // customers drawn
};
ModelFit fit_model(std::vector<std::string> names, const LogLikelihood& ll, double customers,
                   const std::vector<Vector>& starts, double penalty, const SearchSample* sample = nullptr);

}  // namespace retention::clv
