// How concentrated revenue is (SPEC 4): the top 20% of customers' share and the Lorenz curve.
#pragma once

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

RETENTION_ONCE Pareto compute_pareto(const CustomerTable& customers);

}  // namespace retention
