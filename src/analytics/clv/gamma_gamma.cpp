#include "analytics/clv/gamma_gamma.hpp"

#include <algorithm>
#include <utility>

#include "analytics/clv/special.hpp"

namespace retention::clv {

using namespace math;

Spend spend_of(const CustomerSummary& summary) {
  Spend spend;
  std::vector<std::pair<int32_t, double>> pairs;
  for (size_t i = 0; i < summary.size(); ++i)
    if (summary.x[i] > 0 && summary.zbar[i] > 0) pairs.emplace_back(summary.x[i], summary.zbar[i]);
  std::sort(pairs.begin(), pairs.end());
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (spend.xs.empty() || spend.xs.back() != pairs[i].first) spend.xs.push_back(pairs[i].first);
    auto x = static_cast<uint32_t>(spend.xs.size() - 1);
    if (i == 0 || pairs[i] != pairs[i - 1]) spend.rows.push_back({x, pairs[i].second, log(pairs[i].second), 0});
    spend.rows.back().weight += 1;
  }
  spend.customers = static_cast<double>(pairs.size());
  return spend;
}

namespace {

template <class T>
T log_likelihood(const T& p, const T& q, const T& v, const Spend& spend) {
  // log f(zbar | x) = lgamma(px+q) - lgamma(px) - lgamma(q) + q log v + (px-1) log zbar + px log x
  //                   - (px+q) log(v + x zbar)
  std::vector<T> px(spend.xs.size()), of_x(spend.xs.size());
  for (size_t i = 0; i < spend.xs.size(); ++i) {
    double x = spend.xs[i];
    px[i] = p * x;
    of_x[i] = lgamma(px[i] + q) - lgamma(px[i]) + px[i] * log(x);
  }
  Sum<T> total;
  total.add((q * log(v) - lgamma(q)) * spend.customers);
  for (const Spend::Row& row : spend.rows) {
    const T& pxr = px[row.x];
    double x = spend.xs[row.x];
    total.add((of_x[row.x] + (pxr - 1.0) * row.log_zbar - (pxr + q) * log(v + x * row.zbar)) * row.weight);
  }
  return total.total();
}

}  // namespace

LogLikelihood gamma_gamma_likelihood(const Spend& spend) {
  return [&spend](const Vector& params, Vector* gradient) {
    return with_log_gradient<3>(params, gradient, [&](const auto& p) {
      return log_likelihood(p[0], p[1], p[2], spend);
    });
  };
}

ModelFit fit_gamma_gamma(const Spend& spend, double penalty) {
  // Starts whose population mean p v / (q - 1) is the observed mean.
  double total = 0;
  for (const auto& row : spend.rows) total += row.zbar * row.weight;
  double mean = spend.customers > 0 ? total / spend.customers : 1;
  std::vector<Vector> starts = {{1, 2, mean}, {5, 4, 0.6 * mean}, {1, 1, 1}};
  return fit_model({"p", "q", "v"}, gamma_gamma_likelihood(spend), spend.customers, starts, penalty);
}

}  // namespace retention::clv
