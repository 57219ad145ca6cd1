#include "analytics/products.hpp"

#include <algorithm>
#include <tuple>
#include <type_traits>
#include <utility>

#include "model/blocks.hpp"
#include "model/radix_sort.hpp"

namespace retention {

namespace {

// Products with at least this many lines are sorted by row with a radix sort.
constexpr size_t kRadixFrom = 1024;

struct Candidate {
  uint32_t product;
  Money revenue;
  int64_t customers;
};

// The top lists from the lines' customer rows, products and amounts (columns of any width), which it
// regroups by product in place.
template <class Products, class Amounts, class AmountOf>
TopProducts top_products(const OrderBook& orders, ChunkedColumn<uint32_t>& row_of, Products& product_of,
                         Amounts& amount_stored, AmountOf amount_of, const std::vector<uint8_t>& cells,
                         const std::vector<uint8_t>& segments, size_t segment_count) {
  constexpr uint32_t kNoRow = CustomerTable::kNoRow;
  const auto products = static_cast<uint32_t>(orders.product_count());
  const uint32_t uncounted = products;  // the bucket of the lines left out
  const size_t buckets = size_t{products} + 1, n = row_of.size();
  auto bucket_of = [&](size_t i) -> size_t { return row_of[i] == kNoRow ? uncounted : product_of[i]; };
  // The lines grouped by product: the lines of a product are then one range in each chunk of
  // kChunk lines, or one range in all. A chunk is grouped through a buffer of its own size, in cache,
  // and written back (rows and amounts: the products are not read again). Grouping all lines in place
  // instead followed each line to its bucket anywhere in the columns, a cache miss a line: 5% of a 10M-
  // row run natively (issue 11). Chunks while their ranges take at most a byte a line or 256 KB
  // (catalogues of up to 16,383 products); larger catalogues are grouped in place, as one chunk.
  constexpr size_t kChunk = size_t{1} << 16;
  const bool chunked = (n + kChunk - 1) / kChunk * (buckets + 1) * sizeof(uint32_t) <= std::max(n, kChunk);
  const size_t chunk_lines = chunked ? kChunk : std::max<size_t>(n, 1);
  const size_t chunks = (n + chunk_lines - 1) / chunk_lines;
  std::vector<uint32_t> chunk_start(chunks * (buckets + 1), 0);  // per chunk, where each bucket starts in it
  if (chunked) {
    std::vector<uint32_t> rows(std::min(n, kChunk)), cursor(buckets);
    std::vector<std::decay_t<decltype(amount_stored[0])>> amounts(rows.size());
    for_each_block(n, [&](size_t begin, size_t end) RETENTION_BLOCK_BODY {
      uint32_t* start = &chunk_start[begin / kChunk * (buckets + 1)];
      for (size_t i = begin; i < end; ++i) ++start[bucket_of(i) + 1];
      for (size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
      std::copy(start, start + buckets, cursor.begin());
      for (size_t i = begin; i < end; ++i) {
        const uint32_t at = cursor[bucket_of(i)]++;
        rows[at] = row_of[i];
        amounts[at] = amount_stored[i];
      }
      for (size_t i = begin; i < end; ++i) {
        row_of[i] = rows[i - begin];
        amount_stored[i] = amounts[i - begin];
      }
    }, kChunk);
  } else {
    // An in-place counting sort, the uncounted lines last.
    uint32_t* start = chunk_start.data();
    for_each_index(n, [&](size_t i) { ++start[bucket_of(i) + 1]; });
    for (size_t b = 0; b < buckets; ++b) start[b + 1] += start[b];
    std::vector<size_t> next(start, start + buckets);
    // At most kMoves steps a call, so that V8 optimises the loop after its first calls (model/blocks.hpp):
    // a product's lines can be millions, and whole buckets a call ran baseline code (3% of a 10M run).
    constexpr size_t kMoves = size_t{1} << 14;
    auto fill = [&](size_t b) RETENTION_BLOCK_BODY {
      for (size_t moves = 0; moves < kMoves && next[b] < start[b + 1]; ++moves) {
        const size_t at = next[b], to = bucket_of(at);
        if (to == b) {
          ++next[b];
        } else {
          const size_t there = next[to]++;
          std::swap(row_of[at], row_of[there]);
          std::swap(product_of[at], product_of[there]);
          std::swap(amount_stored[at], amount_stored[there]);
        }
      }
    };
    for (size_t b = 0; b < buckets; ++b) {
      if (next[b] < start[b + 1]) fill(b);  // two calls in the code: Binaryen inlines a function called once
      while (next[b] < start[b + 1]) fill(b);
    }
  }
  // The ranges of a product's lines: one in each chunk.
  auto for_each_range = [&](uint32_t product, auto&& visit) {
    for (size_t c = 0; c < chunks; ++c) {
      const uint32_t* start = &chunk_start[c * (buckets + 1)];
      visit(c * chunk_lines + start[product], c * chunk_lines + start[product + 1]);
    }
  };

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
  // Per product, its lines' rows and amounts sorted by row, so that a customer's net on the product is
  // one run: no scratch column per row read at random (issue 11). The nets are sums of integers, so
  // the order of a row's lines does not matter.
  std::vector<uint32_t> rows;
  std::vector<Money> amounts;
  std::vector<std::pair<uint32_t, Money>> few;
  auto sum_product = [&](uint32_t product) {
    rows.clear();
    amounts.clear();
    for_each_range(product, [&](size_t begin, size_t end) {
      for (size_t k = begin; k < end; ++k) {
        rows.push_back(row_of[k]);
        amounts.push_back(amount_of(amount_stored[k]));
      }
    });
    if (rows.size() >= kRadixFrom) {
      radix_sort_by_key(rows, &amounts);
    } else {  // a radix sort's counts cost more than a few lines (catalogues of many rarely sold products)
      few.clear();
      for (size_t i = 0; i < rows.size(); ++i) few.emplace_back(rows[i], amounts[i]);
      std::sort(few.begin(), few.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      for (size_t i = 0; i < few.size(); ++i) std::tie(rows[i], amounts[i]) = few[i];
    }
    for (size_t i = 0; i < rows.size();) {
      const uint32_t row = rows[i];
      Money net = 0;
      for (; i < rows.size() && rows[i] == row; ++i) net += amounts[i];
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
  };
  constexpr size_t kFew = 16;  // products a call: a product's lines can be millions
  for_each_block(products, [&](size_t first, size_t end) RETENTION_BLOCK_BODY {
    for (size_t product = first; product < end; ++product) sum_product(static_cast<uint32_t>(product));
  }, kFew);

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

}  // namespace

TopProducts compute_top_products(OrderBook& orders, const CustomerTable& c, const std::vector<uint8_t>& cells,
                                 const std::vector<uint8_t>& segments, size_t segment_count) {
  // The lines are the largest column (issue 11): they are taken from the book and regrouped in place,
  // each line's order first replaced by its customer row (kNoRow: not counted, a customer without
  // counted orders or an order after asOf).
  OrderLines lines = orders.take_lines();
  ChunkedColumn<uint32_t> row_of;
  lines.for_each_order([&](size_t, uint32_t order) { row_of.push_back(c.orderRow[order]); });
  lines.free_orders();
  return lines.products().visit([&](auto& products, auto) {
    return lines.amounts().visit([&](auto& amounts, auto amount_of) {
      return top_products(orders, row_of, products, amounts, amount_of, cells, segments, segment_count);
    });
  });
}

}  // namespace retention
