#include "analytics/clv/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <utility>

#include "model/blocks.hpp"
#include "model/radix_sort.hpp"
#include "model/whole_key.hpp"

namespace retention::clv {

double in_unit(int32_t days, TimeUnit unit) { return unit == TimeUnit::weeks ? days / 7.0 : days; }

namespace {

// A summary with every customer left out (x = -1) until summarised.
CustomerSummary unsummarised(size_t customers) {
  CustomerSummary out;
  out.x.assign(customers, -1);
  out.tx.assign(customers, 0);
  out.T.assign(customers, 0);
  out.zbar.assign(customers, 0);
  out.mean.assign(customers, 0);
  out.holdout.assign(customers, 0);
  return out;
}

// Customer c's summary from her transactions (date, amount), sorted by date.
void summarise_customer(const std::vector<std::pair<Date, Money>>& own, const SummaryWindow& window,
                        CustomerSummary& out, size_t c) {
  if (own.empty()) return;
  Date first = own.front().first;
  if (first > window.calibrationEnd) return;  // a customer of the holdout period only
  int32_t days = 0, holdout_days = 0;
  Date last = first;
  Money repeat_value = 0, all_value = 0;
  for (size_t k = 0; k < own.size(); ++k) {
    auto [day, amount] = own[k];
    bool new_day = k == 0 || day != own[k - 1].first;
    out.mergedOrders += !new_day;
    if (day > window.calibrationEnd) {
      holdout_days += new_day;
      continue;
    }
    days += new_day;
    last = day;
    all_value += amount;
    if (day != first) repeat_value += amount;
  }
  out.x[c] = days - 1;
  out.tx[c] = in_unit(last - first, window.unit);
  out.T[c] = in_unit(window.calibrationEnd - first, window.unit);
  out.mean[c] = static_cast<double>(all_value) / kMoneyScale / days;
  if (days > 1) out.zbar[c] = static_cast<double>(repeat_value) / kMoneyScale / (days - 1);
  out.holdout[c] = holdout_days;
}

}  // namespace

CustomerSummary summarise(size_t customers, const std::vector<int32_t>& customer, const std::vector<Date>& date,
                          const std::vector<Money>& value, const SummaryWindow& window) {
  CustomerSummary out = unsummarised(customers);

  // Transactions grouped by customer (a counting sort), then each customer's by date.
  auto used = [&](size_t i) { return customer[i] >= 0 && date[i] <= window.holdoutEnd; };
  std::vector<uint32_t> start(customers + 1, 0);
  for (size_t i = 0; i < customer.size(); ++i)
    if (used(i)) ++start[static_cast<size_t>(customer[i]) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<uint32_t> order(start.back());
  {
    std::vector<uint32_t> next(start.begin(), start.end() - 1);
    for (size_t i = 0; i < customer.size(); ++i)
      if (used(i)) order[next[static_cast<size_t>(customer[i])]++] = static_cast<uint32_t>(i);
  }

  std::vector<std::pair<Date, Money>> own;
  for (size_t c = 0; c < customers; ++c) {
    own.clear();
    for (uint32_t k = start[c]; k < start[c + 1]; ++k) own.emplace_back(date[order[k]], value[order[k]]);
    std::sort(own.begin(), own.end());
    summarise_customer(own, window, out, c);
  }
  return out;
}

CustomerSummary summarise_orders(const CustomerTable& customers, const SummaryWindow& window) {
  CustomerSummary out = unsummarised(customers.size());
  // Each row's orders are by date already; within a day their order changes no sum.
  std::vector<std::pair<Date, Money>> own;
  for_each_index(customers.size(), [&](size_t row) {
    own.clear();
    for (uint32_t k = customers.orderStart[row]; k < customers.orderStart[row + 1]; ++k)
      if (CustomerTable::counts(customers.orderNet[k]) && customers.orderDate[k] <= window.holdoutEnd)  // SPEC 4
        own.emplace_back(customers.orderDate[k], customers.orderNet[k]);
    summarise_customer(own, window, out, row);
  });
  return out;
}

CustomerSummary summarise_totals(const CustomerTable& customers, const CustomerTotalsColumns& totals, TimeUnit unit) {
  CustomerSummary out;
  const size_t n = customers.size();
  out.x.resize(n);
  out.tx.resize(n);
  out.T.resize(n);
  out.zbar.assign(n, 0);
  out.mean.resize(n);
  out.holdout.assign(n, 0);
  for (size_t c = 0; c < n; ++c) {
    // The same arithmetic as summarise(), so that the same history gives the same bits.
    const int32_t days = totals.orderDays[c];
    const Date first = customers.firstOrder[c];
    out.x[c] = days - 1;
    out.tx[c] = in_unit(customers.lastOrder[c] - first, unit);
    out.T[c] = in_unit(customers.asOf - first, unit);
    out.mean[c] = static_cast<double>(totals.countedRevenue[c]) / kMoneyScale / days;
    if (days > 1)
      out.zbar[c] = totals.hasRepeatRevenue ? static_cast<double>(totals.repeatRevenue[c]) / kMoneyScale / (days - 1)
                                            : out.mean[c];
    out.mergedOrders += customers.frequency[c] - days;
  }
  return out;
}

Histories search_sample(const Histories& h) {
  Histories sample;
  if (h.rows.size() <= kSearchRows) return sample;
  sample.xs = h.xs;
  sample.times = h.times;
  const double step = h.customers / kSearchCustomers;
  double before = 0;  // customers in the rows before this one
  for (const Histories::Row& row : h.rows) {
    // The sample points (j + 1/2) step that fall among this row's customers.
    const double after = before + row.weight;
    const double points = std::floor(after / step + 0.5) - std::floor(before / step + 0.5);
    before = after;
    if (points <= 0) continue;
    sample.rows.push_back({row.x, row.tx, row.T, points * step});
    sample.customers += points * step;
    if (h.xs[row.x] > 0) sample.repeatCustomers += points * step;
  }
  return sample;
}

namespace {

// The distinct values of `values` ascending, and each value's index among them: linear in the values
// (a hash of first sight) plus a sort of the distinct ones, which are few (days, repeat counts). The
// hash mixes every bit into the slot: a whole number of days as a double has its low 40 bits zero, and
// a multiplicative hash's middle bits then put every value in one slot.
template <class T, class Bits>
std::vector<uint32_t> rank_values(const std::vector<T>& values, std::vector<T>& distinct, Bits bits_of) {
  std::vector<uint32_t> seen_as(values.size());
  std::vector<uint32_t> slots(64, UINT32_MAX);
  distinct.clear();
  for_each_index(values.size(), [&](size_t i) {
    if (distinct.size() * 2 >= slots.size()) {
      std::vector<uint32_t> bigger(slots.size() * 2, UINT32_MAX);
      for (uint32_t id = 0; id < distinct.size(); ++id) {
        size_t k = mix64(bits_of(distinct[id])) & (bigger.size() - 1);
        while (bigger[k] != UINT32_MAX) k = (k + 1) & (bigger.size() - 1);
        bigger[k] = id;
      }
      slots.swap(bigger);
    }
    size_t k = mix64(bits_of(values[i])) & (slots.size() - 1);
    while (slots[k] != UINT32_MAX && bits_of(distinct[slots[k]]) != bits_of(values[i])) k = (k + 1) & (slots.size() - 1);
    if (slots[k] == UINT32_MAX) {
      slots[k] = static_cast<uint32_t>(distinct.size());
      distinct.push_back(values[i]);
    }
    seen_as[i] = slots[k];
  });
  std::vector<uint32_t> order(distinct.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return distinct[a] < distinct[b]; });
  std::vector<uint32_t> rank(distinct.size());
  std::vector<T> sorted(distinct.size());
  for (uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    sorted[r] = distinct[order[r]];
  }
  distinct.swap(sorted);
  for_each_index(seen_as.size(), [&](size_t i) { seen_as[i] = rank[seen_as[i]]; });
  return seen_as;
}

int bits_for(size_t count) {
  int bits = 0;
  while ((size_t{1} << bits) < count) ++bits;
  return bits;
}

}  // namespace

Histories compress(const CustomerSummary& summary, bool pack_keys) {
  Histories h;
  const size_t n = summary.size();
  // Each column is sized once and freed once read (issue 11): at 2M customers this stage's scratch
  // came to twice the summary's size, and fresh memory is what the value model's time went to.
  std::vector<uint32_t> customers;
  size_t observed = 0;
  for_each_index(n, [&](size_t i) { observed += summary.observed(i); });
  customers.reserve(observed);
  for_each_index(n, [&](size_t i) {
    if (summary.observed(i)) customers.push_back(static_cast<uint32_t>(i));
  });
  std::vector<uint32_t> time_index, x_index;
  {
    std::vector<double> times(2 * customers.size());
    for_each_index(customers.size(), [&](size_t i) {
      times[2 * i] = summary.tx[customers[i]];
      times[2 * i + 1] = summary.T[customers[i]];
    });
    time_index = rank_values(times, h.times, [](double t) {
      uint64_t bits;
      std::memcpy(&bits, &t, sizeof bits);
      return bits;
    });
  }
  {
    std::vector<int32_t> xs(customers.size());
    for_each_index(customers.size(), [&](size_t i) { xs[i] = summary.x[customers[i]]; });
    x_index = rank_values(xs, h.xs, [](int32_t x) { return static_cast<uint64_t>(static_cast<uint32_t>(x)); });
  }

  // Keys (x, t_x, T) as indices: ordering them orders the rows exactly as the values would. Packed in
  // 64 bits where they fit (radix-sorted), else compared field by field.
  const int bx = bits_for(h.xs.size()), bt = bits_for(h.times.size());
  struct Key {
    uint32_t x, tx, T;
  };
  std::vector<uint32_t> order(customers.size());
  for_each_index(order.size(), [&](size_t i) { order[i] = static_cast<uint32_t>(i); });
  // The rows, from the customers in key order (key_at(at): the key of customer order[at]).
  auto add_rows = [&](auto key_at) {
    h.rowOf.assign(n, Histories::kNone);
    // Counted first, so that the rows take their exact room: grown by doubling, they were the value
    // model's largest block (48 MB at 2M customers) and found no hole to fit in, so raised the heap
    // top, and fresh pages are what wasm time goes to (issue 11).
    size_t distinct = 0;
    auto differs = [](const Key& a, const Key& b) { return a.x != b.x || a.tx != b.tx || a.T != b.T; };
    for_each_index(order.size(), [&](size_t at) { distinct += at == 0 || differs(key_at(at), key_at(at - 1)); });
    h.rows.reserve(distinct);
    // Each customer's row by its place in `customers` first, then by customer in one pass in order:
    // setting rowOf[customers[order[at]]] directly read and wrote at random in two columns of
    // millions, for every customer (issue 11).
    std::vector<uint32_t> row_at(order.size());
    for_each_index(order.size(), [&](size_t at) {
      const Key k = key_at(at);
      if (h.rows.empty() || differs(Key{h.rows.back().x, h.rows.back().tx, h.rows.back().T}, k))
        h.rows.push_back({k.x, k.tx, k.T, 0});
      h.rows.back().weight += 1;
      row_at[order[at]] = static_cast<uint32_t>(h.rows.size() - 1);
    });
    for_each_index(customers.size(), [&](size_t i) { h.rowOf[customers[i]] = row_at[i]; });
  };
  if (pack_keys && bx + 2 * bt <= 64) {
    std::vector<uint64_t> packed(customers.size());
    for_each_index(packed.size(), [&](size_t i) {
      packed[i] = (uint64_t{x_index[i]} << 2 * bt) | (uint64_t{time_index[2 * i]} << bt) | time_index[2 * i + 1];
    });
    time_index = std::vector<uint32_t>();
    x_index = std::vector<uint32_t>();
    radix_sort_by_key(packed, &order);
    const uint64_t mask = (uint64_t{1} << bt) - 1;
    add_rows([&](size_t at) {
      return Key{static_cast<uint32_t>(packed[at] >> 2 * bt), static_cast<uint32_t>(packed[at] >> bt & mask),
                 static_cast<uint32_t>(packed[at] & mask)};
    });
  } else {
    std::vector<Key> keys(customers.size());
    for_each_index(keys.size(), [&](size_t i) { keys[i] = {x_index[i], time_index[2 * i], time_index[2 * i + 1]}; });
    time_index = std::vector<uint32_t>();
    x_index = std::vector<uint32_t>();
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      const Key &p = keys[a], &q = keys[b];
      return p.x != q.x ? p.x < q.x : p.tx != q.tx ? p.tx < q.tx : p.T < q.T;
    });
    add_rows([&](size_t at) { return keys[order[at]]; });
  }
  h.customers = static_cast<double>(customers.size());
  for_each_index(h.rows.size(), [&](size_t r) {
    if (h.xs[h.rows[r].x] > 0) h.repeatCustomers += h.rows[r].weight;
  });
  return h;
}

