#include "analytics/rf_matrix.hpp"

namespace retention {

int recency_band(int32_t recency_days, const RfThresholds& t) {
  if (recency_days < t.activeBelowDays) return 0;
  return recency_days <= t.lapsedAboveDays ? 1 : 2;
}

int frequency_band(int32_t frequency, const RfThresholds& t) {
  if (frequency >= t.highValueOrders) return 2;
  return frequency >= t.multiOrders ? 1 : 0;
}

RfMatrix compute_rf_matrix(const CustomerTable& customers, const RfThresholds& thresholds) {
  RfMatrix m;
  m.thresholds = thresholds;
  for (size_t i = 0; i < customers.size(); ++i) {
    auto r = static_cast<size_t>(recency_band(customers.recencyDays[i], thresholds));
    auto f = static_cast<size_t>(frequency_band(customers.frequency[i], thresholds));
    ++m.customers[r][f];
    m.revenue[r][f] += customers.monetary[i];
  }
  return m;
}

}  // namespace retention
