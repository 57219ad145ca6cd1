// orders -> customers: one compact row per customer with at least one counted order (SPEC 4).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/order_book.hpp"
#include "retention/report.hpp"

namespace retention {

struct CustomerTable {
  Date asOf = 0;
  std::vector<uint32_t> customer;  // index into the OrderBook's customer ids
  std::vector<int32_t> frequency;  // counted orders up to asOf
  std::vector<Money> monetary;     // net of all orders up to asOf, refunds included
  std::vector<Date> firstOrder, lastOrder;
  std::vector<int32_t> recencyDays;

  int64_t customersWithoutOrders = 0;  // had orders up to asOf, none of them counted
  int64_t ordersAfterAsOf = 0;
  int64_t countedOrders = 0;

  size_t size() const { return customer.size(); }
};

// asOf defaults to the date of the latest counted order. Fails when no order counts.
Error build_customer_table(const OrderBook& orders, std::optional<Date> asOf, CustomerTable& out);

}  // namespace retention
