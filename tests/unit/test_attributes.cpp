// The attribute profile: customers, revenue and segment mix per attribute value (SPEC 4).
#include <doctest/doctest.h>

#include "analytics/attributes.hpp"
#include "shop.hpp"

using namespace shop;
using retention::AttributeProfile;

namespace {

struct Run : Segmented {
  std::vector<AttributeProfile> profiles;
};

Run run(const Shop& s) {
  Run r{segmented(s), {}};
  r.profiles = retention::compute_attributes(r.orders, {"country"}, r.table, r.per_customer.segment, r.rfm.segments.size());
  return r;
}

void check_against_reference(const Shop& s) {
  Run r = run(s);
  Ref ref = reference(s);
  REQUIRE(r.profiles.size() == 1);
  const AttributeProfile& p = r.profiles[0];
  CHECK(p.attribute == "country");
  // value -> segment -> (customers, revenue), and the customers without a value
  std::map<std::string, std::map<size_t, std::pair<int64_t, Money>>> expected;
  int64_t without = 0;
  for (size_t row = 0; row < r.table.size(); ++row) {
    const std::string id = id_of(r.orders, r.table, row);
    auto it = s.country.find(id);
    if (it == s.country.end()) {
      ++without;
      continue;
    }
    auto& cell = expected[it->second][r.per_customer.segment[row]];
    cell.first += 1;
    cell.second += ref.customers.at(id).monetary;
  }
  CHECK(p.customersWithoutValue == without);
  REQUIRE(p.values.size() == expected.size());  // four countries at most: none omitted
  for (size_t i = 0; i < p.values.size(); ++i) {
    const auto& v = p.values[i];
    CAPTURE(v.value);
    int64_t customers = 0;
    for (size_t seg = 0; seg < r.rfm.segments.size(); ++seg) {
      auto e = expected[v.value][seg];
      CHECK(v.bySegment[seg].customers == e.first);
      CHECK(v.bySegment[seg].revenue == e.second);
      customers += e.first;
    }
    CHECK(v.all.customers == customers);
    if (i > 0) CHECK(p.values[i - 1].all.customers >= v.all.customers);
  }
}

}  // namespace

TEST_CASE("the hand-worked shop: customers by country and segment") {
  Run r = run(hand_shop());
  REQUIRE(r.profiles.size() == 1);
  const AttributeProfile& p = r.profiles[0];
  CHECK(p.customersWithoutValue == 1);  // fay; eve (FR) has no counted order and is not listed
  CHECK(p.valuesOmitted == 0);
  REQUIRE(p.values.size() == 2);
  const auto& uk = p.values[0];
  CHECK(uk.value == "UK");  // ann, cat, gus
  CHECK(uk.all.customers == 3);
  CHECK(uk.all.revenue == cents(71000));
  CHECK(uk.bySegment[1].customers == 1);  // ann: Potential Loyalist
  CHECK(uk.bySegment[4].customers == 1);  // gus: New Customers
  CHECK(uk.bySegment[6].customers == 1);  // cat: At Risk
  CHECK(uk.bySegment[6].revenue == cents(50000));
  const auto& de = p.values[1];
  CHECK(de.value == "DE");  // ben, dan
  CHECK(de.all.revenue == cents(11000));
  // over the 5 customers with a country: Potential Loyalist 2, Loyal Customers 1, New Customers 1, At Risk 1
  CHECK(p.segmentTotals[1].customers == 2);
  CHECK(p.segmentTotals[2].customers == 1);
  CHECK(p.segmentTotals[4].customers == 1);
  CHECK(p.segmentTotals[6].customers == 1);
}

TEST_CASE("values are ranked by customers, then by name, and only the largest are listed") {
  Shop s;
  for (int c = 0; c < 60; ++c) {
    const std::string id = "c" + std::to_string(c);
    s.orders.push_back({id, day("2024-01-01"), {{"", cents(100)}}});
    s.country[id] = c < 5 ? "Zed" : "v" + std::to_string(100 + c);  // Zed has 5 customers, the rest 1 each
  }
  Run r = run(s);
  const AttributeProfile& p = r.profiles[0];
  REQUIRE(p.values.size() == retention::kMaxAttributeValues);
  CHECK(p.values[0].value == "Zed");
  CHECK(p.values[1].value == "v105");
  CHECK(p.valuesOmitted == 55 - 49);
}

TEST_CASE("the attribute profile equals the definition on random shops") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
}
