// rows -> orders: rows sharing an order id are one order (SPEC 4), stored column by column,
// with the customer attributes and product lines that the analytics need.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/chunked_column.hpp"
#include "model/customer_keys.hpp"
#include "model/order_id_index.hpp"
#include "model/order_lines.hpp"
#include "model/short_text.hpp"
#include "model/string_interner.hpp"
#include "retention/report.hpp"

namespace retention {

class OrderBook {
 public:
  explicit OrderBook(size_t attribute_count = 0) : attributes_(attribute_count) {}

  // Adds one row and returns its order. Without an order id the row is an order of its own.
  // A row's date comes read both ways while the file's day/month order is open (see DateColumn).
  uint32_t add_row(std::string_view customer, std::string_view order_id, Date month_first, Date day_first,
                   Money amount);
  // The order of `order_id` if seen on an earlier row, else -1 (a later line item of that order).
  int64_t find_order(std::string_view order_id) const;
  // Adds `amount` to an order seen before (a line-item row without its own date).
  void add_to_order(uint32_t order, Money amount);

  // A customer without orders (a per-customer summary's row, issue 14); `added` false when listed before.
  // A book's customers come either from add_customer() or from orders, never from both.
  uint32_t add_customer(std::string_view customer, bool& added) { return customers_.intern(customer, added); }
  // Records a customer's value of attribute `a` (a summary's row); the first non-missing value wins.
  void set_attribute(uint32_t customer, size_t a, std::string_view value);

  // Inline, as the interning it calls: once a row.
  void add_line(uint32_t order, std::string_view product, Money amount) {
    bool added = false;
    lines_.add(order, products_.intern(product, added), amount);
  }
  // A row's value of attribute `a`, for the customer of `order` (the order the row was added to): a
  // customer's value is the first non-missing one in row order. Resolved by finish_reading().
  void set_order_attribute(uint32_t order, size_t a, std::string_view value);

  // Once every row is read: numbers the orders' customers (by first sight) and settles their
  // attributes; then no order id or customer id is looked up again (a tenth of the memory at 10M rows)
  // and the customers stay readable by number. Until then customer_count() and order_customer() are
  // not known.
  void finish_reading();

  size_t customer_count() const { return customers_.size() + order_customers_.size(); }
  std::string customer_id(uint32_t customer) const {
    return order_customers_.size() ? order_customers_[customer] : std::string(customers_[customer]);
  }
  size_t customer_id_length(uint32_t customer) const {
    return order_customers_.size() ? order_customers_.length(customer) : customers_[customer].size();
  }

  // Once the day/month order is known: keeps the order dates read that way.
  void settle_dates(bool day_first);
  // At the end of one of several files: the dates of its orders (from `first_order` on) as that
  // file's day/month order reads them; the next file decides its own.
  void settle_file_dates(size_t first_order, bool day_first);
  size_t order_count() const { return order_net_.size(); }
  // Issue 10, the date range: once read (finish_reading) and the dates settled, keeps only the orders
  // dated from `from` to `to` (inclusive) with their product lines. Counts the orders left out before and after the range.
  struct Outside {
    int64_t before = 0, after = 0;
  };
  Outside keep_dated_between(Date from, Date to);
  // Data quality: order ids shared by rows of different customers, rows merged into an order.
  int64_t orders_with_several_customers() const { return orders_with_several_customers_; }
  const std::vector<std::string>& shared_order_examples() const { return shared_order_examples_; }
  int64_t rows_merged() const { return rows_merged_; }
  int64_t orders_merged() const { return orders_merged_; }

  // Per order: the customer of its first row, the earliest row date, the net amount.
  const ChunkedColumn<uint32_t>& order_customer() const { return order_customer_; }
  // Hands the orders' customers over to their last reader (find_order_rows), which turns them into
  // customer rows in place.
  ChunkedColumn<uint32_t> take_order_customers() { return std::exchange(order_customer_, ChunkedColumn<uint32_t>()); }
  const ChunkedColumn<Date>& order_date() const { return order_date_; }
  // In 32 bits of thousandths while every order's fits (model/narrow_column.hpp).
  using Nets = OrderLines::Amounts;
  const Nets& order_net() const { return order_net_; }

  // Hands the product lines over to their reader (top products), which regroups them in place.
  OrderLines take_lines() { return std::exchange(lines_, OrderLines()); }
  std::string_view product_name(uint32_t product) const { return products_[product]; }
  size_t product_count() const { return products_.size(); }

  size_t attribute_count() const { return attributes_.size(); }
  // Value id of attribute `a` per customer (-1 = none), and the value behind an id.
  const std::vector<int32_t>& customer_attribute(size_t a) const { return attributes_[a].of_customer; }
  std::string_view attribute_value(size_t a, uint32_t value) const { return attributes_[a].values[value]; }
  size_t attribute_value_count(size_t a) const { return attributes_[a].values.size(); }

 private:
  struct Attribute {
    StringInterner values;
    std::vector<int32_t> of_customer;
    // While reading: per order, its value + 1 when set on the order's first row, kListed when set on a
    // later row or beyond the first 254 values (kept in `listed`), 0 while none. Only the first value
    // of an order can be its customer's.
    static constexpr uint8_t kListed = UINT8_MAX;
    ChunkedColumn<uint8_t> of_order;
    struct Listed {
      uint32_t order, value;
      uint32_t orders_added;  // orders added when the row was read: it came after that many first rows
    };
    std::vector<Listed> listed;  // in row order
  };

  uint32_t new_order(std::string_view customer, Date month_first, Date day_first, Money amount);
  void settle_attributes(Attribute& attribute);

  StringInterner customers_;         // added by add_customer()
  CustomerKeys order_customer_keys_;  // the orders' customers while reading ...
  CustomerNames order_customers_;     // ... and by number once finish_reading() numbered them
  uint32_t new_order_ = OrderIdIndex::kNone;  // the order the current row started, if any
  OrderIdIndex order_ids_;
  RecentText last_order_id_;  // the previous row's order id, its order and its customer
  uint32_t last_order_ = OrderIdIndex::kNone;
  RecentText last_customer_;
  ChunkedColumn<uint32_t> order_customer_;
  ChunkedColumn<Date> order_date_;
  ChunkedColumn<Date> order_date_day_first_;  // empty while equal to order_date_; dropped by settle_dates()
  ChunkedColumn<uint8_t> order_flags_;        // kMerged, kSharedCustomer
  int64_t orders_with_several_customers_ = 0;
  std::vector<std::string> shared_order_examples_;
  int64_t rows_merged_ = 0;
  int64_t orders_merged_ = 0;
  Nets order_net_;
  StringInterner products_;
  OrderLines lines_;
  std::vector<Attribute> attributes_;
};

}  // namespace retention
