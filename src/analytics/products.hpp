// Top products by segment (SPEC 4): the 5 products with the most revenue per RF cell and per RFM segment.
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "model/order_book.hpp"
#include "retention/report.hpp"

namespace retention {

constexpr size_t kTopProducts = 5;

// Revenue = net of the product's lines in orders up to asOf; customers = those whose net on it is > 0.
// Products with no positive revenue in a group are not listed; ties go to the product name, ascending.
// Takes the book's product lines (regrouped in place, issue 11): the last step to read them. Reads
// each line's row from the table's orderRow (find_order_rows).
RETENTION_ONCE TopProducts compute_top_products(OrderBook& orders, const CustomerTable& customers,
                                 const std::vector<uint8_t>& cells, const std::vector<uint8_t>& segments,
                                 size_t segment_count);

}  // namespace retention
