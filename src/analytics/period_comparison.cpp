#include "analytics/period_comparison.hpp"

#include <algorithm>
#include <vector>

#include "analytics/calendar.hpp"
#include "model/blocks.hpp"
#include "model/customer_table.hpp"

namespace retention {

namespace {

// The summary's figures over one period at a time (retention/report.hpp, PeriodKpis). The columns per
// customer are made once for the three periods, and after each only the customers it touched are
// cleared: zeroing and reading every customer's figures three times cost more than the periods'
// orders (issue 11).
class PeriodTotals {
 public:
  explicit PeriodTotals(const OrderBook& orders)
      : orders_(orders), counted_(orders.customer_count(), kUntouched), spent_(orders.customer_count(), 0) {}

  PeriodKpis over(Date from, Date to) {
    PeriodKpis k;
    k.from = from;
    k.to = to;
    const auto& customer = orders_.order_customer();
    const auto& date = orders_.order_date();
    const auto& net = orders_.order_net();
    for_each_index(net.size(), [&](size_t o) {
      if (date[o] < from || date[o] > to) return;
      const uint32_t c = customer[o];
      if (counted_[c] == kUntouched) {
        counted_[c] = 0;
        touched_.push_back(c);
      }
      spent_[c] += net[o];
      counted_[c] += CustomerTable::counts(net[o]);
    });
    // SPEC 5: the summary's customers have a counted order; their refunds count in revenue, others' do not.
    for (uint32_t c : touched_) {
      if (counted_[c] > 0) {
        ++k.customers;
        k.orders += counted_[c];
        k.repeatCustomers += counted_[c] >= 2;
        k.revenue += spent_[c];
      }
      counted_[c] = kUntouched;
      spent_[c] = 0;
    }
    touched_.clear();
    return k;
  }

 private:
  static constexpr int32_t kUntouched = -1;
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
