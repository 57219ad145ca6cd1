#include "model/order_book.hpp"

#include <algorithm>

namespace retention {

uint32_t OrderBook::customer_index(std::string_view customer) {
  bool added = false;
  return customers_.intern(customer, added);
}

uint32_t OrderBook::new_order(uint32_t customer, Date date, Money amount) {
  auto index = static_cast<uint32_t>(order_customer_.size());
  order_customer_.push_back(customer);
  order_date_.push_back(date);
  order_net_.push_back(amount);
  return index;
}

uint32_t OrderBook::add_row(std::string_view customer, Date date, Money amount) {
  return new_order(customer_index(customer), date, amount);
}

uint32_t OrderBook::add_row(std::string_view customer, std::string_view order_id, Date date, Money amount) {
  bool added = false;
  uint32_t key = order_ids_.intern(order_id, added);
  if (added) {
    uint32_t order = new_order(customer_index(customer), date, amount);
    order_of_key_.push_back(order);
    return order;
  }
  uint32_t order = order_of_key_[key];
  order_date_[order] = std::min(order_date_[order], date);  // SPEC 4: the earliest row date
  order_net_[order] += amount;
  return order;
}

int64_t OrderBook::find_order(std::string_view order_id) const {
  int64_t key = order_ids_.find(order_id);
  return key < 0 ? -1 : static_cast<int64_t>(order_of_key_[static_cast<size_t>(key)]);
}

void OrderBook::add_to_order(uint32_t order, Money amount) { order_net_[order] += amount; }

void OrderBook::add_line(uint32_t order, std::string_view product, Money amount) {
  bool added = false;
  lines_.push_back({order, products_.intern(product, added), amount});
}

void OrderBook::set_attribute(uint32_t customer, size_t a, std::string_view value) {
  Attribute& attribute = attributes_[a];
  if (attribute.of_customer.size() <= customer) attribute.of_customer.resize(customers_.size(), -1);
  if (attribute.of_customer[customer] >= 0) return;
  bool added = false;
  attribute.of_customer[customer] = static_cast<int32_t>(attribute.values.intern(value, added));
}

}  // namespace retention
