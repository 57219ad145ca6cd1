#include "analytics/products.hpp"

#include <algorithm>

namespace retention {

namespace {

struct Candidate {
  uint32_t product;
  Money revenue;
  int64_t customers;
};

}  // namespace

TopProducts compute_top_products(const OrderBook& orders, const CustomerTable& c, const std::vector<uint8_t>& cells,
                                 const std::vector<uint8_t>& segments, size_t segment_count) {
  // The lines up to asOf grouped by product with a counting sort (linear: product ids are dense). A
  // line's customer row is looked up again where needed rather than held per line (issue 11: the
  // lines are the largest column); a line of a customer without counted orders has none (-1).
  const ChunkedColumn<OrderLine>& lines = orders.lines();
  auto row_of = [&](const OrderLine& line) {
    return orders.order_date()[line.order] > c.asOf ? -1 : c.rowOf[orders.order_customer()[line.order]];
  };
  std::vector<uint32_t> product_start;
  for (size_t i = 0; i < lines.size(); ++i) {
    const OrderLine& line = lines[i];
    if (line.product + size_t{2} > product_start.size()) product_start.resize(line.product + size_t{2}, 0);
    if (row_of(line) >= 0) ++product_start[line.product + 1];
  }
  const auto products = static_cast<uint32_t>(product_start.empty() ? 0 : product_start.size() - 1);
  if (product_start.empty()) product_start.push_back(0);
  for (uint32_t p = 0; p < products; ++p) product_start[p + 1] += product_start[p];
  std::vector<uint32_t> by_product(product_start.back());
  {
    std::vector<uint32_t> next(product_start.begin(), product_start.end() - 1);
    for (size_t i = 0; i < lines.size(); ++i)
      if (row_of(lines[i]) >= 0) by_product[next[lines[i].product]++] = static_cast<uint32_t>(i);
  }

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
  // Per product, the net per customer row (summed in a scratch column), then per group.
  std::vector<Money> row_net(c.size(), 0);
  std::vector<uint32_t> rows_touched;
  std::vector<bool> row_touched(c.size(), false);
  for (uint32_t product = 0; product < products; ++product) {
    for (uint32_t k = product_start[product]; k < product_start[product + 1]; ++k) {
      const OrderLine& line = lines[by_product[k]];
      const auto row = static_cast<uint32_t>(row_of(line));
      if (!row_touched[row]) rows_touched.push_back(row);
      row_touched[row] = true;
      row_net[row] += line.amount;
    }
    for (uint32_t row : rows_touched) {
      add(cells[row], row_net[row]);
      add(kRfCells + segments[row], row_net[row]);
      row_net[row] = 0;
      row_touched[row] = false;
    }
    rows_touched.clear();
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
