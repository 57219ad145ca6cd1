// Do customers come back (SPEC 4): retention by month, quarter and year, repeat rates, purchase gaps.
#pragma once

#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

Retention compute_retention(const CustomerTable& customers);

}  // namespace retention
