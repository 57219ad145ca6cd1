#include "analytics/period_comparison.hpp"

#include <algorithm>
#include <vector>

#include "analytics/calendar.hpp"
#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "model/radix_sort.hpp"

namespace retention {

namespace {

// The summary's figures over one period at a time (retention/report.hpp, PeriodKpis): the period's
// orders grouped by customer. A period of few orders (the usual last 90 days of years of them) is
// gathered and radix-sorted by customer: reading each order's customer figures at random among
// millions cost a cache miss or two an order, 3% of a 10M-row run in wasm (issue 11). A period of
// many orders adds up into columns per customer, made once for the three periods, and after each only
// the customers it touched are cleared. Either way no more than 12 bytes a customer.
class PeriodTotals {
 public:
  explicit PeriodTotals(const OrderBook& orders) : orders_(orders) {}

  PeriodKpis over(Date from, Date to) {
    PeriodKpis k;
    k.from = from;
    k.to = to;
    if (to < from) return k;  // within() reads the period as from .. from + (to - from)
    const auto& date = orders_.order_date();
    size_t in_period = 0;
    for_each_index(date.size(), [&](size_t o) { in_period += within(date[o], from, to); });
    if (in_period * 2 <= orders_.customer_count()) {
      by_sorting(from, to, in_period, k);
    } else {
      by_columns(from, to, k);
    }
    return k;
  }

 private:
  static constexpr int32_t kUntouched = -1;

  // from <= d <= to in one comparison, without a branch: a period's orders lie at random among the
  // others, and a branch on each mispredicted often enough to cost more than the rest of the scan.
  static bool within(Date d, Date from, Date to) {
    const auto start = static_cast<uint32_t>(from);
    return static_cast<uint32_t>(d) - start <= static_cast<uint32_t>(to) - start;
  }

  // SPEC 5: the summary's customers have a counted order; their refunds count in revenue, others' do not.
  static void add_customer(int32_t counted, Money spent, PeriodKpis& k) {
    if (counted <= 0) return;
    ++k.customers;
    k.orders += counted;
    k.repeatCustomers += counted >= 2;
    k.revenue += spent;
  }

  void by_sorting(Date from, Date to, size_t in_period, PeriodKpis& k) const {
    const auto& customer = orders_.order_customer();
    const auto& date = orders_.order_date();
    const auto& net = orders_.order_net();
    // Every order is written at the end and kept only when in the period (again without a branch):
    // one slot more than the period's orders for the last order written.
    std::vector<uint32_t> customers(in_period + 1);
    std::vector<Money> nets(in_period + 1);
    size_t kept = 0;
    for_each_index(net.size(), [&](size_t o) {
      customers[kept] = customer[o];
      nets[kept] = net[o];
      kept += within(date[o], from, to);
    });
    customers.pop_back();
    nets.pop_back();
    radix_sort_by_key(customers, &nets);
    for (size_t i = 0; i < customers.size();) {
      const uint32_t c = customers[i];
      int32_t counted = 0;
      Money spent = 0;
      for (; i < customers.size() && customers[i] == c; ++i) {
        spent += nets[i];
        counted += CustomerTable::counts(nets[i]);
      }
      add_customer(counted, spent, k);
    }
  }

  void by_columns(Date from, Date to, PeriodKpis& k) {
    const auto& customer = orders_.order_customer();
    const auto& date = orders_.order_date();
    const auto& net = orders_.order_net();
    if (counted_.empty()) {
      counted_.assign(orders_.customer_count(), kUntouched);
      spent_.assign(orders_.customer_count(), 0);
    }
    for_each_index(net.size(), [&](size_t o) {
      if (!within(date[o], from, to)) return;
      const uint32_t c = customer[o];
      if (counted_[c] == kUntouched) {
        counted_[c] = 0;
        touched_.push_back(c);
      }
      spent_[c] += net[o];
      counted_[c] += CustomerTable::counts(net[o]);
    });
    for_each_index(touched_.size(), [&](size_t i) {
      const uint32_t c = touched_[i];
      add_customer(counted_[c], spent_[c], k);
      counted_[c] = kUntouched;
      spent_[c] = 0;
    });
    touched_.clear();
  }

  const OrderBook& orders_;
  std::vector<int32_t> counted_;  // counted orders in the period, kUntouched for a customer without any order in it
  std::vector<Money> spent_;
  std::vector<uint32_t> touched_;
};

ComparedPeriod compared(PeriodTotals& totals, Date from, Date to, std::optional<Date> firstOrder) {
  ComparedPeriod p;
  p.kpis.from = from;
  p.kpis.to = to;
  if (!firstOrder) {
    p.reason = "the file has no order with a positive amount";
  } else if (to < *firstOrder) {
    p.reason = "the file has no orders before " + format_date(*firstOrder) + ", its first order";
  } else if (from < *firstOrder) {
    p.reason = "the file's orders start on " + format_date(*firstOrder) + ", after this period begins: it covers only part of it";
  } else {
    p.kpis = totals.over(from, to);
    p.available = true;
  }
  return p;
}

}  // namespace

PeriodComparison compare_periods(const OrderBook& orders, Date asOf, std::optional<Date> from, std::optional<Date> to,
                                 int32_t days, std::optional<Date> firstOrder) {
  PeriodComparison c;
  c.fromRange = from || to;
  const Date end = to ? std::min(*to, asOf) : asOf;
  const Date start = from ? std::min(*from, end) : end - (std::max(days, 1) - 1);
  const Date length = end - start + 1;
  PeriodTotals totals(orders);
  c.current = totals.over(start, end);
  c.previous = compared(totals, start - length, start - 1, firstOrder);
  c.lastYear = compared(totals, one_year_earlier(start), one_year_earlier(end), firstOrder);
  return c;
}

}  // namespace retention
