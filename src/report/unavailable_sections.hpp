// Issue 14: the report sections a per-customer summary cannot give (they need order-level rows), by
// their report keys, each with why in the merchant's words.
#pragma once

#include <vector>

#include "retention/report.hpp"

namespace retention {

std::vector<UnavailableSection> sections_without_order_rows(const Options& options, const ChurnRisk& churn_risk);

}  // namespace retention
