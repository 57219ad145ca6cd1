// Do customers come back (SPEC 4): retention by month, quarter and year, repeat rates, purchase gaps.
#pragma once

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

RETENTION_ONCE Retention compute_retention(const CustomerTable& customers);
// Retention::withAtLeast alone: what the repeat rates need, from the order counts (also of a summary).
std::array<int64_t, 11> customers_with_at_least(const CustomerTable& customers);

}  // namespace retention
