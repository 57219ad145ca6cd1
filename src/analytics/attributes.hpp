// Attribute profile (SPEC 4): customers, revenue and the RFM segment mix per value of each attribute column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "model/order_book.hpp"
#include "retention/report.hpp"

namespace retention {

// `names` are the attribute columns' headers, in the OrderBook's attribute order. Values are listed
// by customers (most first, then by name), at most kMaxAttributeValues of them.
RETENTION_ONCE std::vector<AttributeProfile> compute_attributes(const OrderBook& orders, const std::vector<std::string>& names,
                                                 const CustomerTable& customers, const std::vector<uint8_t>& segments,
                                                 size_t segment_count);

}  // namespace retention
