#include "analytics/clv/clv.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analytics/clv/bgnbd.hpp"
#include "analytics/clv/gamma_gamma.hpp"
#include "analytics/clv/pareto_nbd.hpp"
#include "analytics/clv/special.hpp"
#include "measure.hpp"
#include "model/blocks.hpp"

namespace retention::clv {

double units_per_month(TimeUnit unit) { return (unit == TimeUnit::weeks ? 365.25 / 7 : 365.25) / 12; }

constexpr double kLn2 = 0.693147180559945309417;

namespace {

// Why the transaction models cannot be fitted on these histories, or empty.
std::string unusable(const Histories& h) {
  if (h.customers == 0) return "no customer has a purchase in the calibration period";
  if (h.repeatCustomers == 0)
    return "every customer bought on a single day only: the models need customers who came back";
  if (h.rows.size() < 2)
    return "all customers have the same purchase history (x, t_x, T): nothing tells the model how customers differ";
  return {};
}

ModelFit fit_transactions(ClvModel model, const Histories& h, double penalty) {
  ModelFit fit;
  fit.error = unusable(h);
  if (fit.error.empty()) {
    fit = model == ClvModel::pareto_nbd ? fit_pareto_nbd(h, penalty)
          : model == ClvModel::mbgnbd   ? fit_mbgnbd(h, penalty)
                                        : fit_bgnbd(h, penalty);
  }
  fit.customers = h.customers;
  fit.distinctRows = h.rows.size();
  return fit;
}

// The penalty suggested when a fit is degenerate, and only when a fit with it is not.
constexpr double kSuggestedPenalty = 0.1;

std::string count(double n, const char* one, const char* many) {
  auto k = static_cast<int64_t>(n);
  return std::to_string(k) + " " + (k == 1 ? one : many);
}

// Returning customers enough in number that a degenerate fit is not for want of them.
constexpr double kManyReturning = 200;

// What a merchant reads when no transaction model could be fitted: one plain sentence, then what
// would fix it. No model or optimiser terms.
std::string plain_reason(const Histories& h, bool degenerate) {
  const std::string fix = " An export that covers a longer period (a year or more) or more customers usually fixes this.";
  if (h.customers == 0) return "Predicted value needs orders up to the analysis date; this file has none." + fix;
  if (h.repeatCustomers == 0)
    return "Predicted value needs customers who ordered on at least two different days; this file has " +
           count(h.customers, "customer", "customers") + " and none of them did." + fix;
  if (h.rows.size() < 2)
    return "Predicted value needs customers whose order histories differ; all " +
           count(h.customers, "customer", "customers") + " in this file ordered in exactly the same pattern." + fix;
  if (degenerate && h.repeatCustomers >= kManyReturning)  // e.g. every customer buys and stops at one rate
    return "Predicted value is not shown: the model finds no single best answer for this file. Its " +
           count(h.repeatCustomers, "returning customer", "returning customers") + " (of " +
           std::to_string(static_cast<int64_t>(h.customers)) +
           ") buy and stop at rates too alike for it to tell how customers differ.";
  return "Predicted value needs more returning customers than this file has: " +
         count(h.repeatCustomers, "customer", "customers") + " of " + std::to_string(static_cast<int64_t>(h.customers)) +
         " ordered on two or more days, too few to tell how often customers come back and when they stop." + fix;
}

ModelFit fit_spend(const Spend& spend, double penalty) {
  ModelFit fit;
  if (spend.customers == 0) fit.error = "no repeat customer: the spend model reads repeat purchases only";
  else if (spend.rows.size() < 2) fit.error = "all repeat customers have the same count and mean value of repeat purchases";
  else fit = fit_gamma_gamma(spend, penalty);
  if (fit.error.empty() && fit.parameters[1] <= 1) {
    fit.parameters.clear();
    fit.standardErrors.clear();
    fit.error = "q <= 1: order values vary too much for a finite mean order value";
  }
  fit.customers = spend.customers;
  fit.distinctRows = spend.rows.size();
  return fit;
}

// Why Gamma-Gamma was not used, in plain words.
const char* spend_reason(const ModelFit& fit) {
  if (fit.customers == 0) return "no customer has ordered twice yet, and the usual model reads repeat orders";
  if (!fit.degenerate && fit.distinctRows >= 2 && fit.error.rfind("q <= 1", 0) == 0)
    return "order values vary too much between customers for the usual model";
  return "too few returning customers to model how order values differ";
}

template <class Model>
RowPredictions predict_with(const Model& model, const Histories& h, const Horizon& horizon) {
  // What a customer alive at T buys depends on (x, T) alone: once per distinct pair.
  PairIndex pairs = pair_index(h);
  std::vector<char> used(pairs.keys.size(), 0);
  for (uint32_t p : pairs.of_T) used[p] = 1;
  std::vector<double> purchases(pairs.keys.size(), 0), discounted(pairs.keys.size(), 0);
  for (size_t p = 0; p < pairs.keys.size(); ++p) {
    if (!used[p]) continue;
    int32_t x = h.xs[pairs.x(p)];
    double T = h.times[pairs.time(p)], before = 0, discount = 1;
    for (int32_t m = 1; m <= horizon.months; ++m) {
      double by_now = model.expected_if_alive(x, T, m * horizon.unitsPerMonth);
      discount /= 1 + horizon.monthlyDiscountRate;
      discounted[p] += (by_now - before) * discount;
      before = by_now;
    }
    purchases[p] = before;
  }
  RowPredictions out;
  for (size_t i = 0; i < h.rows.size(); ++i) {
    const Histories::Row& row = h.rows[i];
    double alive = model.p_alive(h.xs[row.x], h.times[row.tx], h.times[row.T]);
    out.pAlive.push_back(alive);
    out.purchases.push_back(alive * purchases[pairs.of_T[i]]);
    out.discounted.push_back(alive * discounted[pairs.of_T[i]]);
    // Alive at T, the purchase rate's posterior is Gamma(r+x, alpha+T) in all three models, so the
    // wait for the next purchase has P(wait > w) = ((alpha+T)/(alpha+T+w))^(r+x): its median is
    // (alpha+T)(2^(1/(r+x)) - 1).
    out.nextWait.push_back((model.alpha + h.times[row.T]) * math::expm1(kLn2 / (model.r + h.xs[row.x])));
  }
  return out;
}

// Every value finite (or NaN, where `nan_allowed`: a column's "none").
bool all_finite(const std::vector<double>& v, bool nan_allowed = false) {
  bool finite = true;
  for_each_index(v.size(), [&](size_t i) {
    finite = finite && (std::isfinite(v[i]) || (nan_allowed && std::isnan(v[i])));
  });
  return finite;
}

// Each customer's mean transaction value shrunk toward the population's as if she had one more
// transaction at the population mean: (n m + M) / (n + 1), n = x + 1 transactions of mean m.
struct ShrunkMean {
  double population = 0;
  static ShrunkMean of(const CustomerSummary& s) {
    double total = 0, count = 0;
    for (size_t i = 0; i < s.size(); ++i)
      if (s.observed(i)) total += s.mean[i] * (s.x[i] + 1), count += s.x[i] + 1;
    return {count > 0 ? total / count : 0};
  }
  double expected_value(int32_t x, double mean) const { return ((x + 1) * mean + population) / (x + 2); }
};

// The section with clv.model none: the options only.
ModelReport not_fitted(const ClvOptions& options) {
  ModelReport report;
  report.options = options;
  return report;
}

}  // namespace

RowPredictions predict_rows(ClvModel model, const Vector& params, const Histories& histories, const Horizon& horizon) {
  if (model == ClvModel::pareto_nbd) return predict_with(ParetoNbd::from(params), histories, horizon);
  if (model == ClvModel::mbgnbd) return predict_with(ModBgNbd::from(params), histories, horizon);
  return predict_with(BgNbd::from(params), histories, horizon);
}

ModelReport predict_from_summary(const CustomerSummary& summary, const ClvOptions& options, ClvColumns& columns,
                                 const Prediction& at) {
  columns = ClvColumns{};
  ModelReport report;
  report.options = options;
  report.sameDayOrdersMerged = summary.mergedOrders;
  Histories h = compress(summary);
  std::optional<StageTimer> fitting(std::in_place, at.measured, "value.fit");
  ModelFit fit = fit_transactions(options.model, h, options.penalty);
  if (!fit.error.empty()) {
    report.error = fit.error;
    // Suggest a penalty only when one would help: the same fit with it is not degenerate. On a large
    // file it is tried on the search sample: this is advice, and a second whole fit costs seconds.
    if (fit.degenerate && options.penalty == 0) {
      const Histories sample = search_sample(h);
      if (fit_transactions(options.model, sample.rows.empty() ? h : sample, kSuggestedPenalty).error.empty())
        report.error += "; clv.penalty " + std::to_string(kSuggestedPenalty).substr(0, 3) + " gives a fit";
    }
    report.message = plain_reason(h, fit.degenerate);
    return report;
  }
  report.transactions = fit;
  report.spend = fit_spend(spend_of(summary), options.penalty);
  fitting.reset();

  Horizon horizon{options.horizonMonths, units_per_month(options.timeUnit), options.monthlyDiscountRate};
  RowPredictions rows = predict_rows(options.model, fit.parameters, h, horizon);
  const bool gamma_gamma = report.spend.error.empty();
  const bool valued = gamma_gamma || summary.mean.size() == summary.size();
  GammaGamma spend = gamma_gamma ? GammaGamma::from(report.spend.parameters) : GammaGamma{};
  ShrunkMean shrunk = valued && !gamma_gamma ? ShrunkMean::of(summary) : ShrunkMean{};
  if (!gamma_gamma) {
    report.spendModel = SpendModel::shrunk_mean;
    report.populationMeanOrderValue = shrunk.population;
    report.spendMessage = std::string("Order values are each customer's average order shrunk toward the shop's average (") +
                          spend_reason(report.spend) + ").";
  }
  const double days_per_unit = options.timeUnit == TimeUnit::weeks ? 7 : 1;
  const size_t n = summary.size();
  // Sized once: grown by doubling, columns of millions of customers touch twice their memory (issue 11).
  for (auto* column : {&columns.pAlive, &columns.expectedPurchases, &columns.nextOrder}) column->reserve(n);
  if (valued)
    for (auto* column : {&columns.expectedOrderValue, &columns.clv}) column->reserve(n);
  for_each_index(n, [&](size_t i) {
    uint32_t row = h.rowOf[i];
    bool seen = row != Histories::kNone;  // a customer without purchases up to the end: nothing to predict
    double alive = seen ? rows.pAlive[row] : 0;
    columns.pAlive.push_back(alive);
    columns.expectedPurchases.push_back(seen ? rows.purchases[row] : 0);
    columns.nextOrder.push_back(seen && alive >= at.likelyAliveFrom
                                    ? static_cast<double>(at.day) + std::round(rows.nextWait[row] * days_per_unit)
                                    : NAN);
    if (!valued) return;
    double value = !seen ? 0 : gamma_gamma ? spend.expected_value(summary.x[i], summary.zbar[i])
                                           : shrunk.expected_value(summary.x[i], summary.mean[i]);
    columns.expectedOrderValue.push_back(value);
    columns.clv.push_back(seen ? value * rows.discounted[row] : 0);
  });
  if (!all_finite(columns.pAlive) || !all_finite(columns.expectedPurchases) ||
      !all_finite(columns.expectedOrderValue) || !all_finite(columns.clv) || !all_finite(columns.nextOrder, true)) {
    columns = ClvColumns{};
    report = not_fitted(options);
    report.error = "the predictions overflowed at the fitted parameters";
    report.message = plain_reason(h, false);
    return report;
  }
  report.valued = valued;
  for_each_index(n, [&](size_t i) {
    report.meanPAlive += columns.pAlive[i];
    report.expectedPurchases += columns.expectedPurchases[i];
    if (valued) report.clv += columns.clv[i];
  });
  if (n > 0) report.meanPAlive /= static_cast<double>(n);
  return report;
}

HoldoutValidation validate(const CustomerSummary& summary, const ClvOptions& options, double holdoutLength) {
  HoldoutValidation v;
  v.holdoutLength = holdoutLength;
  Histories h = compress(summary);
  v.fit = fit_transactions(options.model, h, options.penalty);
  if (!v.fit.error.empty()) {
    v.error = v.fit.error;
    return v;
  }
  // The whole holdout as one "month" without discount: E[X(holdout) | x, t_x, T] per row.
  RowPredictions rows = predict_rows(options.model, v.fit.parameters, h, Horizon{1, holdoutLength, 0});
  constexpr int32_t kBuckets = 8;  // 0 .. 6 repeat purchases, then 7 and more (BTYD's censor = 7)
  v.byFrequency.resize(kBuckets);
  for (int32_t b = 0; b < kBuckets; ++b) v.byFrequency[b].frequency = b;
  double observed = 0;
  for (size_t i = 0; i < summary.size(); ++i) {
    if (!summary.observed(i)) continue;
    FrequencyBucket& bucket = v.byFrequency[std::min(summary.x[i], kBuckets - 1)];
    ++bucket.customers;
    bucket.actual += summary.holdout[i];
    double predicted = rows.purchases[h.rowOf[i]], miss = predicted - summary.holdout[i];
    bucket.predicted += predicted;
    v.meanAbsoluteError += std::fabs(miss);
    v.rootMeanSquareError += miss * miss;
    ++observed;
  }
  if (observed > 0) {
    v.meanAbsoluteError /= observed;
    v.rootMeanSquareError = std::sqrt(v.rootMeanSquareError / observed);
  }
  for (FrequencyBucket& bucket : v.byFrequency) {
    v.actualTotal += bucket.actual;
    v.predictedTotal += bucket.predicted;
    if (bucket.customers == 0) continue;
    bucket.actual /= static_cast<double>(bucket.customers);
    bucket.predicted /= static_cast<double>(bucket.customers);
  }
  return v;
}

ModelReport predict_customer_value(const CustomerTable& customers, const ClvOptions& options, ClvColumns& columns,
                                   double likelyAliveFrom, Report::Measured* measured) {
  columns = ClvColumns{};
  if (options.model == ClvModel::none) return not_fitted(options);
  const Date asOf = customers.asOf;
  ModelReport report =
      predict_from_summary(summarise_orders(customers, {asOf, asOf, options.timeUnit}), options, columns,
                           {asOf, likelyAliveFrom, measured});
  if (options.calibrationEnd) {
    const Date end = *options.calibrationEnd;
    HoldoutValidation v;
    if (end >= asOf) {
      v.error = "calibrationEnd " + format_date(end) + " must be before asOf " + format_date(asOf);
    } else {
      auto summary = summarise_orders(customers, {end, asOf, options.timeUnit});
      v = validate(summary, options, in_unit(asOf - end, options.timeUnit));
    }
    v.calibrationEnd = end;
    v.holdoutEnd = asOf;
    report.validation = v;
  }
  return report;
}

ModelReport predict_customer_value(const CustomerSummary& summary, Date asOf, const ClvOptions& options,
                                   ClvColumns& columns, double likelyAliveFrom) {
  columns = ClvColumns{};
  if (options.model == ClvModel::none) return not_fitted(options);
  ModelReport report = predict_from_summary(summary, options, columns, {asOf, likelyAliveFrom});
  if (options.calibrationEnd) {
    report.validation = HoldoutValidation{};
    report.validation->calibrationEnd = *options.calibrationEnd;
    report.validation->holdoutEnd = asOf;
    report.validation->error = "the holdout check needs the orders after calibrationEnd; a customer summary has none";
  }
  return report;
}

}  // namespace retention::clv
