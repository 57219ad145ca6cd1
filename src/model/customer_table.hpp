// orders -> customers: one compact row per customer with at least one counted order (SPEC 4).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/blocks.hpp"
#include "model/narrow_column.hpp"
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

  // Every order of row i up to asOf, refunds included, by date: [orderStart[i], orderStart[i + 1])
  // in orderDate and orderNet. An order counts when its net is > 0 (SPEC 4).
  std::vector<uint32_t> orderStart;
  std::vector<Date> orderDate;
  NarrowArray<int32_t, Money, kMoneyScale / 1000> orderNet;  // narrow when the order book's is
  // OrderBook customer -> row, -1 for customers left out (no counted order).
  std::vector<int32_t> rowOf;
  // OrderBook order -> its customer's row, kNoRow for an order after asOf or of a customer left out
  // (find_order_rows): looked up once, so that grouping orders and lines by row reads it in order.
  static constexpr uint32_t kNoRow = UINT32_MAX;
  ChunkedColumn<uint32_t> orderRow;

  int64_t customersWithoutOrders = 0;  // had orders up to asOf, none of them counted
  int64_t ordersAfterAsOf = 0;
  int64_t countedOrders = 0;

  size_t size() const { return customer.size(); }
  // Frees the figures per customer until sum_customer_orders() makes them again from the orders.
  void free_figures() {
    frequency = std::vector<int32_t>();  // not `= {}`, which keeps the capacity
    monetary = std::vector<Money>();
    firstOrder = std::vector<Date>();
    lastOrder = std::vector<Date>();
    recencyDays = std::vector<int32_t>();
  }
  static bool counts(Money net) { return net > 0; }
};

// asOf defaults to the date of the latest counted order. Fails when no order counts.
Error build_customer_table(const OrderBook& orders, std::optional<Date> asOf, CustomerTable& out);

// build_customer_table in two steps, so that what needs only the figures per customer can run (and
// free its scratch) before the per-order copies exist, while the order book is still held (issue 11):
// first every column but the orders' (orderStart tells where each row's orders will start; orderDate
// and orderNet stay empty) ...
RETENTION_ONCE Error build_customer_rows(const OrderBook& orders, std::optional<Date> asOf, CustomerTable& out);
// ... then each order's row (orderRow), made in place from `order_customer`: the book's column,
// copied, or taken from it by its last reader (OrderBook::take_order_customers) ...
RETENTION_ONCE void find_order_rows(const OrderBook& orders, ChunkedColumn<uint32_t> order_customer, CustomerTable& out);
// ... then each row's orders up to asOf, by date.
RETENTION_ONCE void index_customer_orders(const OrderBook& orders, CustomerTable& out);
// The figures per customer (frequency, monetary, first and last order, recency) made again from each
// row's orders, the same values as build_customer_rows() gives: so that a caller may free them
// (free_figures) rather than hold them beside both the order book and the copied orders.
RETENTION_ONCE void sum_customer_orders(CustomerTable& out);

}  // namespace retention
