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

TopProducts compute_top_products(OrderBook& orders, const CustomerTable& c, const std::vector<uint8_t>& cells,
                                 const std::vector<uint8_t>& segments, size_t segment_count) {
  // The lines are the largest column (issue 11): they are taken from the book and regrouped in place.
  // One pass puts each line's customer row where its order was (kNoRow: not counted, a customer
  // without counted orders or an order after asOf); an in-place counting sort then groups them by
  // product, the uncounted lines last. Every later read is sequential but for the per-row scratch.
  ChunkedColumn<OrderLine> lines = orders.take_lines();
  constexpr uint32_t kNoRow = CustomerTable::kNoRow;
  uint32_t products = 0;
  for (size_t i = 0; i < lines.size(); ++i) products = std::max(products, lines[i].product + 1);
  const uint32_t uncounted = products;  // the bucket of the lines left out
  std::vector<size_t> count(size_t{products} + 1, 0);
  for (size_t i = 0; i < lines.size(); ++i) {
    OrderLine& line = lines[i];
    line.order = c.orderRow[line.order];
    ++count[line.order == kNoRow ? uncounted : line.product];
  }
  std::vector<size_t> next(count.size()), bucket_end(count.size());
  for (size_t b = 0, sum = 0; b < count.size(); ++b) {
    next[b] = sum;
    bucket_end[b] = sum += count[b];
  }
  auto bucket_of = [&](const OrderLine& line) { return line.order == kNoRow ? uncounted : line.product; };
  for (size_t b = 0; b < bucket_end.size(); ++b) {
    while (next[b] < bucket_end[b]) {
      const size_t to = bucket_of(lines[next[b]]);
      if (to == b) {
        ++next[b];
      } else {
        std::swap(lines[next[b]], lines[next[to]++]);
      }
    }
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
    for (size_t k = product == 0 ? 0 : bucket_end[product - 1]; k < bucket_end[product]; ++k) {
      const OrderLine& line = lines[k];
      const uint32_t row = line.order;
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
