// The churn-risk traffic light (SPEC 4): how likely each customer is to have left.
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// Fills `lights` (one Light per customer row). `p_alive` (per customer row) is empty when no value
// model fitted. With basis pAlive and a P(alive) column the light comes from P(alive); otherwise from
// the gaps: the customer's own mean gap with 2+ orders, for one-time buyers the 90th percentile of
// first-to-second-order gaps (the RF active window when no one bought twice). Either way a light that
// contradicts P(alive) (green below kNeverGreenBelowPAlive, red above kNeverRedAbovePAlive) is amber.
RETENTION_ONCE ChurnRisk compute_churn_risk(const CustomerTable& customers, const ChurnRiskMultipliers& multipliers,
                             const RfThresholds& rf, std::vector<uint8_t>& lights,
                             const std::vector<double>& p_alive = {});

// Days from each repeat customer's first counted order to the second one, sorted.
std::vector<int32_t> first_to_second_order_gaps(const CustomerTable& customers);

}  // namespace retention
