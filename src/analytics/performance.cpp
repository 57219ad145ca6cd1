#include "analytics/performance.hpp"

#include "analytics/calendar.hpp"
#include "analytics/rf_matrix.hpp"
#include "model/blocks.hpp"

namespace retention {

namespace {

void add_span(const CustomerTable& c, size_t row, int cell, Date from, Date to, SpanTotals& totals) {
  if (cell < 0) return;  // no counted order yet at the span's end
  const auto k = static_cast<size_t>(cell);
  bool bought = false;
  for (uint32_t o = c.orderStart[row]; o < c.orderStart[row + 1] && c.orderDate[o] <= to; ++o) {
    if (c.orderDate[o] < from) continue;
    totals.revenue[k] += c.orderNet[o];
    if (!CustomerTable::counts(c.orderNet[o])) continue;
    ++totals.orders[k];
    bought = true;
  }
  totals.customers[k] += bought;
}

}  // namespace

Performance compute_performance(const CustomerTable& c, const RfThresholds& rf, const std::vector<uint8_t>& cells) {
  Performance p;
  const Date before = one_year_earlier(c.asOf);
  p.monthToDate = {month_start(month_index(c.asOf)), c.asOf, month_start(month_index(before)), before, {}, {}};
  p.yearToDate = {month_start(year_index(c.asOf) * 12), c.asOf, month_start(year_index(before) * 12), before, {}, {}};
  for_each_index(c.size(), [&](size_t row) {
    const int then = rf_cell_at(c, row, before, rf);
    for (SpanComparison* span : {&p.monthToDate, &p.yearToDate}) {
      add_span(c, row, cells[row], span->from, span->to, span->current);
      add_span(c, row, then, span->previousFrom, span->previousTo, span->previous);
    }
  });
  return p;
}

}  // namespace retention
