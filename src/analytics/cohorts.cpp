#include "analytics/cohorts.hpp"

#include <algorithm>

#include "analytics/calendar.hpp"
#include "model/blocks.hpp"

namespace retention {

Cohorts compute_cohorts(const CustomerTable& c) {
  const int32_t last = month_index(c.asOf);
  const int32_t first =
      std::max(month_index(*std::min_element(c.firstOrder.begin(), c.firstOrder.end())), last - kMaxCohortMonths + 1);
  const auto months = static_cast<size_t>(last - first + 1);
  Cohorts out;
  out.size.assign(months, 0);
  for (size_t m = 0; m < months; ++m) {
    out.months.push_back(month_label(first + static_cast<int32_t>(m)));
    out.customers.emplace_back(months - m, 0);  // offsets 0 .. the month of asOf
    out.revenue.emplace_back(months - m, 0);
  }
  for_each_index(c.size(), [&](size_t row) {
    const int32_t cohort = month_index(c.firstOrder[row]);
    if (cohort < first) {
      ++out.customersOmitted;
      return;
    }
    auto& customers = out.customers[static_cast<size_t>(cohort - first)];
    auto& revenue = out.revenue[static_cast<size_t>(cohort - first)];
    ++out.size[static_cast<size_t>(cohort - first)];
    int32_t previous = -1;
    for (uint32_t k = c.orderStart[row]; k < c.orderStart[row + 1]; ++k) {
      if (!CustomerTable::counts(c.orderNet[k])) continue;  // SPEC 4: counted orders only
      const int32_t offset = month_index(c.orderDate[k]) - cohort;
      if (offset != previous) ++customers[static_cast<size_t>(offset)];  // orders are by date
      revenue[static_cast<size_t>(offset)] += c.orderNet[k];
      previous = offset;
    }
  });
  return out;
}

}  // namespace retention
