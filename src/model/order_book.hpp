// rows -> orders: rows sharing an order id are one order (SPEC 4), stored column by column.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/string_interner.hpp"
#include "retention/report.hpp"

namespace retention {

class OrderBook {
 public:
  // Adds one row. Without an order id the row is an order of its own.
  void add_row(std::string_view customer, Date date, Money amount);
  void add_row(std::string_view customer, std::string_view order_id, Date date, Money amount);
  // True when `order_id` was seen on an earlier row (a later line item of that order).
  bool has_order(std::string_view order_id) const;
  // Adds `amount` to an order seen before (a line-item row without its own date).
  void add_to_order(std::string_view order_id, Money amount);

  size_t order_count() const { return order_customer_.size(); }
  size_t customer_count() const { return customers_.size(); }
  std::string_view customer_id(uint32_t customer) const { return customers_[customer]; }

  // Per order: the customer of its first row, the earliest row date, the net amount.
  const std::vector<uint32_t>& order_customer() const { return order_customer_; }
  const std::vector<Date>& order_date() const { return order_date_; }
  const std::vector<Money>& order_net() const { return order_net_; }

 private:
  uint32_t customer_index(std::string_view customer);
  uint32_t new_order(uint32_t customer, Date date, Money amount);

  StringInterner customers_;
  StringInterner order_ids_;
  std::vector<uint32_t> order_of_key_;  // order id (interned) -> order index
  std::vector<uint32_t> order_customer_;
  std::vector<Date> order_date_;
  std::vector<Money> order_net_;
};

}  // namespace retention
