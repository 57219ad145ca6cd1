// Monthly acquisition cohorts (SPEC 4): who of each month's new customers buys again k months later.
#pragma once

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

RETENTION_ONCE Cohorts compute_cohorts(const CustomerTable& customers);

}  // namespace retention
