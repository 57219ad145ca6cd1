// The churn-risk traffic light (SPEC 4).
#include <doctest/doctest.h>

#include <algorithm>

#include "analytics/churn_risk.hpp"
#include "analytics/retention.hpp"
#include "shop.hpp"

using namespace shop;
using retention::ChurnRisk;
using retention::ChurnRiskMultipliers;

namespace {

struct Run {
  OrderBook orders;
  CustomerTable table;
  std::vector<uint8_t> lights;
  ChurnRisk risk;
};

Run run(const Shop& s, ChurnRiskMultipliers multipliers = {}) {
  Run r{book(s), {}, {}, {}};
  r.table = table(r.orders, s.asOf);
  r.risk = retention::compute_churn_risk(r.table, retention::compute_retention(r.table).gaps, multipliers,
                                         retention::RfThresholds{}, r.lights);
  return r;
}

void check_against_reference(const Shop& s, ChurnRiskMultipliers multipliers = {}) {
  Run r = run(s, multipliers);
  Ref ref = reference(s);
  std::vector<double> gaps;
  for (const auto& [id, c] : ref.customers)
    for (size_t k = 1; k < c.counted.size(); ++k) gaps.push_back(c.counted[k] - c.counted[k - 1]);
  std::sort(gaps.begin(), gaps.end());
  const size_t n = gaps.size();
  const double median = n == 0 ? 90 : n % 2 ? gaps[n / 2] : (gaps[n / 2 - 1] + gaps[n / 2]) / 2;
  CHECK(r.risk.singleOrderExpectedGapDays == median);
  std::array<int64_t, 3> counts{};
  for (size_t row = 0; row < r.table.size(); ++row) {
    const RefCustomer& c = ref.customers.at(id_of(r.orders, r.table, row));
    double mean_gap = 0;
    for (size_t k = 1; k < c.counted.size(); ++k) mean_gap += c.counted[k] - c.counted[k - 1];
    const double expected = c.frequency >= 2 ? mean_gap / (c.frequency - 1) : median;
    const int light = c.recency <= multipliers.green * expected ? 0 : c.recency <= multipliers.amber * expected ? 1 : 2;
    CAPTURE(c.id);
    CHECK(r.lights[row] == light);
    ++counts[static_cast<size_t>(light)];
  }
  CHECK(r.risk.customers == counts);
}

}  // namespace

TEST_CASE("the hand-worked shop: 3 green, 1 amber, 2 red") {
  Run r = run(hand_shop());
  // overall median gap 61 (gaps 0, 31, 91, 506) is the expected gap of single-order customers
  CHECK(r.risk.singleOrderExpectedGapDays == 61);
  // ann: mean gap 537 / 2, recency 0 -> green; ben: mean gap 0 (same day), recency 60 -> red;
  // cat: 553 > 3 x 61 -> red; dan: 167 <= 183 -> amber; fay: 122 <= 1.5 x 91 -> green; gus: 0 -> green
  CHECK(std::vector<int>(r.lights.begin(), r.lights.end()) == std::vector<int>{0, 2, 2, 1, 0, 0});
  CHECK(r.risk.customers == std::array<int64_t, 3>{3, 1, 2});
}

TEST_CASE("the multipliers are configurable") {
  Run r = run(hand_shop(), {3, 10});
  // dan: 167 <= 3 x 61 -> green now; cat: 553 <= 610 -> amber; ben stays red (0 x anything)
  CHECK(std::vector<int>(r.lights.begin(), r.lights.end()) == std::vector<int>{0, 2, 1, 0, 0, 0});
}

TEST_CASE("with no repeat purchase anywhere, the RF active window stands in for the expected gap") {
  Shop s;
  s.orders.push_back({"a", day("2024-06-30"), {{"", cents(100)}}});
  s.orders.push_back({"b", day("2024-03-01"), {{"", cents(100)}}});  // 121 days <= 1.5 x 90: green
  s.orders.push_back({"c", day("2023-06-30"), {{"", cents(100)}}});  // 366 days: red
  Run r = run(s);
  CHECK(r.risk.singleOrderExpectedGapDays == 90);
  CHECK(std::vector<int>(r.lights.begin(), r.lights.end()) == std::vector<int>{0, 0, 2});
}

TEST_CASE("churn risk equals the definition on random shops and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
  check_against_reference(random_shop(3), {1, 1});
  check_against_reference(cdnow());
}

TEST_CASE("the traffic light can come from P(alive) instead of the gaps") {
  // Three customers with the same history; only P(alive) tells them apart.
  retention::CustomerTable table;
  table.asOf = 100;
  for (int i = 0; i < 3; ++i) {
    table.customer.push_back(static_cast<uint32_t>(i));
    table.frequency.push_back(2);
    table.monetary.push_back(10);
    table.firstOrder.push_back(10);
    table.lastOrder.push_back(40);
    table.recencyDays.push_back(60);
  }
  retention::GapStats gaps;
  retention::ChurnRiskMultipliers m;
  std::vector<uint8_t> lights;
  auto by_gaps = retention::compute_churn_risk(table, gaps, m, retention::RfThresholds{}, lights, {0.9, 0.3, 0.1});
  CHECK_FALSE(by_gaps.byPAlive);  // not asked for
  CHECK(by_gaps.customers == std::array<int64_t, 3>{0, 3, 0});  // recency 60 vs gap 30: amber for all
  m.usePAlive = true;
  auto by_p = retention::compute_churn_risk(table, gaps, m, retention::RfThresholds{}, lights, {0.9, 0.3, 0.1});
  CHECK(by_p.byPAlive);
  CHECK(lights == std::vector<uint8_t>{0, 1, 2});
  auto no_model = retention::compute_churn_risk(table, gaps, m, retention::RfThresholds{}, lights, {});
  CHECK_FALSE(no_model.byPAlive);  // no P(alive) column: the gaps decide
}
