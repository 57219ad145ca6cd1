// Segment migration (SPEC 4): each customer's RF cell a year before asOf versus at asOf.
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// `cells` holds each customer's cell at asOf. A customer with no counted order on or before
// asOf - 365 days starts in `new`.
RETENTION_ONCE Migration compute_migration(const CustomerTable& customers, const RfThresholds& rf, const std::vector<uint8_t>& cells);

}  // namespace retention
