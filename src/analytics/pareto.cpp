#include "analytics/pareto.hpp"

#include <algorithm>
#include <vector>

#include "model/blocks.hpp"
#include "model/radix_sort.hpp"

namespace retention {

Pareto compute_pareto(const CustomerTable& c) {
  std::vector<Money> sorted(c.monetary);
  radix_sort(sorted);
  const size_t n = sorted.size();
  std::vector<Money> lowest(n + 1, 0);  // [k]: monetary of the k lowest customers
  for_each_index(n, [&](size_t i) { lowest[i + 1] = lowest[i] + sorted[i]; });
  Pareto p;
  p.total = lowest[n];
  p.topCustomers = static_cast<int64_t>((n + 4) / 5);  // ceil(0.2 n)
  p.top = p.total - lowest[n - static_cast<size_t>(p.topCustomers)];
  for (size_t i = 0; i <= 100; ++i) p.lorenz[i] = lowest[i * n / 100];
  return p;
}

}  // namespace retention
