// Transactions -> the per-customer summary the buy-till-you-die models read (Fader, Hardie & Lee
// 2005): x repeat transactions, t_x the time of the last one and T the time observed, both from
// the first transaction, and zbar the mean value of the repeat transactions.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/clv/optimizer.hpp"

#include "model/customer_table.hpp"
#include "model/customer_totals.hpp"
#include "retention/report.hpp"

namespace retention::clv {

// A span of days in the model's time unit: weeks are days / 7, as in the CDNOW studies.
double in_unit(int32_t days, TimeUnit unit);

struct SummaryWindow {
  Date calibrationEnd = 0;  // transactions up to this day make the summary
  Date holdoutEnd = 0;      // transactions after calibrationEnd, up to this day, are the holdout
  TimeUnit unit = TimeUnit::weeks;
};

// One row per customer. A transaction is a day with purchases: same-day orders merge into one
// transaction worth their sum (BTYD's dc.MergeTransactionsOnSameDate).
struct CustomerSummary {
  std::vector<int32_t> x;      // repeat transactions; -1: no transaction up to calibrationEnd (left out)
  std::vector<double> tx, T;   // in the window's unit
  std::vector<double> zbar;    // mean value of the repeat transactions; 0 when x == 0
  std::vector<double> mean;    // mean value of all x + 1 transactions (the spend fallback); may be empty
  std::vector<int32_t> holdout;  // transactions after calibrationEnd, up to holdoutEnd
  int64_t mergedOrders = 0;    // orders merged into another order of the same customer and day

  size_t size() const { return x.size(); }
  bool observed(size_t i) const { return x[i] >= 0; }
};

// `customer[i]` is the row of transaction i (negative: not a transaction), `value[i]` its amount.
CustomerSummary summarise(size_t customers, const std::vector<int32_t>& customer, const std::vector<Date>& date,
                          const std::vector<Money>& value, const SummaryWindow& window);

// The rows of the customer table, from their counted orders (net > 0, SPEC 4) as the table lists
// them: the order book is not needed (it may be freed by then, issue 11).
CustomerSummary summarise_orders(const CustomerTable& customers, const SummaryWindow& window);

// The same summary from a per-customer summary's totals (issue 14), for the window ending at the
// table's asOf: x = order days - 1, t_x = last - first, T = asOf - first; the repeat transactions'
// mean value from the repeat revenue, or, without that column, the mean over all order days.
CustomerSummary summarise_totals(const CustomerTable& customers, const CustomerTotalsColumns& totals, TimeUnit unit);

// The summary with customers of identical (x, t_x, T) as one weighted row, so that a likelihood
// costs one term per distinct history; times and x values are tabled once for the same reason.
struct Histories {
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Row {
    uint32_t x, tx, T;  // indices into xs and times
    double weight;
  };
  std::vector<int32_t> xs;    // distinct x, ascending
  std::vector<double> times;  // distinct t_x and T, ascending
  std::vector<Row> rows;      // ordered by (x, t_x, T)
  std::vector<uint32_t> rowOf;  // customer -> row, kNone when left out
  double customers = 0;         // the sum of the weights
  double repeatCustomers = 0;   // ... of the rows with x > 0

  // Repeat purchases per unit of time observed, over everyone: where the optimiser starts.
  double repeat_rate() const;
  double mean_T() const;
};

// `pack_keys` false sorts the keys field by field even where they fit 64 bits (for tests: the same
// histories either way).
Histories compress(const CustomerSummary& summary, bool pack_keys = true);

// Where a fit searches first on a large file (see fit_model's SearchSample): a systematic sample of
// about kSearchCustomers customers taken in (x, t_x, T) order, so every kind of history keeps its
// share; a sampled row stands for `step` customers. Empty when the histories are few enough to
// search on them all (kSearchRows distinct rows or fewer: every published data set we test against).
constexpr double kSearchCustomers = 20000;
constexpr size_t kSearchRows = 50000;
Histories search_sample(const Histories& histories);

// Fits a transaction model (its likelihood made by `likelihood_of`) on `h`, searching on
// search_sample(h) first when `h` is large.
template <class LikelihoodOf>
ModelFit fit_histories(std::vector<std::string> names, LikelihoodOf likelihood_of, const Histories& h,
                       const std::vector<Vector>& starts, double penalty) {
  const Histories sample = search_sample(h);
  if (sample.rows.empty()) return fit_model(std::move(names), likelihood_of(h), h.customers, starts, penalty);
  const SearchSample search{likelihood_of(sample), sample.customers,
                            static_cast<int64_t>(sample.customers / h.customers * kSearchCustomers + 0.5)};
  return fit_model(std::move(names), likelihood_of(h), h.customers, starts, penalty, &search);
}

// The distinct (x, t) pairs the rows use as (x, t_x) or (x, T): what depends on x and one time
// only is computed once per pair.
struct PairIndex {
  std::vector<uint64_t> keys;         // x index << 32 | time index, ascending
  std::vector<uint32_t> of_tx, of_T;  // per row
  uint32_t x(size_t pair) const { return static_cast<uint32_t>(keys[pair] >> 32); }
  uint32_t time(size_t pair) const { return static_cast<uint32_t>(keys[pair]); }
};

PairIndex pair_index(const Histories& histories);

}  // namespace retention::clv
