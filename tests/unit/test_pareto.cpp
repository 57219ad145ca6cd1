// Pareto: the top 20%'s share and the Lorenz curve (SPEC 4).
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>

#include "analytics/pareto.hpp"
#include "shop.hpp"

using namespace shop;
using retention::Pareto;

namespace {

Pareto run(const Shop& s) { return on_table(s, retention::compute_pareto); }

void check_against_reference(const Shop& s) {
  Pareto p = run(s);
  std::vector<Money> monetary;
  for (const auto& [id, c] : reference(s).customers) monetary.push_back(c.monetary);
  const size_t n = monetary.size();
  std::sort(monetary.begin(), monetary.end(), std::greater<>());  // largest first
  Money total = 0, top = 0;
  for (Money m : monetary) total += m;
  const auto top_count = static_cast<size_t>(std::ceil(0.2 * static_cast<double>(n)));
  for (size_t i = 0; i < top_count; ++i) top += monetary[i];
  CHECK(p.total == total);
  CHECK(p.topCustomers == static_cast<int64_t>(top_count));
  CHECK(p.top == top);
  for (size_t i = 0; i <= 100; ++i) {
    Money lowest = 0;
    for (size_t k = 0; k < i * n / 100; ++k) lowest += monetary[n - 1 - k];
    CAPTURE(i);
    CHECK(p.lorenz[i] == lowest);
  }
}

}  // namespace

TEST_CASE("the hand-worked shop: the top 2 of 6 customers hold 680 of 880") {
  Pareto p = run(hand_shop());
  // monetary ascending: gus 30, dan 50, ben 60, fay 60, ann 180, cat 500
  CHECK(p.topCustomers == 2);  // ceil(0.2 x 6)
  CHECK(p.total == cents(88000));
  CHECK(p.top == cents(68000));
  CHECK(p.lorenz[0] == 0);
  CHECK(p.lorenz[16] == 0);               // floor(16 x 6 / 100) = 0 customers
  CHECK(p.lorenz[17] == cents(3000));     // 1 customer
  CHECK(p.lorenz[50] == cents(14000));    // 3 customers
  CHECK(p.lorenz[100] == cents(88000));
}

TEST_CASE("one customer holds everything; equal customers share evenly") {
  Shop one;
  one.orders.push_back({"solo", day("2024-01-01"), {{"", cents(1000)}}});
  Pareto p = run(one);
  CHECK(p.topCustomers == 1);
  CHECK(p.top == p.total);
  CHECK(p.lorenz[99] == 0);
  CHECK(p.lorenz[100] == cents(1000));
  Shop tied;
  for (const char* id : {"a", "b", "c", "d", "e"}) tied.orders.push_back({id, day("2024-01-01"), {{"", cents(1000)}}});
  Pareto t = run(tied);
  CHECK(t.topCustomers == 1);
  CHECK(t.top == cents(1000));
  CHECK(t.lorenz[20] == cents(1000));
  CHECK(t.lorenz[39] == cents(1000));
  CHECK(t.lorenz[40] == cents(2000));
}

TEST_CASE("Pareto equals the definition on random shops and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
  check_against_reference(cdnow());
}
