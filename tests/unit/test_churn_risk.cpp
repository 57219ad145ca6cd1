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

Run run(const Shop& s, ChurnRiskMultipliers multipliers = {}, const std::vector<double>& p_alive = {}) {
  Run r{book(s), {}, {}, {}};
  r.table = table(r.orders, s.asOf);
  r.risk = retention::compute_churn_risk(r.table, multipliers, retention::RfThresholds{}, r.lights, p_alive);
  return r;
}

// numpy.quantile(values, q) with its default (linear) method, written out independently.
double numpy_quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1) * q;
  const auto lo = static_cast<size_t>(h);
  const size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

void check_against_reference(const Shop& s, ChurnRiskMultipliers multipliers = {}) {
  Run r = run(s, multipliers);
  Ref ref = reference(s);
  std::vector<double> second;  // SPEC 4: days from each repeat customer's first counted order to the second
  for (const auto& [id, c] : ref.customers)
    if (c.counted.size() >= 2) second.push_back(c.counted[1] - c.counted[0]);
  const double single = second.empty() ? 90 : numpy_quantile(second, 0.9);
  CHECK(r.risk.singleOrderExpectedGapDays == doctest::Approx(single).epsilon(1e-12));
  CHECK(r.risk.secondOrders == static_cast<int64_t>(second.size()));
  std::array<int64_t, 3> counts{};
  for (size_t row = 0; row < r.table.size(); ++row) {
    const RefCustomer& c = ref.customers.at(id_of(r.orders, r.table, row));
    double mean_gap = 0;
    for (size_t k = 1; k < c.counted.size(); ++k) mean_gap += c.counted[k] - c.counted[k - 1];
    const double expected = c.frequency >= 2 ? mean_gap / (c.frequency - 1) : single;
    const int light = c.recency <= multipliers.green * expected ? 0 : c.recency <= multipliers.amber * expected ? 1 : 2;
    CAPTURE(c.id);
    CHECK(r.lights[row] == light);
    ++counts[static_cast<size_t>(light)];
  }
  CHECK(r.risk.customers == counts);
  CHECK_FALSE(r.risk.byPAlive);
  CHECK(r.risk.clampedByPAlive == 0);
}

// Customers "c0", "c1" ... who each ordered on the given days (days since 1970), looked at on day 100.
Shop days_shop(const std::vector<std::vector<Date>>& orders) {
  Shop s;
  s.asOf = 100;
  s.products = false;
  for (size_t c = 0; c < orders.size(); ++c)
    for (Date d : orders[c]) s.orders.push_back({"c" + std::to_string(c), d, {{"", cents(1000)}}});
  return s;
}

std::vector<int> lights_of(const Run& r) { return std::vector<int>(r.lights.begin(), r.lights.end()); }

}  // namespace

TEST_CASE("the hand-worked shop: 3 green, 1 amber, 2 red") {
  Run r = run(hand_shop());
  // first-to-second-order gaps: ben 0 (same day), ann 31, fay 91; their 90th percentile (numpy linear):
  // position 0.9 x 2 = 1.8, 31 + 0.8 x (91 - 31) = 79 days is a one-time buyer's expected gap
  CHECK(r.risk.singleOrderExpectedGapDays == 79);
  CHECK(r.risk.secondOrders == 3);
  // ann: mean gap 537 / 2, recency 0 -> green; ben: mean gap 0 (same day), recency 60 -> red;
  // cat: 553 > 3 x 79 -> red; dan: 118.5 < 167 <= 237 -> amber; fay: 122 <= 1.5 x 91 -> green; gus: 0 -> green
  CHECK(std::vector<int>(r.lights.begin(), r.lights.end()) == std::vector<int>{0, 2, 2, 1, 0, 0});
  CHECK(r.risk.customers == std::array<int64_t, 3>{3, 1, 2});
}

