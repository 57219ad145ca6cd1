// Period performance by RF cell (SPEC 4): month-to-date and year-to-date against a year earlier.
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// Each span counts revenue (net of all orders in it, refunds included), counted orders and customers
// with a counted order, by the cell each customer was in at the span's end: `cells` (at asOf) for the
// current spans, the cell on the same day a year earlier for the previous ones.
RETENTION_ONCE Performance compute_performance(const CustomerTable& customers, const RfThresholds& rf, const std::vector<uint8_t>& cells);

}  // namespace retention
