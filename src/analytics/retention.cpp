#include "analytics/retention.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "analytics/calendar.hpp"
#include "analytics/stats.hpp"
#include "model/blocks.hpp"
#include "model/radix_sort.hpp"

namespace retention {

namespace {

// One series, from the first counted order's period to asOf's. `period_of` numbers periods
// consecutively from a month index; `month` holds the month index of every order.
template <class PeriodOf, class Label>
std::vector<PeriodRetention> series(const CustomerTable& c, const std::vector<int32_t>& month, PeriodOf period_of,
                                    Label label) {
  // Issue 13: at most kMaxCohortMonths of months, whatever the dates (one typo must not stretch the
  // series over centuries); one period more is counted before the first kept, for its `start`.
  const int32_t last_month = month_index(c.asOf);
  const int32_t first_month = month_index(*std::min_element(c.firstOrder.begin(), c.firstOrder.end()));
  const bool capped = last_month - first_month + 1 > kMaxCohortMonths;
  const int32_t first = period_of(capped ? last_month - kMaxCohortMonths + 1 : first_month) - (capped ? 1 : 0);
  const auto count = static_cast<size_t>(period_of(last_month) - first + 1);
  std::vector<PeriodRetention> out(count);
  for_each_index(c.size(), [&](size_t row) {
    if (int64_t p = period_of(month_index(c.firstOrder[row])) - first; p >= 0) ++out[static_cast<size_t>(p)].newCustomers;
    int64_t previous = std::numeric_limits<int64_t>::min();
    for (uint32_t k = c.orderStart[row]; k < c.orderStart[row + 1]; ++k) {
      if (!CustomerTable::counts(c.orderNet[k])) continue;
      int64_t p = period_of(month[k]) - first;
      if (p == previous || p < 0) continue;  // orders are by date: one count per customer and period
      ++out[static_cast<size_t>(p)].active;
      if (p == previous + 1) ++out[static_cast<size_t>(p)].retained;
      previous = p;
    }
  });
  for (size_t p = 0; p < count; ++p) {
    out[p].period = label(first + static_cast<int32_t>(p));
    out[p].start = p ? out[p - 1].active : 0;
  }
  if (capped) out.erase(out.begin());
  return out;
}

GapStats gap_stats(const CustomerTable& c) {
  std::vector<int32_t> gaps;
  int64_t sum = 0;
  for_each_index(c.size(), [&](size_t row) {
    bool seen = false;
    Date last = 0;
    for (uint32_t k = c.orderStart[row]; k < c.orderStart[row + 1]; ++k) {
      if (!CustomerTable::counts(c.orderNet[k])) continue;
      if (seen) {
        gaps.push_back(c.orderDate[k] - last);
        sum += gaps.back();
      }
      seen = true;
      last = c.orderDate[k];
    }
  });
  GapStats g;
  g.count = static_cast<int64_t>(gaps.size());
  if (gaps.empty()) return g;
  radix_sort(gaps);
  g.mean = static_cast<double>(sum) / static_cast<double>(g.count);
  g.median = quantile_sorted(gaps, 0.5);
  g.p75 = quantile_sorted(gaps, 0.75);
  g.p90 = quantile_sorted(gaps, 0.9);
  const int32_t top = gaps[static_cast<size_t>(0.99 * static_cast<double>(gaps.size() - 1))];
  static constexpr int32_t kBinDays[] = {1, 2, 5, 7, 14, 30, 61, 91, 182, 365, 730, 1826, 3652, 36525};
  g.binDays = kBinDays[std::size(kBinDays) - 1];
  for (int32_t days : kBinDays) {
    if (top / days < kMaxGapBins) {
      g.binDays = days;
      break;
    }
  }
  g.histogram.assign(static_cast<size_t>(std::min(top / g.binDays + 1, kMaxGapBins)), 0);
  for (int32_t gap : gaps) ++g.histogram[std::min(static_cast<size_t>(gap / g.binDays), g.histogram.size() - 1)];
  return g;
}

}  // namespace

std::array<int64_t, 11> customers_with_at_least(const CustomerTable& c) {
  std::array<int64_t, 11> out{};
  for_each_index(c.size(), [&](size_t row) {
    for (size_t n = 0; n < out.size() && static_cast<int32_t>(n) < c.frequency[row]; ++n) ++out[n];
  });
  return out;
}

Retention compute_retention(const CustomerTable& c) {
  Retention r;
  r.withAtLeast = customers_with_at_least(c);
  r.gaps = gap_stats(c);
  std::vector<int32_t> month(c.orderDate.size());
  for_each_index(month.size(), [&](size_t k) { month[k] = month_index(c.orderDate[k]); });
  r.monthly = series(c, month, [](int32_t m) { return m; }, month_label);
  r.quarterly = series(c, month, quarter_of_month, quarter_label);
  r.yearly = series(c, month, year_of_month, year_label);
  return r;
}

}  // namespace retention
