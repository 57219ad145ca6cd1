#include "analytics/rfm.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "analytics/stats.hpp"
#include "model/blocks.hpp"
#include "model/select.hpp"

namespace retention {

std::vector<SegmentRule> default_segment_rules() {
  using Range = std::array<int32_t, 2>;
  // No texts: the dashboard's translatable table words the default segments (issue 10).
  auto rule = [](const char* name, Range r, Range f, Range m, bool outside_active_band = false) {
    SegmentRule out;
    out.name = name;
    out.r = r, out.f = f, out.m = m;
    out.outsideActiveBand = outside_active_band;
    return out;
  };
  constexpr bool lapsed = true;  // SPEC 4: lapsed-type segments only outside the active band
  return {
      rule("Champions", {5, 5}, {5, 5}, {5, 5}),
      rule("Potential Loyalist", {3, 5}, {3, 5}, {2, 5}),
      rule("Loyal Customers", {2, 4}, {2, 4}, {2, 4}),
      rule("Promising", {3, 4}, {1, 3}, {3, 5}),
      rule("New Customers", {4, 5}, {1, 3}, {1, 5}),
      rule("Can't Lose Them", {1, 2}, {3, 4}, {4, 5}, lapsed),
      rule("At Risk", {1, 2}, {2, 5}, {4, 5}, lapsed),
      rule("Need Attention", {1, 3}, {3, 5}, {3, 5}),
      rule("About To Sleep", {2, 3}, {1, 3}, {1, 4}, lapsed),
      rule("Lost", {1, 1}, {1, 5}, {1, 5}, lapsed),
  };
}

namespace {

// SPEC 4: score = 1 + (5 (2w + t)) div (2n), at most 5.
uint8_t mid_rank_score(int64_t worse, int64_t tied, int64_t n) {
  return static_cast<uint8_t>(std::min<int64_t>(5, 1 + 5 * (2 * worse + tied) / (2 * n)));
}

}  // namespace

std::vector<uint8_t> mid_rank_scores(const std::vector<int64_t>& values) {
  const auto n = static_cast<int64_t>(values.size());
  std::vector<uint8_t> scores(values.size());
  if (values.empty()) return scores;
  int64_t min = values[0], max = values[0];
  for_each_index(values.size(), [&](size_t i) {
    min = std::min(min, values[i]);
    max = std::max(max, values[i]);
  });
  // Recency days and order counts span a few thousand values: count them (linear) instead of sorting.
  const uint64_t span = static_cast<uint64_t>(max) - static_cast<uint64_t>(min);  // no signed overflow
  if (span < 2 * values.size() + 4096) {
    std::vector<int64_t> below(static_cast<size_t>(span) + 2, 0);  // below[v - min] = values < v, after the sums
    for_each_index(values.size(), [&](size_t i) {
      ++below[static_cast<size_t>(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(min)) + 1];
    });
    for_each_index(below.size() - 1, [&](size_t k) { below[k + 1] += below[k]; });
    for_each_index(values.size(), [&](size_t i) {
      const auto k = static_cast<size_t>(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(min));
      scores[i] = mid_rank_score(below[k], below[k + 1] - below[k], n);
    });
    return scores;
  }
  // Wide ranges (money): the values where the score steps up, found by selection without a sorted
  // copy (issue 11). g(v) = 2w + t grows with v, so score k + 1 starts at the smallest value with
  // 5 g(v) >= 2 n k. That is the value c at rank floor(n k / 5) when c qualifies: every smaller value
  // has w + t <= w(c) <= n k / 5, so g < 2 n k / 5. Otherwise it is the next larger value, whose
  // w = w(c) + t(c) exceeds n k / 5.
  std::vector<size_t> ranks;
  for (int64_t k = 1; k < 5; ++k) ranks.push_back(static_cast<size_t>(n * k / 5));
  const std::vector<int64_t> at = smallest_at_ranks<int64_t>(
      [&](auto f) { for_each_index(values.size(), [&](size_t i) { f(values[i]); }); },
      min, max, ranks);
  std::array<int64_t, 4> below{}, tied{}, next{};
  std::array<bool, 4> has_next{};
  for_each_index(values.size(), [&](size_t i) {
    const int64_t v = values[i];
    for (size_t k = 0; k < 4; ++k) {
      below[k] += v < at[k];
      tied[k] += v == at[k];
      if (v > at[k] && (!has_next[k] || v < next[k])) {
        next[k] = v;
        has_next[k] = true;
      }
    }
  });
  std::array<int64_t, 4> start{};  // the score is at least k + 2 from start[k] on (when steps[k])
  std::array<bool, 4> steps{};
  for (size_t k = 0; k < 4; ++k) {
    const bool qualifies = 5 * (2 * below[k] + tied[k]) >= 2 * n * static_cast<int64_t>(k + 1);
    start[k] = qualifies ? at[k] : next[k];
    steps[k] = qualifies || has_next[k];
  }
  for_each_index(values.size(), [&](size_t i) {
    uint8_t score = 1;
    for (size_t k = 0; k < 4; ++k) score += steps[k] && values[i] >= start[k];
    scores[i] = score;
  });
  return scores;
}

namespace {

// The customers and the value range behind each score: the thresholds where scores change.
std::array<ScoreBand, 5> bands(const std::vector<uint8_t>& scores, const std::vector<int64_t>& values) {
  std::array<ScoreBand, 5> out{};
  for_each_index(scores.size(), [&](size_t i) {
    ScoreBand& b = out[scores[i] - 1u];
    if (b.customers++ == 0) b.min = b.max = values[i];
    b.min = std::min(b.min, values[i]);
    b.max = std::max(b.max, values[i]);
  });
  return out;
}

bool within(int score, const std::array<int32_t, 2>& range) { return range[0] <= score && score <= range[1]; }

bool matches(const SegmentRule& rule, int r, int f, int m, bool active) {
  return within(r, rule.r) && within(f, rule.f) && within(m, rule.m) && !(active && rule.outsideActiveBand);
}

}  // namespace

Rfm compute_rfm(const CustomerTable& customers, const std::vector<SegmentRule>& rules, int32_t activeBelowDays,
                CustomerResults& out) {
  const size_t n = customers.size();
  // One scratch column for the three scores in turn (issue 11: not four held at once).
  std::vector<int64_t> values(n);
  auto score = [&](std::vector<uint8_t>& scores, auto value_of, auto banded_value_of) {
    for_each_index(n, [&](size_t i) { values[i] = value_of(i); });
    scores = mid_rank_scores(values);
    for_each_index(n, [&](size_t i) { values[i] = banded_value_of(i); });
    return bands(scores, values);
  };
  auto recency = [&](size_t i) -> int64_t { return customers.recencyDays[i]; };
  auto less_recent = [&](size_t i) { return -recency(i); };  // SPEC 4: a larger recencyDays is worse
  auto frequency = [&](size_t i) -> int64_t { return customers.frequency[i]; };
  auto monetary = [&](size_t i) -> int64_t { return customers.monetary[i]; };

  Rfm rfm;
  rfm.scores = {score(out.r, less_recent, recency), score(out.f, frequency, frequency),
                score(out.m, monetary, monetary)};
  values = std::vector<int64_t>();
  for (const SegmentRule& rule : rules) rfm.segments.push_back({rule.name, rule, 0, 0, 0, 0, 0, 0});
  rfm.segments.push_back({kOtherSegment, std::nullopt, 0, 0, 0, 0, 0, 0});

  out.segment.resize(n);
  std::vector<int64_t> recency_sum(rfm.segments.size()), frequency_sum(rfm.segments.size());
  for_each_index(n, [&](size_t i) {
    size_t s = 0;
    const bool active = customers.recencyDays[i] < activeBelowDays;
    while (s < rules.size() && !matches(rules[s], out.r[i], out.f[i], out.m[i], active)) ++s;
    out.segment[i] = static_cast<uint8_t>(s);
    SegmentStats& stats = rfm.segments[s];
    ++stats.customers;
    stats.revenue += customers.monetary[i];
    recency_sum[s] += customers.recencyDays[i];
    frequency_sum[s] += customers.frequency[i];
  });

  // Monetary gathered by segment (a counting sort), then each segment's median by selection.
  std::vector<size_t> run_start(rfm.segments.size() + 1, 0);
  for_each_index(n, [&](size_t i) { ++run_start[out.segment[i] + 1u]; });
  for (size_t s = 1; s < run_start.size(); ++s) run_start[s] += run_start[s - 1];
  std::vector<Money> by_segment(n);
  {
    std::vector<size_t> next(run_start.begin(), run_start.end() - 1);
    for_each_index(n, [&](size_t i) { by_segment[next[out.segment[i]]++] = customers.monetary[i]; });
  }
  for (size_t s = 0; s < rfm.segments.size(); ++s) {
    SegmentStats& stats = rfm.segments[s];
    if (stats.customers == 0) continue;
    stats.averageMonetary = average_money(stats.revenue, stats.customers);
    stats.medianMonetary = select_median_money(by_segment.data() + run_start[s], by_segment.data() + run_start[s + 1]);
    stats.averageRecencyDays = static_cast<double>(recency_sum[s]) / static_cast<double>(stats.customers);
    stats.averageFrequency = static_cast<double>(frequency_sum[s]) / static_cast<double>(stats.customers);
  }
  return rfm;
}

}  // namespace retention
