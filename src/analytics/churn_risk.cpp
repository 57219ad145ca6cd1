#include "analytics/churn_risk.hpp"

namespace retention {

ChurnRisk compute_churn_risk(const CustomerTable& c, const GapStats& gaps, const ChurnRiskMultipliers& multipliers,
                             const RfThresholds& rf, std::vector<uint8_t>& lights, const std::vector<double>& p_alive) {
  ChurnRisk out;
  out.multipliers = multipliers;
  out.byPAlive = multipliers.usePAlive && p_alive.size() == c.size() && c.size() > 0;
  out.singleOrderExpectedGapDays = gaps.count ? gaps.median : static_cast<double>(rf.activeBelowDays);
  lights.resize(c.size());
  for (size_t i = 0; i < c.size(); ++i) {
    const double expected = c.frequency[i] >= 2 ? static_cast<double>(c.lastOrder[i] - c.firstOrder[i]) / (c.frequency[i] - 1)
                                                : out.singleOrderExpectedGapDays;
    const double recency = c.recencyDays[i];
    Light light = recency <= multipliers.green * expected   ? Light::green
                  : recency <= multipliers.amber * expected ? Light::amber
                                                            : Light::red;
    if (out.byPAlive) {
      light = p_alive[i] >= multipliers.pAliveGreen   ? Light::green
              : p_alive[i] >= multipliers.pAliveAmber ? Light::amber
                                                      : Light::red;
    }
    lights[i] = static_cast<uint8_t>(light);
    ++out.customers[static_cast<size_t>(light)];
  }
  return out;
}

}  // namespace retention
