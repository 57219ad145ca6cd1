#include "model/customer_table.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "model/blocks.hpp"

namespace retention {

namespace {

void set_recency(CustomerTable& t) {
  t.recencyDays.resize(t.size());
  for_each_index(t.size(), [&](size_t row) { t.recencyDays[row] = t.asOf - t.lastOrder[row]; });
}

// A customer's figures, side by side: an order reads and writes one place (its customer's), not one
// in each of five columns (issue 11).
struct Figures {
  Money monetary = 0;
  Date first = std::numeric_limits<Date>::max(), last = std::numeric_limits<Date>::min();
  int32_t frequency = 0;
  uint32_t orders = 0;  // up to asOf, counted or not

  // Adds an order up to asOf: its net counts in monetary whatever its sign, the order itself only when
  // the net is positive (SPEC 4).
  void add(Date date, Money net) {
    ++orders;
    monetary += net;
    if (!CustomerTable::counts(net)) return;
    ++frequency;
    first = std::min(first, date);
    last = std::max(last, date);
  }
};

// Calls visit(customer, figures) for every customer of the book, in customer order, with the figures
// of her orders up to asOf; returns the number of orders after asOf (SPEC 4: ignored).
// Adding each order to its customer's figures at random was a cache miss an order at millions of
// customers (wasm cannot prefetch): a fifth of the customers stage at 10M rows (issue 11). So the
// orders go first to buckets of kBucket consecutive customers, written in order a few hundred places
// at a time, and each bucket is then summed with its customers' figures in cache.
template <class Visit>
int64_t sum_figures(const OrderBook& orders, Date asOf, const Visit& visit) {
  const auto& order_customer = orders.order_customer();
  const auto& order_date = orders.order_date();
  const auto& order_net = orders.order_net();
  const size_t n = orders.customer_count(), order_count = order_net.size();
  constexpr unsigned kBucketShift = 13;  // 8,192 customers: 192 KB of figures
  constexpr size_t kBucket = size_t{1} << kBucketShift;
  const size_t buckets = (n + kBucket - 1) >> kBucketShift;
  std::vector<uint32_t> bucket_start(buckets + 1, 0);
  int64_t after_as_of = 0;
  for_each_index(order_count, [&](size_t o) {
    if (order_date[o] > asOf) {
      ++after_as_of;
      return;
    }
    ++bucket_start[(order_customer[o] >> kBucketShift) + 1];
  });
  size_t largest_bucket = 0;
  for (size_t b = 0; b < buckets; ++b) {
    largest_bucket = std::max<size_t>(largest_bucket, bucket_start[b + 1]);
    bucket_start[b + 1] += bucket_start[b];
  }
  struct Placed {
    uint32_t customer;  // from the sweep's first
    Date date;
    Money net;
  };
  // The buckets in sweeps of at most the room the figures of every customer took (so the heap's peak
  // stays where it was), each sweep a pass over the orders: 3 at 10M rows, one on small files.
  std::vector<Placed> placed(
      std::min<size_t>(bucket_start[buckets], std::max(largest_bucket, n * sizeof(Figures) / sizeof(Placed))));
  std::vector<uint32_t> next;
  std::vector<Figures> figures(std::min(n, kBucket));
  for (size_t first_bucket = 0, end_bucket = 0; first_bucket < buckets; first_bucket = end_bucket) {
    const uint32_t base = bucket_start[first_bucket];
    end_bucket = first_bucket + 1;
    while (end_bucket < buckets && bucket_start[end_bucket + 1] - base <= placed.size()) ++end_bucket;
    const auto first_customer = static_cast<uint32_t>(first_bucket << kBucketShift),
               customers = static_cast<uint32_t>(std::min(n, end_bucket << kBucketShift) - first_customer);
    next.assign(bucket_start.begin() + static_cast<std::ptrdiff_t>(first_bucket),
                bucket_start.begin() + static_cast<std::ptrdiff_t>(end_bucket));
    for_each_index(order_count, [&](size_t o) {
      const uint32_t c = order_customer[o] - first_customer;  // wraps below the sweep's first customer
      const Date date = order_date[o];
      if (c >= customers || date > asOf) return;
      placed[next[c >> kBucketShift]++ - base] = {c, date, order_net[o]};
    });
    // A call a bucket, so that the loops run optimised after the first few (model/blocks.hpp).
    for_each_block(end_bucket - first_bucket, [&](size_t b, size_t) RETENTION_BLOCK_BODY {
      const size_t first = b << kBucketShift, end = std::min<size_t>(customers, first + kBucket);
      std::fill(figures.begin(), figures.begin() + static_cast<std::ptrdiff_t>(end - first), Figures{});
      for (size_t k = bucket_start[first_bucket + b]; k < bucket_start[first_bucket + b + 1]; ++k) {
        const Placed& order = placed[k - base];
        figures[order.customer - first].add(order.date, order.net);
      }
      for (size_t c = first; c < end; ++c) visit(static_cast<uint32_t>(first_customer + c), figures[c - first]);
    }, 1);
  }
  return after_as_of;
}

}  // namespace

Error build_customer_rows(const OrderBook& orders, std::optional<Date> asOf, CustomerTable& out) {
  out = CustomerTable{};
  const auto& order_date = orders.order_date();
  const auto& order_net = orders.order_net();

  if (!asOf) {
    std::optional<Date> latest;
    for_each_index(order_net.size(), [&](size_t o) {
      if (CustomerTable::counts(order_net[o]) && (!latest || order_date[o] > *latest)) latest = order_date[o];
    });
    if (!latest) return {ErrorCode::no_orders, "no order has a positive amount, so there is nothing to analyse", 0};
    asOf = latest;
  }
  out.asOf = *asOf;

  const size_t n = orders.customer_count();
  // The columns take their room before the scratch does, so that the scratch is the heap's last block
  // and its room goes back to the top when freed, for what comes next: made after it, the columns
  // raised the heap's top by its size (in wasm fresh pages are what time goes to, issue 11). Room for
  // every customer: what the rows leave unused is never touched.
  out.customer.reserve(n);
  out.frequency.reserve(n);
  out.monetary.reserve(n);
  out.firstOrder.reserve(n);
  out.lastOrder.reserve(n);
  out.orderStart.reserve(n + 1);
  out.rowOf.assign(n, -1);
  out.orderStart.push_back(0);
  out.ordersAfterAsOf = sum_figures(orders, out.asOf, [&](uint32_t c, const Figures& f) {
    if (f.frequency == 0) {
      out.customersWithoutOrders += f.orders > 0;
      return;
    }
    out.rowOf[c] = static_cast<int32_t>(out.customer.size());
    out.orderStart.push_back(out.orderStart.back() + f.orders);
    out.customer.push_back(c);
    out.countedOrders += f.frequency;
    out.frequency.push_back(f.frequency);
    out.monetary.push_back(f.monetary);
    out.firstOrder.push_back(f.first);
    out.lastOrder.push_back(f.last);
  });
  set_recency(out);
  if (out.customer.empty())
    return {ErrorCode::no_orders, "no customer has an order with a positive amount on or before " +
                                      format_date(out.asOf), 0};
  return {};
}

void find_order_rows(const OrderBook& orders, ChunkedColumn<uint32_t> order_customer, CustomerTable& out) {
  const auto& order_date = orders.order_date();
  // Where every customer is a row (the usual case), a customer's row is its number: no lookup at
  // random in rowOf for each order.
  if (out.size() == orders.customer_count()) {
    for_each_index(order_customer.size(), [&](size_t o) {
      if (order_date[o] > out.asOf) order_customer[o] = CustomerTable::kNoRow;
    });
  } else {
    for_each_index(order_customer.size(), [&](size_t o) {
      const int32_t row = order_date[o] > out.asOf ? -1 : out.rowOf[order_customer[o]];
      order_customer[o] = row < 0 ? CustomerTable::kNoRow : static_cast<uint32_t>(row);
    });
  }
  out.orderRow = std::move(order_customer);
}

namespace {

// A row's orders by date, ties in file order (a stable sort; most rows come sorted already).
void sort_row_by_date(CustomerTable& out, size_t row, std::vector<std::pair<Date, Money>>& own) {
  const size_t first = out.orderStart[row], n = out.orderStart[row + 1] - first;
  Date* date = out.orderDate.data() + first;
  auto net = [&](size_t i) { return out.orderNet[first + i]; };
  auto set_net = [&](size_t i, Money m) { out.orderNet.set(first + i, m); };
  if (n <= 32) {
    // Most customers have a few orders: an insertion sort in place (stable, no buffer and no copy;
    // nothing moves in a row that comes sorted) instead of a stable_sort that allocates its buffer
    // for each of millions of customers.
    for (size_t i = 1; i < n; ++i) {
      if (date[i] >= date[i - 1]) continue;
      const Date d = date[i];
      const Money m = net(i);
      size_t j = i;
      for (; j > 0 && d < date[j - 1]; --j) {
        date[j] = date[j - 1];
        set_net(j, net(j - 1));
      }
      date[j] = d;
      set_net(j, m);
    }
    return;
  }
  if (std::is_sorted(date, date + n)) return;
  own.clear();
  for (size_t i = 0; i < n; ++i) own.emplace_back(date[i], net(i));
  std::stable_sort(own.begin(), own.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < n; ++i) {
    date[i] = own[i].first;
    set_net(i, own[i].second);
  }
}

// log2 of the rows in a bucket of index_customer_orders: about kBucketOrders orders a bucket, so that
// a bucket's orders and its rows' starts stay in cache while they are put in place; at most 2^16 rows,
// so that a row within its bucket fits 16 bits.
unsigned bucket_shift(uint64_t rows, uint64_t orders) {  // 64 bits: size_t is 32 in wasm
  constexpr uint64_t kBucketOrders = uint64_t{1} << 14;
  unsigned shift = 0;
  while (shift < 16 && (uint64_t{2} << shift) * orders <= kBucketOrders * rows) ++shift;
  return shift;
}

}  // namespace

// Groups the orders up to asOf by row (file order kept), then by date within a row. A counting sort
// straight into the columns reads and writes three places at random for each order, each a cache
// miss at millions of customers (and wasm cannot prefetch): a fifth of the customers stage at 10M
// rows (issue 11). So in two passes: the orders go to buckets of consecutive rows first, each bucket
// already in the place its rows' orders take in the columns (written in order, a few hundred places
// at a time); then each bucket, in cache, is put in row order and each of its rows in date order.
void index_customer_orders(const OrderBook& orders, CustomerTable& out) {
  const auto& order_date = orders.order_date();
  const auto& order_net = orders.order_net();
  const ChunkedColumn<uint32_t>& row_of_order = out.orderRow;
  const size_t rows = out.size(), placed = out.orderStart.back();
  out.orderDate.resize(placed);
  out.orderNet.assign(placed, !order_net.widened());
  const unsigned shift = bucket_shift(rows, placed);
  const uint32_t low_mask = (uint32_t{1} << shift) - 1;
  auto first_row_of = [&](size_t bucket) { return std::min(bucket << shift, rows); };
  auto bucket_start = [&](size_t bucket) { return out.orderStart[first_row_of(bucket)]; };
  const size_t buckets = (rows + low_mask) >> shift;
  std::vector<uint32_t> next(buckets);
  for (size_t b = 0; b < buckets; ++b) next[b] = bucket_start(b);
  // Each placed order's row within its bucket. In blocks, which take the room the product lines left
  // (freed just before): in one piece it raised the heap's top by its size (14 MB at 10M rows).
  ChunkedColumn<uint16_t> low_row;
  low_row.grow_to(placed);
  for_each_index(row_of_order.size(), [&](size_t o) {
    if (const uint32_t row = row_of_order[o]; row != CustomerTable::kNoRow) {
      const uint32_t k = next[row >> shift]++;
      out.orderDate[k] = order_date[o];
      out.orderNet.set(k, order_net[o]);
      low_row[k] = static_cast<uint16_t>(row & low_mask);
    }
  });
  next = std::vector<uint32_t>();
  std::vector<Date> dates;
  std::vector<Money> nets;
  std::vector<uint32_t> slot;
  std::vector<std::pair<Date, Money>> own;
  // A call a bucket, so that the loops run optimised after the first few (model/blocks.hpp).
  for_each_block(buckets, [&](size_t b, size_t) RETENTION_BLOCK_BODY {
    const size_t begin = bucket_start(b), end = bucket_start(b + 1);
    const size_t first_row = first_row_of(b), end_row = first_row_of(b + 1);
    dates.assign(out.orderDate.begin() + begin, out.orderDate.begin() + end);
    nets.resize(end - begin);
    for (size_t i = 0; i < nets.size(); ++i) nets[i] = out.orderNet[begin + i];
    slot.assign(out.orderStart.begin() + first_row, out.orderStart.begin() + end_row);
    for (size_t i = 0; i < dates.size(); ++i) {
      const uint32_t k = slot[low_row[begin + i]]++;
      out.orderDate[k] = dates[i];
      out.orderNet.set(k, nets[i]);
    }
    for (size_t row = first_row; row < end_row; ++row) sort_row_by_date(out, row, own);
  }, 1);
}

void sum_customer_orders(CustomerTable& out) {
  const size_t n = out.size();
  out.frequency.resize(n);
  out.monetary.resize(n);
  out.firstOrder.resize(n);
  out.lastOrder.resize(n);
  for_each_index(n, [&](size_t row) {
    Figures f;
    for (uint32_t k = out.orderStart[row]; k < out.orderStart[row + 1]; ++k) f.add(out.orderDate[k], out.orderNet[k]);
    out.frequency[row] = f.frequency;
    out.monetary[row] = f.monetary;
    out.firstOrder[row] = f.first;
    out.lastOrder[row] = f.last;
  });
  set_recency(out);
}

Error build_customer_table(const OrderBook& orders, std::optional<Date> asOf, CustomerTable& out) {
  if (Error e = build_customer_rows(orders, asOf, out)) return e;
  find_order_rows(orders, orders.order_customer(), out);
  index_customer_orders(orders, out);
  return {};
}

}  // namespace retention
