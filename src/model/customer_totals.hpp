// A per-customer summary's rows -> the customer table (issue 14): what the analyses read, without
// order-level rows. Customer ids and attributes are kept in an OrderBook with no orders, so the
// attribute profile and the per-customer results read them as for an order file.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ingest/summary_mapper.hpp"
#include "model/customer_table.hpp"
#include "model/order_book.hpp"

namespace retention {

// What the buy-till-you-die summary needs beyond the customer table, per table row. Without the
// columns in the file: order days = orders, counted revenue = revenue, repeat revenue unknown.
struct CustomerTotalsColumns {
  bool hasOrderDays = false, hasCountedRevenue = false, hasRepeatRevenue = false;
  std::vector<int32_t> orderDays;
  std::vector<Money> countedRevenue, repeatRevenue;
};

class CustomerTotals {
 public:
  explicit CustomerTotals(size_t attribute_count = 0) : book_(attribute_count) {}

  // False when the customer was listed before; `earlier_line` says where.
  bool add(const SummaryRow& row, int64_t line, int64_t& earlier_line, uint32_t& customer);
  OrderBook& book() { return book_; }
  const OrderBook& book() const { return book_; }

  // A row found unusable once the dates are settled: its line, the role at fault, why. False stops
  // the run (strict mode).
  using Reject = std::function<bool(int64_t line, SummaryRole role, std::string message)>;

  // Settles the dates (day-first or not), checks each row against its dates and asOf (default: the
  // latest last order), and fills the table: frequency = orders, monetary = revenue, no order rows.
  // `stopped` is set when `reject` asked to stop.
  Error build(bool day_first, std::optional<Date> asOf, const Reject& reject, CustomerTable& table,
              CustomerTotalsColumns& columns, bool& stopped) const;

 private:
  struct Entry {
    uint32_t customer = 0;
    int64_t line = 0;
    SummaryRow row;  // its customer view is dropped: the id lives in book_
  };
  OrderBook book_;
  std::vector<Entry> entries_;
  std::vector<int64_t> line_of_customer_;
  bool has_order_days_ = false, has_counted_ = false, has_repeat_ = false;
};

}  // namespace retention
