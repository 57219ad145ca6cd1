#include "model/plausibility.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/blocks.hpp"
#include "model/radix_sort.hpp"
#include "model/select.hpp"

namespace retention {

DefaultAsOf default_as_of(const OrderBook& orders) {
  const auto& net = orders.order_net();
  const auto& date = orders.order_date();
  auto each_counted = [&](auto f) {
    for_each_index(net.size(), [&](size_t o) { if (net[o] > 0) f(date[o]); });
  };
  size_t n = 0;
  Date earliest = 0, latest = 0;
  each_counted([&](Date d) {
    earliest = n ? std::min(earliest, d) : d;
    latest = n++ ? std::max(latest, d) : d;
  });
  DefaultAsOf out;
  if (n == 0) return out;
  out.asOf = latest;
  if (n < kMinOrdersForFarFuture) return out;
  // The latest `most` counted dates and the one before them, in order: selected, not a sort of all.
  const size_t most = std::max<size_t>(1, n / 100);
  const Date start = smallest_at_ranks<Date>(each_counted, earliest, latest, {n - most - 1})[0];
  std::vector<Date> latest_dates;
  each_counted([&](Date d) {
    if (d > start) latest_dates.push_back(d);
  });
  radix_sort(latest_dates);
  latest_dates.insert(latest_dates.begin(), most + 1 - latest_dates.size(), start);
  constexpr Date kYear = 365;
  for (size_t k = 1; k <= most; ++k) {  // the earliest such gap sets the most aside
    if (latest_dates[k] - latest_dates[k - 1] > kYear) {
      out.asOf = latest_dates[k - 1];
      out.farFutureOrders = static_cast<int64_t>(most + 1 - k);
      out.firstFarFuture = latest_dates[k];
      break;
    }
  }
  return out;
}

}  // namespace retention
