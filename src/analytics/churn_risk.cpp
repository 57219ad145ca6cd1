#include "analytics/churn_risk.hpp"

#include <algorithm>

#include "analytics/stats.hpp"
#include "model/blocks.hpp"
#include "model/radix_sort.hpp"

namespace retention {

std::vector<int32_t> first_to_second_order_gaps(const CustomerTable& c) {
  std::vector<int32_t> out;
  for_each_index(c.size(), [&](size_t row) {
    if (c.frequency[row] < 2) return;
    int seen = 0;
    Date first = 0;
    for (uint32_t k = c.orderStart[row]; k < c.orderStart[row + 1] && seen < 2; ++k) {
      if (!CustomerTable::counts(c.orderNet[k])) continue;
      if (seen++ == 0) first = c.orderDate[k];
      else out.push_back(c.orderDate[k] - first);
    }
  });
  radix_sort(out);
  return out;
}

ChurnRisk compute_churn_risk(const CustomerTable& c, const ChurnRiskMultipliers& multipliers, const RfThresholds& rf,
                             std::vector<uint8_t>& lights, const std::vector<double>& p_alive) {
  ChurnRisk out;
  out.multipliers = multipliers;
  const bool has_p_alive = p_alive.size() == c.size() && c.size() > 0;
  out.byPAlive = multipliers.basis == ChurnBasis::pAlive && has_p_alive;
  // SPEC 4 (2026-11-30): most second orders come within this time; the median repeat gap (days, for
  // a shop whose regulars reorder weekly) painted most one-time buyers red.
  const std::vector<int32_t> second = first_to_second_order_gaps(c);
  out.secondOrders = static_cast<int64_t>(second.size());
  out.singleOrderExpectedGapDays = second.empty() ? static_cast<double>(rf.activeBelowDays) : quantile_sorted(second, 0.9);
  lights.resize(c.size());
  for_each_index(c.size(), [&](size_t i) {
    Light light;
    if (out.byPAlive) {
      light = p_alive[i] >= multipliers.pAliveGreen   ? Light::green
              : p_alive[i] >= multipliers.pAliveAmber ? Light::amber
                                                      : Light::red;
    } else {
      const double expected = c.frequency[i] >= 2
                                  ? static_cast<double>(c.lastOrder[i] - c.firstOrder[i]) / (c.frequency[i] - 1)
                                  : out.singleOrderExpectedGapDays;
      const double recency = c.recencyDays[i];
      light = recency <= multipliers.green * expected   ? Light::green
              : recency <= multipliers.amber * expected ? Light::amber
                                                        : Light::red;
    }
    if (has_p_alive && ((light == Light::green && p_alive[i] < kNeverGreenBelowPAlive) ||
                        (light == Light::red && p_alive[i] > kNeverRedAbovePAlive))) {
      light = Light::amber;
      ++out.clampedByPAlive;
    }
    lights[i] = static_cast<uint8_t>(light);
    ++out.customers[static_cast<size_t>(light)];
  });
  return out;
}

}  // namespace retention
