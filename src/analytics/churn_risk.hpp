// The churn-risk traffic light (SPEC 4): how overdue each customer's next order is.
#pragma once

#include <cstdint>
#include <vector>

#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// Expected gap = the customer's own mean gap with 2+ orders, else the overall median gap (the RF
// active window when no customer bought twice). Fills `lights` (one Light per customer).
// `p_alive` (per customer row, may be empty) is used when the multipliers ask for it.
ChurnRisk compute_churn_risk(const CustomerTable& customers, const GapStats& gaps, const ChurnRiskMultipliers& multipliers,
                             const RfThresholds& rf, std::vector<uint8_t>& lights,
                             const std::vector<double>& p_alive = {});

}  // namespace retention
