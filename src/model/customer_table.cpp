#include "model/customer_table.hpp"

#include <algorithm>
#include <limits>

namespace retention {

Error build_customer_table(const OrderBook& orders, std::optional<Date> asOf, CustomerTable& out) {
  out = CustomerTable{};
  const auto& order_customer = orders.order_customer();
  const auto& order_date = orders.order_date();
  const auto& order_net = orders.order_net();

  if (!asOf) {
    std::optional<Date> latest;
    for (size_t o = 0; o < order_net.size(); ++o)
      if (order_net[o] > 0 && (!latest || order_date[o] > *latest)) latest = order_date[o];
    if (!latest) return {ErrorCode::no_orders, "no order has a positive amount, so there is nothing to analyse", 0};
    asOf = latest;
  }
  out.asOf = *asOf;

  const size_t n = orders.customer_count();
  std::vector<int32_t> frequency(n, 0);
  std::vector<Money> monetary(n, 0);
  std::vector<Date> first(n, std::numeric_limits<Date>::max()), last(n, std::numeric_limits<Date>::min());
  std::vector<bool> has_order(n, false);
  for (size_t o = 0; o < order_net.size(); ++o) {
    if (order_date[o] > out.asOf) {  // SPEC 4: orders after asOf are ignored
      ++out.ordersAfterAsOf;
      continue;
    }
    uint32_t c = order_customer[o];
    has_order[c] = true;
    monetary[c] += order_net[o];
    if (order_net[o] > 0) {  // SPEC 4: only a positive net amount counts as an order
      ++frequency[c];
      first[c] = std::min(first[c], order_date[o]);
      last[c] = std::max(last[c], order_date[o]);
    }
  }

  for (size_t c = 0; c < n; ++c) {
    if (frequency[c] == 0) {
      out.customersWithoutOrders += has_order[c];
      continue;
    }
    out.customer.push_back(static_cast<uint32_t>(c));
    out.frequency.push_back(frequency[c]);
    out.monetary.push_back(monetary[c]);
    out.firstOrder.push_back(first[c]);
    out.lastOrder.push_back(last[c]);
    out.recencyDays.push_back(out.asOf - last[c]);
    out.countedOrders += frequency[c];
  }
  if (out.customer.empty())
    return {ErrorCode::no_orders, "no customer has an order with a positive amount on or before " +
                                      format_date(out.asOf), 0};
  return {};
}

}  // namespace retention
