// Period performance by RF cell: month-to-date and year-to-date against a year earlier (SPEC 4).
#include <doctest/doctest.h>

#include <set>

#include "analytics/performance.hpp"
#include "analytics/rf_matrix.hpp"
#include "shop.hpp"

using namespace shop;
using retention::Performance;
using retention::RfThresholds;
using retention::SpanTotals;

namespace {

Performance run(const Shop& s) {
  OrderBook b = book(s);
  CustomerTable t = table(b, s.asOf);
  return retention::compute_performance(t, RfThresholds{}, retention::rf_cells(t, RfThresholds{}));
}

// A span by its date text: [from, to] inclusive, customers grouped by their cell on `to`.
SpanTotals reference_span(const Ref& ref, const std::string& from, const std::string& to) {
  SpanTotals t;
  const Date end = day(to.c_str());
  for (const auto& [id, c] : ref.customers) {
    int frequency = 0;
    Date last = 0;
    for (Date d : c.counted)
      if (d <= end) ++frequency, last = d;
    if (frequency == 0) continue;
    const auto k = static_cast<size_t>(spec_cell(end - last, frequency));
    bool bought = false;
    for (const auto& [date, net] : c.all) {
      const std::string iso = retention::format_date(date);
      if (iso < from || iso > to) continue;
      t.revenue[k] += net;
      if (net > 0) ++t.orders[k], bought = true;
    }
    t.customers[k] += bought;
  }
  return t;
}

void check_span(const SpanTotals& got, const SpanTotals& expected) {
  CHECK(got.revenue == expected.revenue);
  CHECK(got.orders == expected.orders);
  CHECK(got.customers == expected.customers);
}

void check_against_reference(const Shop& s) {
  Performance p = run(s);
  Ref ref = reference(s);
  const std::string to = retention::format_date(ref.asOf);
  const int year = std::stoi(to.substr(0, 4));
  std::string before = std::to_string(year - 1) + to.substr(4);
  if (before.substr(5) == "02-29") before = before.substr(0, 5) + "02-28";
  const std::string month_from = to.substr(0, 8) + "01", previous_month_from = before.substr(0, 8) + "01";
  CHECK(retention::format_date(p.monthToDate.from) == month_from);
  CHECK(retention::format_date(p.monthToDate.previousTo) == before);
  CHECK(retention::format_date(p.yearToDate.previousFrom) == before.substr(0, 4) + "-01-01");
  check_span(p.monthToDate.current, reference_span(ref, month_from, to));
  check_span(p.monthToDate.previous, reference_span(ref, previous_month_from, before));
  check_span(p.yearToDate.current, reference_span(ref, to.substr(0, 4) + "-01-01", to));
  check_span(p.yearToDate.previous, reference_span(ref, before.substr(0, 4) + "-01-01", before));
}

}  // namespace

TEST_CASE("the hand-worked shop: June and 2024 so far against June and 2023 up to 30 June") {
  Performance p = run(hand_shop());
  const auto& mtd = p.monthToDate;
  CHECK(mtd.from == day("2024-06-01"));
  CHECK(mtd.to == day("2024-06-30"));
  CHECK(mtd.previousFrom == day("2023-06-01"));
  CHECK(mtd.previousTo == day("2023-06-30"));
  // June 2024: ann 30 (active/highValue), gus 30 (active/single)
  CHECK(mtd.current.revenue == std::array<Money, 9>{cents(3000), 0, cents(3000), 0, 0, 0, 0, 0, 0});
  CHECK(mtd.current.customers == std::array<int64_t, 9>{1, 0, 1, 0, 0, 0, 0, 0, 0});
  CHECK(mtd.previous.orders == std::array<int64_t, 9>{});
  const auto& ytd = p.yearToDate;
  // 2024: ben two orders (active/multi), dan 70 - 20 with one order (churning/single), fay 40 (churning/multi)
  CHECK(ytd.current.revenue == std::array<Money, 9>{cents(3000), cents(6000), cents(3000), cents(5000), cents(4000), 0, 0, 0, 0});
  CHECK(ytd.current.orders == std::array<int64_t, 9>{1, 2, 1, 1, 1, 0, 0, 0, 0});
  // 2023 to 30 June: ann's 100 + 50, and on 2023-06-30 she was churning/multi; cat bought nothing then
  CHECK(ytd.previous.revenue == std::array<Money, 9>{0, 0, 0, 0, cents(15000), 0, 0, 0, 0});
  CHECK(ytd.previous.orders[4] == 2);
  CHECK(ytd.previous.customers[4] == 1);
}

TEST_CASE("29 February compares with 28 February a year earlier") {
  Shop s;
  s.orders.push_back({"a", day("2023-02-28"), {{"", cents(100)}}});
  s.orders.push_back({"a", day("2024-02-29"), {{"", cents(200)}}});
  Performance p = run(s);
  CHECK(p.monthToDate.previousTo == day("2023-02-28"));
  CHECK(p.monthToDate.previous.orders[0] == 1);  // active/single on 2023-02-28
  CHECK(p.monthToDate.current.orders[1] == 1);   // active/multi now
}

TEST_CASE("performance equals the definition on random shops and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
  check_against_reference(cdnow());
}