TEST_CASE("the multipliers are configurable") {
  Run r = run(hand_shop(), {3, 10});
  // dan: 167 <= 3 x 79 -> green now; cat: 553 <= 790 -> amber; ben stays red (0 x anything)
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

TEST_CASE("only counted orders make the first-to-second-order gap") {
  Shop s = days_shop({{10, 70}, {20, 30, 40}, {50}});
  s.orders.push_back({"c0", 14, {{"", cents(-500)}}});  // a refund between: not an order
  s.orders.push_back({"c1", 25, {{"", cents(0)}}});     // a zero-amount order: does not count
  Run r = run(s);
  CHECK(retention::first_to_second_order_gaps(r.table) == std::vector<int32_t>{10, 60});
  // 90th percentile of {10, 60}: 10 + 0.9 x 50 = 55
  CHECK(r.risk.singleOrderExpectedGapDays == 55);
  // c2 bought once 50 days ago: 50 <= 1.5 x 55 -> green
  CHECK(r.lights[2] == 0);
}

TEST_CASE("when a model fitted, the light comes from P(alive) by default") {
  // Three customers with the same history (gap 30 days, last order 60 days ago: amber by the gaps);
  // only P(alive) tells them apart.
  const Shop s = days_shop({{10, 40}, {10, 40}, {10, 40}});
  Run by_p = run(s, {}, {0.9, 0.3, 0.1});
  CHECK(by_p.risk.byPAlive);
  CHECK(lights_of(by_p) == std::vector<int>{0, 1, 2});
  CHECK(by_p.risk.customers == std::array<int64_t, 3>{1, 1, 1});
  CHECK(by_p.risk.clampedByPAlive == 0);

  Run no_model = run(s, {}, {});
  CHECK_FALSE(no_model.risk.byPAlive);  // no P(alive) column: the gaps decide
  CHECK(no_model.risk.customers == std::array<int64_t, 3>{0, 3, 0});

  ChurnRiskMultipliers gaps;
  gaps.basis = retention::ChurnBasis::gaps;
  Run asked_gaps = run(s, gaps, {0.9, 0.3, 0.1});
  CHECK_FALSE(asked_gaps.risk.byPAlive);
  CHECK(asked_gaps.risk.customers == std::array<int64_t, 3>{0, 3, 0});  // amber never contradicts P(alive)
}

TEST_CASE("the P(alive) thresholds are configurable") {
  const Shop s = days_shop({{10, 40}, {10, 40}, {10, 40}, {10, 40}});
  ChurnRiskMultipliers m;
  m.pAliveGreen = 0.7;
  m.pAliveAmber = 0.4;
  Run r = run(s, m, {0.7, 0.69, 0.4, 0.39});  // the limits themselves are inclusive
  CHECK(lights_of(r) == std::vector<int>{0, 1, 1, 2});
}

TEST_CASE("on the gaps basis a light that contradicts P(alive) becomes amber") {
  // c0: recency 0 -> green by the gaps, P(alive) 0.1 -> amber; c1: same, P(alive) exactly 0.2 -> stays green;
  // c2: 90 days after a 10-day gap -> red by the gaps, P(alive) 0.95 -> amber; c3: same, 0.8 -> stays red.
  ChurnRiskMultipliers gaps;
  gaps.basis = retention::ChurnBasis::gaps;
  const Shop s = days_shop({{90, 100}, {90, 100}, {0, 10}, {0, 10}});
  Run r = run(s, gaps, {0.1, 0.2, 0.95, 0.8});
  CHECK(lights_of(r) == std::vector<int>{1, 0, 1, 2});
  CHECK(r.risk.clampedByPAlive == 2);
  CHECK(r.risk.customers == std::array<int64_t, 3>{1, 2, 1});
  Run without = run(s, gaps, {});
  CHECK(lights_of(without) == std::vector<int>{0, 0, 2, 2});
  CHECK(without.risk.clampedByPAlive == 0);
}

TEST_CASE("thresholds set outside the guard still never paint green below 0.2 or red above 0.8") {
  const Shop s = days_shop({{10, 40}, {10, 40}});
  ChurnRiskMultipliers low;
  low.pAliveGreen = 0.1;
  low.pAliveAmber = 0.05;
  CHECK(lights_of(run(s, low, {0.15, 0.1})) == std::vector<int>{1, 1});
  ChurnRiskMultipliers high;
  high.pAliveGreen = 0.95;
  high.pAliveAmber = 0.9;
  CHECK(lights_of(run(s, high, {0.85, 0.5})) == std::vector<int>{1, 2});
}
