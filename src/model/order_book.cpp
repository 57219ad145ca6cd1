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

void OrderBook::add_row(std::string_view customer, Date date, Money amount) {
  new_order(customer_index(customer), date, amount);
}

void OrderBook::add_row(std::string_view customer, std::string_view order_id, Date date, Money amount) {
  bool added = false;
  uint32_t key = order_ids_.intern(order_id, added);
  if (added) {
    order_of_key_.push_back(new_order(customer_index(customer), date, amount));
    return;
  }
  uint32_t order = order_of_key_[key];
  order_date_[order] = std::min(order_date_[order], date);  // SPEC 4: the earliest row date
  order_net_[order] += amount;
}

bool OrderBook::has_order(std::string_view order_id) const { return order_ids_.find(order_id) >= 0; }

void OrderBook::add_to_order(std::string_view order_id, Money amount) {
  int64_t key = order_ids_.find(order_id);
  if (key >= 0) order_net_[order_of_key_[static_cast<size_t>(key)]] += amount;
}

}  // namespace retention
