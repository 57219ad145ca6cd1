#include "analytics/rf_matrix.hpp"

#include "model/blocks.hpp"

namespace retention {

std::string rf_cell_name(size_t cell) {
  return std::string(kRecencyNames[cell / 3]) + "/" + kFrequencyNames[cell % 3];
}

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
  for_each_index(customers.size(), [&](size_t i) {
    auto r = static_cast<size_t>(recency_band(customers.recencyDays[i], thresholds));
    auto f = static_cast<size_t>(frequency_band(customers.frequency[i], thresholds));
    ++m.customers[r][f];
    m.revenue[r][f] += customers.monetary[i];
  });
  return m;
}

std::vector<uint8_t> rf_cells(const CustomerTable& customers, const RfThresholds& thresholds) {
  std::vector<uint8_t> cells(customers.size());
  for_each_index(customers.size(), [&](size_t i) {
    cells[i] = static_cast<uint8_t>(recency_band(customers.recencyDays[i], thresholds) * 3 +
                                    frequency_band(customers.frequency[i], thresholds));
  });
  return cells;
}

int rf_cell_at(const CustomerTable& customers, size_t row, Date at, const RfThresholds& thresholds) {
  int32_t frequency = 0;
  Date last = 0;
  for (uint32_t k = customers.orderStart[row]; k < customers.orderStart[row + 1] && customers.orderDate[k] <= at; ++k) {
    if (!CustomerTable::counts(customers.orderNet[k])) continue;
    ++frequency;
    last = customers.orderDate[k];
  }
  if (frequency == 0) return -1;
  return recency_band(at - last, thresholds) * 3 + frequency_band(frequency, thresholds);
}

}  // namespace retention
