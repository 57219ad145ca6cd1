#include "analytics/retention.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "analytics/calendar.hpp"
#include "analytics/stats.hpp"
#include "model/blocks.hpp"
#include "model/radix_sort.hpp"

namespace retention {

namespace {

// The monthly, quarterly and yearly series, each from the first counted order's period to asOf's, in
// one pass over the customers' orders (issue 11: a pass a series read every order three times).
constexpr size_t kSeries = 3;  // months, quarters, years

std::array<int32_t, kSeries> periods_of(int32_t month) {
  return {month, quarter_of_month(month), year_of_month(month)};
}

std::array<std::vector<PeriodRetention>, kSeries> all_series(const CustomerTable& c) {
  // Issue 13: at most kMaxCohortMonths of months, whatever the dates (one typo must not stretch the
  // series over centuries); one period more is counted before the first kept, for its `start`.
  const int32_t last_month = month_index(c.asOf);
  const int32_t first_month = month_index(*std::min_element(c.firstOrder.begin(), c.firstOrder.end()));
  const bool capped = last_month - first_month + 1 > kMaxCohortMonths;
  const auto first_kept = periods_of(capped ? last_month - kMaxCohortMonths + 1 : first_month);
  const auto last = periods_of(last_month);
  std::array<int32_t, kSeries> first{};
  std::array<std::vector<PeriodRetention>, kSeries> out;
  for (size_t s = 0; s < kSeries; ++s) {
    first[s] = first_kept[s] - (capped ? 1 : 0);
    out[s].resize(static_cast<size_t>(last[s] - first[s] + 1));
  }
  for_each_index(c.size(), [&](size_t row) {
    const auto joined = periods_of(month_index(c.firstOrder[row]));
    std::array<int64_t, kSeries> previous{};
    for (size_t s = 0; s < kSeries; ++s) {
      if (int64_t p = joined[s] - first[s]; p >= 0) ++out[s][static_cast<size_t>(p)].newCustomers;
      previous[s] = std::numeric_limits<int64_t>::min();
    }
    // Orders are by date: one count per customer and period. A month seen already is skipped whole:
    // its quarter and year were counted (or were before the first kept) with it.
    int32_t previous_month = std::numeric_limits<int32_t>::min();
    for (uint32_t k = c.orderStart[row]; k < c.orderStart[row + 1]; ++k) {
      if (!CustomerTable::counts(c.orderNet[k])) continue;
      const int32_t month = month_index(c.orderDate[k]);
      if (month == previous_month) continue;
      previous_month = month;
      const auto periods = periods_of(month);
      for (size_t s = 0; s < kSeries; ++s) {
        const int64_t p = periods[s] - first[s];
        if (p == previous[s] || p < 0) continue;
        ++out[s][static_cast<size_t>(p)].active;
        if (p == previous[s] + 1) ++out[s][static_cast<size_t>(p)].retained;
        previous[s] = p;
      }
    }
  });
  std::string (*const label[kSeries])(int32_t) = {month_label, quarter_label, year_label};
  for (size_t s = 0; s < kSeries; ++s) {
    for (size_t p = 0; p < out[s].size(); ++p) {
      out[s][p].period = label[s](first[s] + static_cast<int32_t>(p));
      out[s][p].start = p ? out[s][p - 1].active : 0;
    }
    if (capped) out[s].erase(out[s].begin());
  }
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
  for_each_index(gaps.size(), [&](size_t i) {
    ++g.histogram[std::min(static_cast<size_t>(gaps[i] / g.binDays), g.histogram.size() - 1)];
  });
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
  auto series = all_series(c);
  r.monthly = std::move(series[0]);
  r.quarterly = std::move(series[1]);
  r.yearly = std::move(series[2]);
  return r;
}

}  // namespace retention