PairIndex pair_index(const Histories& h) {
  PairIndex p;
  auto key = [](uint32_t x, uint32_t t) { return static_cast<uint64_t>(x) << 32 | t; };
  for (const auto& row : h.rows) {
    p.keys.push_back(key(row.x, row.tx));
    p.keys.push_back(key(row.x, row.T));
  }
  std::sort(p.keys.begin(), p.keys.end());
  p.keys.erase(std::unique(p.keys.begin(), p.keys.end()), p.keys.end());
  auto index = [&](uint64_t k) {
    return static_cast<uint32_t>(std::lower_bound(p.keys.begin(), p.keys.end(), k) - p.keys.begin());
  };
  p.of_tx.reserve(h.rows.size());
  p.of_T.reserve(h.rows.size());
  for (const auto& row : h.rows) {
    p.of_tx.push_back(index(key(row.x, row.tx)));
    p.of_T.push_back(index(key(row.x, row.T)));
  }
  return p;
}

double Histories::repeat_rate() const {
  double repeat = 0, time = 0;
  for (const Row& row : rows) {
    repeat += row.weight * xs[row.x];
    time += row.weight * times[row.T];
  }
  return repeat > 0 && time > 0 ? repeat / time : 1;
}

double Histories::mean_T() const {
  double time = 0;
  for (const Row& row : rows) time += row.weight * times[row.T];
  return time > 0 ? time / customers : 1;
}

}  // namespace retention::clv
