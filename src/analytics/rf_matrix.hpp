// The 3x3 recency x frequency matrix (SPEC 4).
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// 0 active, 1 churning, 2 lapsed.
int recency_band(int32_t recency_days, const RfThresholds& t);
// 0 single, 1 multi, 2 highValue.
int frequency_band(int32_t frequency, const RfThresholds& t);

RETENTION_ONCE RfMatrix compute_rf_matrix(const CustomerTable& customers, const RfThresholds& thresholds);

// Each customer's cell at asOf (recency band x 3 + frequency band).
RETENTION_ONCE std::vector<uint8_t> rf_cells(const CustomerTable& customers, const RfThresholds& thresholds);
// Row `row`'s cell as it was on day `at`, from its counted orders up to then; -1 when it had none.
int rf_cell_at(const CustomerTable& customers, size_t row, Date at, const RfThresholds& thresholds);

}  // namespace retention
