#include "analytics/products.hpp"

#include <algorithm>
#include <tuple>

namespace retention {

namespace {

struct Entry {
  uint32_t product;
  uint32_t row;
  Money amount;
};

struct Candidate {
  uint32_t product;
  Money revenue;
  int64_t customers;
};

}  // namespace

TopProducts compute_top_products(const OrderBook& orders, const CustomerTable& c, const std::vector<uint8_t>& cells,
                                 const std::vector<uint8_t>& segments, size_t segment_count) {
  std::vector<Entry> entries;
  entries.reserve(orders.lines().size());
  for (const OrderLine& line : orders.lines()) {
    if (orders.order_date()[line.order] > c.asOf) continue;
    int32_t row = c.rowOf[orders.order_customer()[line.order]];
    if (row >= 0) entries.push_back({line.product, static_cast<uint32_t>(row), line.amount});
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return std::tie(a.product, a.row) < std::tie(b.product, b.row); });

  // Groups: the RF cells, then the segments. Per product, sums per group; then a bounded top list per group.
  const size_t groups = kRfCells + segment_count;
  std::vector<Money> revenue(groups, 0);
  std::vector<int64_t> buyers(groups, 0);
  std::vector<size_t> touched;
  std::vector<bool> is_touched(groups, false);
  std::vector<std::vector<Candidate>> top(groups);
  auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.revenue != b.revenue) return a.revenue > b.revenue;
    return orders.product_name(a.product) < orders.product_name(b.product);
  };
  auto add = [&](size_t g, Money amount) {
    if (!is_touched[g]) touched.push_back(g);
    is_touched[g] = true;
    revenue[g] += amount;
    buyers[g] += amount > 0;
  };
  for (size_t i = 0; i < entries.size();) {
    const uint32_t product = entries[i].product;
    for (; i < entries.size() && entries[i].product == product;) {
      const uint32_t row = entries[i].row;
      Money net = 0;
      for (; i < entries.size() && entries[i].product == product && entries[i].row == row; ++i) net += entries[i].amount;
      add(cells[row], net);
      add(kRfCells + segments[row], net);
    }
    for (size_t g : touched) {
      Candidate candidate{product, revenue[g], buyers[g]};
      revenue[g] = 0;
      buyers[g] = 0;
      is_touched[g] = false;
      if (candidate.revenue <= 0) continue;
      auto& list = top[g];
      list.insert(std::upper_bound(list.begin(), list.end(), candidate, better), candidate);
      if (list.size() > kTopProducts) list.pop_back();
    }
    touched.clear();
  }

  TopProducts out;
  out.available = true;
  out.bySegment.resize(segment_count);
  for (size_t g = 0; g < groups; ++g) {
    auto& list = g < kRfCells ? out.byRfCell[g] : out.bySegment[g - kRfCells];
    for (const Candidate& cand : top[g])
      list.push_back({std::string(orders.product_name(cand.product)), cand.revenue, cand.customers});
  }
  return out;
}

}  // namespace retention
