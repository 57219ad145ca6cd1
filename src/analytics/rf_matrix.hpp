// The 3x3 recency x frequency matrix (SPEC 4).
#pragma once

#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// 0 active, 1 churning, 2 lapsed.
int recency_band(int32_t recency_days, const RfThresholds& t);
// 0 single, 1 multi, 2 highValue.
int frequency_band(int32_t frequency, const RfThresholds& t);

RfMatrix compute_rf_matrix(const CustomerTable& customers, const RfThresholds& thresholds);

}  // namespace retention
