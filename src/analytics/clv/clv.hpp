// Predicted customer value: fits the chosen transaction model (BG/NBD or Pareto/NBD) and the
// Gamma-Gamma spend model, and predicts for every customer P(alive), purchases, order value and
// discounted CLV over the horizon; optionally validates the model on a holdout period.
#pragma once

#include "analytics/clv/optimizer.hpp"
#include "analytics/clv/summary.hpp"
#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "model/order_book.hpp"
#include "retention/clv.hpp"

namespace retention::clv {

// The engine's entry point: the customer table's rows, from their counted orders up to its asOf.
// `columns` gets one value per row of `customers` (see ClvColumns); failures are reported in the
// returned section, never as NaN.
// The expected next order is given only while P(alive) >= likelyAliveFrom (the churn light's amber threshold).
// With `measured` (options.measure), the seconds of the model fits go to its stage "value.fit".
RETENTION_ONCE ModelReport predict_customer_value(const CustomerTable& customers, const ClvOptions& options, ClvColumns& columns,
                                   double likelyAliveFrom = 0.2, Report::Measured* measured = nullptr);

// The same from a summary already made (a per-customer summary's totals, issue 14) at `asOf`: no
// holdout validation, which needs the orders after calibrationEnd.
RETENTION_ONCE ModelReport predict_customer_value(const CustomerSummary& summary, Date asOf, const ClvOptions& options,
                                   ClvColumns& columns, double likelyAliveFrom = 0.2);

// Where predictions are made: the summary's end as a date, and the P(alive) from which the next
// order's date is given.
struct Prediction {
  Date day = 0;
  double likelyAliveFrom = 0.2;
  Report::Measured* measured = nullptr;  // where the fits' seconds go, when measuring
};

// The same from a summary (in options.timeUnit): fit, predictions per summary row.
ModelReport predict_from_summary(const CustomerSummary& summary, const ClvOptions& options, ClvColumns& columns,
                                 const Prediction& at = {});

// Fits the transaction model on a calibration summary and compares each customer's expected
// purchases in the next `holdoutLength` units with `summary.holdout`, per calibration frequency.
HoldoutValidation validate(const CustomerSummary& summary, const ClvOptions& options, double holdoutLength);

// Time units per month: a month is 365.25 / 12 days.
double units_per_month(TimeUnit unit);

struct Horizon {
  int32_t months = 12;
  double unitsPerMonth = 0;
  double monthlyDiscountRate = 0;
};

// Per history row of a fitted transaction model: P(alive) at T, expected purchases over the
// horizon, and expected purchases discounted month by month, sum over m of
// (E[X(m)] - E[X(m-1)]) / (1 + rate)^m, so that CLV = expected order value x discounted (the
// discounted-cash-flow sum of lifetimes' customer_lifetime_value).
// nextWait: the median wait for the next purchase of a customer alive at T, in the time unit.
struct RowPredictions {
  std::vector<double> pAlive, purchases, discounted, nextWait;
};

RowPredictions predict_rows(ClvModel model, const Vector& params, const Histories& histories, const Horizon& horizon);

}  // namespace retention::clv
