#include "model/plausibility.hpp"

#include <algorithm>
#include <limits>
#include <vector>

#include "model/radix_sort.hpp"

namespace retention {

bool MoneyBudget::take(Money amount, Money line_amount) {
  constexpr Wide kLimit = std::numeric_limits<Money>::max();
  Wide amounts = amounts_ + (amount < 0 ? -static_cast<Wide>(amount) : amount);
  Wide lines = lines_ + (line_amount < 0 ? -static_cast<Wide>(line_amount) : line_amount);
  if (amounts > kLimit || lines > kLimit) return false;
  amounts_ = amounts;
  lines_ = lines;
  return true;
}

DefaultAsOf default_as_of(const OrderBook& orders) {
  const auto& net = orders.order_net();
  const auto& date = orders.order_date();
  std::vector<Date> counted;
  for (size_t o = 0; o < net.size(); ++o)
    if (net[o] > 0) counted.push_back(date[o]);
  DefaultAsOf out;
  if (counted.empty()) return out;
  radix_sort(counted);
  out.asOf = counted.back();
  const size_t n = counted.size();
  if (n < kMinOrdersForFarFuture) return out;
  constexpr Date kYear = 365;
  const size_t most = std::max<size_t>(1, n / 100);
  for (size_t k = n - most; k < n; ++k) {  // the earliest such gap sets the most aside
    if (counted[k] - counted[k - 1] > kYear) {
      out.asOf = counted[k - 1];
      out.farFutureOrders = static_cast<int64_t>(n - k);
      out.firstFarFuture = counted[k];
      break;
    }
  }
  return out;
}

}  // namespace retention
