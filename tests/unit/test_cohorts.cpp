// Monthly acquisition cohorts (SPEC 4).
#include <doctest/doctest.h>

#include <set>

#include "analytics/cohorts.hpp"
#include "shop.hpp"

using namespace shop;
using retention::Cohorts;

namespace {

Cohorts run(const Shop& s) { return on_table(s, retention::compute_cohorts); }

int months_between(Date from, Date to) {
  std::string a = retention::format_date(from), b = retention::format_date(to);
  return (std::stoi(b.substr(0, 4)) - std::stoi(a.substr(0, 4))) * 12 + std::stoi(b.substr(5, 2)) -
         std::stoi(a.substr(5, 2));
}

void check_against_reference(const Shop& s) {
  Cohorts got = run(s);
  Ref ref = reference(s);
  // (cohort month, offset) -> distinct customers and the revenue of their counted orders
  std::map<std::pair<std::string, int>, std::set<std::string>> who;
  std::map<std::pair<std::string, int>, Money> revenue;
  std::map<std::string, int64_t> size;
  Date first = ref.asOf;
  for (const auto& [id, c] : ref.customers) {
    const std::string cohort = retention::format_date(c.first).substr(0, 7);
    ++size[cohort];
    first = std::min(first, c.first);
    for (const auto& [date, net] : c.all) {
      if (net <= 0) continue;
      who[{cohort, months_between(c.first, date)}].insert(id);
      revenue[{cohort, months_between(c.first, date)}] += net;
    }
  }
  const int months = months_between(first, ref.asOf) + 1;
  REQUIRE(got.months.size() == static_cast<size_t>(months));
  for (int m = 0; m < months; ++m) {
    const std::string& month = got.months[static_cast<size_t>(m)];
    CAPTURE(month);
    CHECK(months_between(first, day((month + "-01").c_str())) == m);
    CHECK(got.size[static_cast<size_t>(m)] == size[month]);
    REQUIRE(got.customers[static_cast<size_t>(m)].size() == static_cast<size_t>(months - m));
    for (int k = 0; k < months - m; ++k) {
      CHECK(got.customers[static_cast<size_t>(m)][static_cast<size_t>(k)] ==
            static_cast<int64_t>(who[{month, k}].size()));
      CHECK(got.revenue[static_cast<size_t>(m)][static_cast<size_t>(k)] == revenue[{month, k}]);
    }
  }
}

}  // namespace

TEST_CASE("the hand-worked shop: cohorts from 2022-12 to 2024-06") {
  Cohorts c = run(hand_shop());
  REQUIRE(c.months.size() == 19);
  CHECK(c.months.front() == "2022-12");
  CHECK(c.months.back() == "2024-06");
  CHECK(c.customers.front().size() == 19);
  CHECK(c.customers.back().size() == 1);
  CHECK(c.size[0] == 1);  // cat
  CHECK(c.revenue[0][0] == cents(50000));
  // ann (2023-01): 100 in month 0, 50 in month 1, 30 in month 17
  CHECK(c.size[1] == 1);
  CHECK(c.customers[1][0] == 1);
  CHECK(c.customers[1][1] == 1);
  CHECK(c.customers[1][2] == 0);
  CHECK(c.customers[1][17] == 1);
  CHECK(c.revenue[1][17] == cents(3000));
  // dan (2024-01): the February refund is not a counted order
  CHECK(c.revenue[13][0] == cents(7000));
  CHECK(c.customers[13][1] == 0);
  CHECK(c.revenue[13][1] == 0);
  // ben (2024-05): two orders on one day are one customer, 60 in all
  CHECK(c.customers[17][0] == 1);
  CHECK(c.revenue[17][0] == cents(6000));
  // a month without new customers is a cohort of size 0
  CHECK(c.size[2] == 0);
}

TEST_CASE("cohorts span at most 600 months; customers who came earlier are counted apart") {
  Shop s;
  s.orders.push_back({"typo", day("0202-01-05"), {{"", cents(100)}}});
  s.orders.push_back({"old", day("1974-07-01"), {{"", cents(100)}}});  // month 600 before 2024-06
  s.orders.push_back({"now", day("2024-06-30"), {{"", cents(100)}}});
  Cohorts c = run(s);
  REQUIRE(c.months.size() == 600);
  CHECK(c.months.front() == "1974-07");
  CHECK(c.customersOmitted == 1);
  CHECK(c.size.front() == 1);
}

TEST_CASE("cohorts equal the definition on random shops and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
  check_against_reference(cdnow());
}
