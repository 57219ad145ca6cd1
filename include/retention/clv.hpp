// Predicted customer value (issue 5): the options of the lifetime-value models and what the
// report says about their fit. The per-customer predictions are columns beside the report.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace retention {

using Date = int32_t;  // as in report.hpp: days since 1970-01-01

enum class ClvModel { none, bgnbd, pareto_nbd, mbgnbd };
enum class TimeUnit { days, weeks };

struct ClvOptions {
  ClvModel model = ClvModel::mbgnbd;  // chosen by holdout validation (README, bench/holdout.js)
  TimeUnit timeUnit = TimeUnit::weeks;  // the unit of t_x, T and of alpha/beta; predictions do not depend on it
  int32_t horizonMonths = 12;           // expected purchases and CLV over this many months
  double monthlyDiscountRate = 0.01;    // CLV discounts month m by (1 + rate)^m
  // penalty * sum(log(parameter)^2) added to the mean negative log-likelihood per customer: pulls
  // every parameter toward 1, so a parameter that would run off to 0 or infinity is held.
  double penalty = 0;
  // Holdout validation: fit on the orders up to this day, compare with the orders after it up to asOf.
  std::optional<Date> calibrationEnd;
};

struct Convergence {
  bool converged = false;
  std::string optimizer;  // "bfgs" or "nelder-mead" (the fallback)
  int32_t iterations = 0;
  int32_t evaluations = 0;
  int32_t starts = 0;       // starting points tried
  // Large files: the starts were tried on a sample of this many customers (evaluations there
  // counted apart), and the best carried to everyone. 0: the search read every customer.
  int64_t sampledCustomers = 0;
  int32_t sampleEvaluations = 0;
  double gradientNorm = 0;  // of the mean negative log-likelihood per customer, in log-parameters
};

// One model's maximum-likelihood fit; when `error` is set, only the data counts are filled in.
struct ModelFit {
  std::string error;       // technical: for "How this was computed", never shown to a merchant alone
  bool degenerate = false;  // an estimate at a bound, a flat likelihood or a standard error far above its estimate
  std::vector<std::string> names;
  std::vector<double> parameters;
  std::vector<double> standardErrors;  // from the inverse Hessian
  double logLikelihood = 0;
  Convergence convergence;
  double customers = 0;       // customers the fit read
  size_t distinctRows = 0;    // distinct histories (BG/NBD, Pareto/NBD) or (x, zbar) pairs (Gamma-Gamma)
};

// Holdout purchases per calibration frequency (repeat transactions 0 .. 6, then 7 and more).
struct FrequencyBucket {
  int32_t frequency = 0;
  int64_t customers = 0;
  double actual = 0, predicted = 0;  // mean transactions per customer in the holdout
};

struct HoldoutValidation {
  std::string error;
  Date calibrationEnd = 0, holdoutEnd = 0;
  double holdoutLength = 0;  // in the time unit
  ModelFit fit;              // the model fitted on the calibration period
  std::vector<FrequencyBucket> byFrequency;
  double actualTotal = 0, predictedTotal = 0;
  // Per customer, |predicted - actual| and (predicted - actual)^2 averaged over the customers.
  double meanAbsoluteError = 0, rootMeanSquareError = 0;
};

enum class SpendModel { gamma_gamma, shrunk_mean };

struct ModelReport {
  ClvOptions options;      // model none: no section in the report
  std::string error;       // technical: why the models could not run (for "How this was computed")
  std::string message;     // the same for a merchant: one plain sentence and what would fix it
  // The order values: Gamma-Gamma, or when it cannot be identified each customer's mean order value
  // shrunk toward the population mean (spendMessage says why, in plain words).
  SpendModel spendModel = SpendModel::gamma_gamma;
  std::string spendMessage;
  double populationMeanOrderValue = 0;  // shrunk_mean: the mean value of all transactions
  bool valued = false;                  // order values and CLV were predicted
  int64_t sameDayOrdersMerged = 0;
  ModelFit transactions;   // MBG/NBD, BG/NBD or Pareto/NBD
  ModelFit spend;          // Gamma-Gamma on the repeat customers
  // Over the customers: the mean of P(alive), the sums of expected purchases and of CLV.
  double meanPAlive = 0, expectedPurchases = 0, clv = 0;
  // The same per RF cell (9) and per RFM segment (the rules, then Others): customers, mean P(alive),
  // mean CLV (0 when the spend model failed), SPEC's "mean predicted CLV per RF cell and segment".
  struct Group {
    int64_t customers = 0;
    double meanPAlive = 0, meanClv = 0;
  };
  std::vector<Group> byRfCell, bySegment;
  std::optional<HoldoutValidation> validation;
};

// Per customer, in the rows of the customer table; empty when no transaction model could be fitted.
struct ClvColumns {
  std::vector<double> pAlive;              // probability that the customer is still active at asOf
  std::vector<double> expectedPurchases;   // over the horizon
  std::vector<double> expectedOrderValue;  // Gamma-Gamma (one-time buyers: the population mean E(Z)) or the shrunk mean
  std::vector<double> clv;                 // discounted expected revenue over the horizon
  // The expected date of the next order (days since 1970-01-01) while the customer is likely alive
  // (P(alive) >= the churn light's amber threshold); NaN otherwise.
  std::vector<double> nextOrder;
};

}  // namespace retention
