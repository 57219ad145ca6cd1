#include "model/customer_table.hpp"

#include <algorithm>
#include <limits>

namespace retention {

namespace {

// Groups the orders up to asOf by row (a counting sort, file order kept), then by date within a row.
void index_orders(const OrderBook& orders, CustomerTable& out) {
  const auto& order_customer = orders.order_customer();
  const auto& order_date = orders.order_date();
  out.rowOf.assign(orders.customer_count(), -1);
  for (size_t row = 0; row < out.size(); ++row) out.rowOf[out.customer[row]] = static_cast<int32_t>(row);

  auto row_of_order = [&](size_t o) { return order_date[o] > out.asOf ? -1 : out.rowOf[order_customer[o]]; };
  out.orderStart.assign(out.size() + 1, 0);
  for (size_t o = 0; o < order_customer.size(); ++o)
    if (int32_t row = row_of_order(o); row >= 0) ++out.orderStart[static_cast<size_t>(row) + 1];
  for (size_t row = 0; row < out.size(); ++row) out.orderStart[row + 1] += out.orderStart[row];
  std::vector<uint32_t> next(out.orderStart.begin(), out.orderStart.end() - 1);
  std::vector<uint32_t> sorted(out.orderStart.back());
  for (size_t o = 0; o < order_customer.size(); ++o)
    if (int32_t row = row_of_order(o); row >= 0) sorted[next[static_cast<size_t>(row)]++] = static_cast<uint32_t>(o);
  auto earlier = [&](uint32_t a, uint32_t b) { return order_date[a] < order_date[b]; };
  for (size_t row = 0; row < out.size(); ++row) {
    const auto begin = sorted.begin() + out.orderStart[row], end = sorted.begin() + out.orderStart[row + 1];
    // Most customers have a few orders: an insertion sort (stable, no buffer) instead of a
    // stable_sort that allocates its buffer for each of millions of customers.
    if (end - begin > 32) {
      std::stable_sort(begin, end, earlier);
      continue;
    }
    for (auto i = begin + (begin != end); i < end; ++i)
      for (auto j = i; j > begin && earlier(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
  }
  out.orderDate.resize(sorted.size());
  out.orderNet.resize(sorted.size());
  for (size_t k = 0; k < sorted.size(); ++k) {
    out.orderDate[k] = order_date[sorted[k]];
    out.orderNet[k] = orders.order_net()[sorted[k]];
  }
}

}  // namespace

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
  index_orders(orders, out);
  return {};
}

}  // namespace retention
