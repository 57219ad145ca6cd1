#include "analytics/period_comparison.hpp"

#include <algorithm>
#include <vector>

#include "analytics/calendar.hpp"
#include "model/blocks.hpp"
#include "model/customer_table.hpp"

namespace retention {

PeriodKpis period_kpis(const OrderBook& orders, Date from, Date to) {
  PeriodKpis k;
  k.from = from;
  k.to = to;
  const auto& customer = orders.order_customer();
  const auto& date = orders.order_date();
  const auto& net = orders.order_net();
  std::vector<int32_t> counted(orders.customer_count(), 0);
  std::vector<Money> spent(orders.customer_count(), 0);
  for_each_index(net.size(), [&](size_t o) {
    if (date[o] < from || date[o] > to) return;
    spent[customer[o]] += net[o];
    counted[customer[o]] += CustomerTable::counts(net[o]);
  });
  // SPEC 5: the summary's customers have a counted order; their refunds count in revenue, others' do not.
  for (size_t c = 0; c < counted.size(); ++c) {
    if (counted[c] == 0) continue;
    ++k.customers;
    k.orders += counted[c];
    k.repeatCustomers += counted[c] >= 2;
    k.revenue += spent[c];
  }
  return k;
}

namespace {

ComparedPeriod compared(const OrderBook& orders, Date from, Date to, std::optional<Date> firstOrder) {
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
    p.kpis = period_kpis(orders, from, to);
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
  c.current = period_kpis(orders, start, end);
  c.previous = compared(orders, start - length, start - 1, firstOrder);
  c.lastYear = compared(orders, one_year_earlier(start), one_year_earlier(end), firstOrder);
  return c;
}

}  // namespace retention
