#include "model/order_book.hpp"

#include <algorithm>

#include "model/blocks.hpp"

namespace retention {

namespace {
constexpr uint8_t kMerged = 1;
constexpr uint8_t kSharedCustomer = 2;
constexpr size_t kMaxExamples = 5;
}  // namespace

uint32_t OrderBook::new_order(std::string_view customer, Date month_first, Date day_first, Money amount) {
  auto index = static_cast<uint32_t>(order_net_.size());
  order_customer_keys_.add(customer);
  for (Attribute& attribute : attributes_) attribute.of_order.push_back(0);
  new_order_ = index;
  order_date_.push_back(month_first);
  // The day-first column exists only once some date reads differently that way (03/04/2024).
  if (!order_date_day_first_.empty()) {
    order_date_day_first_.push_back(day_first);
  } else if (day_first != month_first) {
    order_date_day_first_ = order_date_;
    order_date_day_first_.back() = day_first;
  }
  order_net_.push_back(amount);
  order_flags_.push_back(0);
  return index;
}

uint32_t OrderBook::add_row(std::string_view customer, std::string_view order_id, Date month_first, Date day_first,
                            Money amount) {
  new_order_ = OrderIdIndex::kNone;
  if (order_id.empty()) return new_order(customer, month_first, day_first, amount);
  // Line items of one order come one after another: the previous row's id needs no lookup.
  const bool same_id = last_order_id_ == order_id, same_customer = last_customer_ == customer;
  OrderIdIndex::Lookup lookup;
  uint32_t order = same_id ? last_order_ : order_ids_.find(order_id, lookup);
  if (!same_id) last_order_id_.assign(order_id);
  // The previous row of this order with this customer was checked already: skip its random reads.
  const bool checked_before = order == last_order_ && same_customer;
  if (!same_customer) last_customer_.assign(customer);
  if (order == OrderIdIndex::kNone) {
    order = new_order(customer, month_first, day_first, amount);
    order_ids_.add(order_id, lookup, order);
    last_order_ = order;
    return order;
  }
  last_order_ = order;
  // SPEC 4: the order's date is its earliest row date, its net amount the sum of its rows.
  if (order_date_day_first_.empty() && day_first != month_first) order_date_day_first_ = order_date_;
  order_date_[order] = std::min(order_date_[order], month_first);
  if (!order_date_day_first_.empty())
    order_date_day_first_[order] = std::min(order_date_day_first_[order], day_first);
  order_net_.set(order, order_net_[order] + amount);
  ++rows_merged_;
  if (!(order_flags_[order] & kMerged)) {
    order_flags_[order] |= kMerged;
    ++orders_merged_;
  }
  if (!checked_before && !(order_flags_[order] & kSharedCustomer) && !order_customer_keys_.is(order, customer)) {
    order_flags_[order] |= kSharedCustomer;
    ++orders_with_several_customers_;
    if (shared_order_examples_.size() < kMaxExamples) shared_order_examples_.emplace_back(order_id);
  }
  return order;
}

void OrderBook::settle_dates(bool day_first) {
  if (day_first && !order_date_day_first_.empty()) std::swap(order_date_, order_date_day_first_);
  order_date_day_first_.clear();
  order_flags_.clear();
}

void OrderBook::settle_file_dates(size_t first_order, bool day_first) {
  if (day_first && !order_date_day_first_.empty())
    for (size_t o = first_order; o < order_date_.size(); ++o) order_date_[o] = order_date_day_first_[o];
  // Settled: read either way, every order so far has the date kept (new_order copies it when needed).
  order_date_day_first_.clear();
}

int64_t OrderBook::find_order(std::string_view order_id) const {
  const uint32_t order = order_ids_.find(order_id);
  return order == OrderIdIndex::kNone ? -1 : static_cast<int64_t>(order);
}

OrderBook::Outside OrderBook::keep_dated_between(Date from, Date to) {
  Outside outside;
  std::vector<uint32_t> moved_to(order_date_.size(), OrderIdIndex::kNone);
  uint32_t kept = 0;
  for (size_t o = 0; o < order_date_.size(); ++o) {
    if (order_date_[o] < from) ++outside.before;
    else if (order_date_[o] > to) ++outside.after;
    else {
      order_customer_[kept] = order_customer_[o];
      order_date_[kept] = order_date_[o];
      order_net_.set(kept, order_net_[o]);
      moved_to[o] = kept++;
    }
  }
  order_customer_.truncate(kept);
  order_date_.truncate(kept);
  order_net_.truncate(kept);
  lines_.keep_orders(moved_to, OrderIdIndex::kNone);
  return outside;
}

void OrderBook::add_to_order(uint32_t order, Money amount) {
  new_order_ = OrderIdIndex::kNone;
  order_net_.set(order, order_net_[order] + amount);
}

void OrderBook::set_attribute(uint32_t customer, size_t a, std::string_view value) {
  Attribute& attribute = attributes_[a];
  if (attribute.of_customer.size() <= customer) attribute.of_customer.resize(customers_.size(), -1);
  if (attribute.of_customer[customer] >= 0) return;
  bool added = false;
  attribute.of_customer[customer] = static_cast<int32_t>(attribute.values.intern(value, added));
}

void OrderBook::set_order_attribute(uint32_t order, size_t a, std::string_view value) {
  Attribute& attribute = attributes_[a];
  uint8_t& of_order = attribute.of_order[order];
  if (of_order) return;  // this order's customer had a value by then
  bool added = false;
  const uint32_t id = attribute.values.intern(value, added);
  if (order == new_order_ && id + 1 < Attribute::kListed) {
    of_order = static_cast<uint8_t>(id + 1);
  } else {
    of_order = Attribute::kListed;
    attribute.listed.push_back({order, id, static_cast<uint32_t>(order_net_.size())});
  }
}

void OrderBook::finish_reading() {
  order_ids_ = OrderIdIndex();
  last_order_id_ = RecentText();
  last_customer_ = RecentText();
  if (order_customer_keys_.size()) order_customer_ = order_customer_keys_.resolve(order_customers_);
  for (Attribute& attribute : attributes_) settle_attributes(attribute);
}

// Replays the orders' first values in row order: a value set on an order's first row came right as
// the order was added, before any value listed while it was the latest order.
void OrderBook::settle_attributes(Attribute& attribute) {
  if (attribute.of_order.empty()) return;
  attribute.of_customer.assign(order_customers_.size(), -1);
  // Which customers have their value, a bit each: most orders are of a customer who has one by then,
  // and a look in these bits (250 kB at 2M customers, in cache) replaces a cache miss in of_customer
  // (8 MB) for each (issue 11).
  std::vector<bool> has_value(order_customers_.size());
  auto set = [&](uint32_t order, uint32_t value) {
    const uint32_t customer = order_customer_[order];
    if (has_value[customer]) return;
    has_value[customer] = true;
    attribute.of_customer[customer] = static_cast<int32_t>(value);
  };
  size_t next = 0;
  for_each_index(attribute.of_order.size(), [&](size_t order) {
    const uint8_t of_order = attribute.of_order[order];
    if (of_order && of_order != Attribute::kListed) set(static_cast<uint32_t>(order), of_order - 1u);
    for (; next < attribute.listed.size() && attribute.listed[next].orders_added == order + 1; ++next)
      set(attribute.listed[next].order, attribute.listed[next].value);
  });
  attribute.of_order = ChunkedColumn<uint8_t>();
  attribute.listed = std::vector<Attribute::Listed>();
}

}  // namespace retention
