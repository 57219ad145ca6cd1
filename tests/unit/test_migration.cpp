// Segment migration: RF cell a year before asOf versus at asOf (SPEC 4).
#include <doctest/doctest.h>

#include "analytics/migration.hpp"
#include "analytics/rf_matrix.hpp"
#include "shop.hpp"

using namespace shop;
using retention::Migration;
using retention::RfThresholds;

namespace {

Migration run(const Shop& s, const RfThresholds& rf = {}) {
  OrderBook b = book(s);
  CustomerTable t = table(b, s.asOf);
  return retention::compute_migration(t, rf, retention::rf_cells(t, rf));
}

void check_against_reference(const Shop& s) {
  Migration m = run(s);
  Ref ref = reference(s);
  const Date from = ref.asOf - 365;
  std::array<std::array<int64_t, 9>, 10> expected{};
  for (const auto& [id, c] : ref.customers) {
    int before = 0;
    Date last = 0;
    for (Date d : c.counted)
      if (d <= from) ++before, last = d;
    const size_t origin = before == 0 ? 0 : static_cast<size_t>(1 + spec_cell(from - last, before));
    ++expected[origin][static_cast<size_t>(spec_cell(c.recency, c.frequency))];
  }
  CHECK(m.from == from);
  CHECK(m.customers == expected);
}

}  // namespace

TEST_CASE("the hand-worked shop: where each customer was on 2023-07-01 and is on 2024-06-30") {
  Migration m = run(hand_shop());
  CHECK(m.from == day("2023-07-01"));  // 365 days before 2024-06-30 (a leap year)
  // ann: 2 orders by then, last 2023-02-10 (141 days) -> churning/multi; now active/highValue
  CHECK(m.customers[1 + 4][2] == 1);
  // cat: 1 order, 188 days -> churning/single; now lapsed/single
  CHECK(m.customers[1 + 3][6] == 1);
  // new: ben -> active/multi, dan -> churning/single, fay -> churning/multi, gus -> active/single
  CHECK(m.customers[0] == std::array<int64_t, 9>{1, 1, 0, 1, 1, 0, 0, 0, 0});
  int64_t total = 0;
  for (const auto& row : m.customers)
    for (int64_t n : row) total += n;
  CHECK(total == 6);
}

TEST_CASE("a customer's cell on a past day counts only the counted orders up to that day") {
  OrderBook b = book(hand_shop());
  CustomerTable t = table(b, {});
  RfThresholds rf;
  CHECK(retention::rf_cell_at(t, 0, day("2023-01-09"), rf) == -1);  // ann before her first order
  CHECK(retention::rf_cell_at(t, 0, day("2023-01-10"), rf) == 0);   // active/single on the day
  CHECK(retention::rf_cell_at(t, 0, day("2023-05-11"), rf) == 4);   // 90 days after 2023-02-10
  CHECK(retention::rf_cell_at(t, 3, day("2024-02-01"), rf) == 0);   // dan: the refund is not an order
}

TEST_CASE("migration equals the definition on random shops and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
  check_against_reference(cdnow());
}
