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
};

// The best minimum found from `starts`. BFGS with a strong-Wolfe line search (Nocedal & Wright
// 2006, algorithms 6.1, 3.5, 3.6) from each start until two agree; when none converges, Nelder-Mead
// (with Gao & Han's 2012 adaptive coefficients) from the best point, then BFGS again to polish.
Minimum minimise(const Objective& f, const std::vector<Vector>& starts);

// A model's total log-likelihood at `params` and, when `gradient` is not null, its gradient with
// respect to log(params).
using LogLikelihood = std::function<double(const Vector& params, Vector* gradient)>;

// Fits a model with positive parameters by maximum likelihood over their logs, `starts` on the
// natural scale. The objective is the mean negative log-likelihood per customer plus
// penalty * sum(params^2) (as lifetimes' penalizer_coef). Standard errors by the delta method
// from the Hessian of the total, by central differences of the exact gradient. A fit that runs
// off to a boundary, does not converge or whose Hessian is not positive definite (the data do not
// determine every parameter) ends with an error instead of estimates.
ModelFit fit_model(std::vector<std::string> names, const LogLikelihood& ll, double customers,
                   const std::vector<Vector>& starts, double penalty);

}  // namespace retention::clv
