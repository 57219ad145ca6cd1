// RFM scores, thresholds and named segments (SPEC 4).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "analytics/rfm.hpp"
#include "shop.hpp"

using namespace shop;
using retention::SegmentRule;

namespace {

// SPEC 4 literally: count the customers with a strictly worse value, one pair at a time.
int spec_score(int64_t value, const std::vector<int64_t>& all, bool larger_is_worse) {
  int64_t worse = 0;
  for (int64_t other : all) worse += larger_is_worse ? other > value : other < value;
  return static_cast<int>(std::min<int64_t>(5, 1 + 5 * worse / static_cast<int64_t>(all.size())));
}

struct Scored {
  int r, f, m;
  std::string segment;
};

// Scores by the definition: per distinct value, the customers with a strictly worse one, from counts.
std::map<std::string, Scored> reference_scores(const Ref& ref, const std::vector<SegmentRule>& rules) {
  std::map<int64_t, int64_t> recency, frequency, monetary;  // value -> customers
  for (const auto& [id, c] : ref.customers) ++recency[c.recency], ++frequency[c.frequency], ++monetary[c.monetary];
  const auto n = static_cast<int64_t>(ref.customers.size());
  auto worse_than = [](const std::map<int64_t, int64_t>& counts, bool larger_is_worse) {
    std::map<int64_t, int64_t> worse;  // value -> customers with a worse value
    int64_t seen = 0;
    if (larger_is_worse) {
      for (auto it = counts.rbegin(); it != counts.rend(); seen += it->second, ++it) worse[it->first] = seen;
    } else {
      for (auto it = counts.begin(); it != counts.end(); seen += it->second, ++it) worse[it->first] = seen;
    }
    return worse;
  };
  auto worse_r = worse_than(recency, true), worse_f = worse_than(frequency, false), worse_m = worse_than(monetary, false);
  auto score = [&](int64_t worse) { return static_cast<int>(std::min<int64_t>(5, 1 + 5 * worse / n)); };
  std::map<std::string, Scored> out;
  for (const auto& [id, c] : ref.customers) {
    Scored s{score(worse_r[c.recency]), score(worse_f[c.frequency]), score(worse_m[c.monetary]), "Others"};
    for (const SegmentRule& rule : rules) {
      if (rule.r[0] <= s.r && s.r <= rule.r[1] && rule.f[0] <= s.f && s.f <= rule.f[1] && rule.m[0] <= s.m &&
          s.m <= rule.m[1]) {
        s.segment = rule.name;
        break;
      }
    }
    out[id] = s;
  }
  return out;
}

Segmented run(const Shop& s, const std::vector<SegmentRule>& rules = retention::default_segment_rules()) {
  return segmented(s, rules);
}

void check_against_reference(const Shop& s, const std::vector<SegmentRule>& rules) {
  Segmented r = run(s, rules);
  Ref ref = reference(s);
  auto expected = reference_scores(ref, rules);
  REQUIRE(r.table.size() == expected.size());
  std::map<std::string, std::vector<Money>> monetary_by_segment;
  for (size_t row = 0; row < r.table.size(); ++row) {
    const std::string id = id_of(r.orders, r.table, row);
    const Scored& e = expected.at(id);
    CAPTURE(id);
    CHECK(r.per_customer.r[row] == e.r);
    CHECK(r.per_customer.f[row] == e.f);
    CHECK(r.per_customer.m[row] == e.m);
    CHECK(r.rfm.segments[r.per_customer.segment[row]].name == e.segment);
    monetary_by_segment[e.segment].push_back(ref.customers.at(id).monetary);
  }
  for (const auto& seg : r.rfm.segments) {
    auto values = monetary_by_segment[seg.name];
    CAPTURE(seg.name);
    REQUIRE(seg.customers == static_cast<int64_t>(values.size()));
    if (values.empty()) continue;
    std::sort(values.begin(), values.end());
    Money sum = 0;
    for (Money v : values) sum += v;
    CHECK(seg.revenue == sum);
    const double mean = static_cast<double>(sum) / static_cast<double>(values.size());
    CHECK(std::abs(static_cast<double>(seg.averageMonetary) - mean) <= 0.5);
    const size_t n = values.size();
    const double median = n % 2 ? static_cast<double>(values[n / 2])
                                : (static_cast<double>(values[n / 2 - 1]) + static_cast<double>(values[n / 2])) / 2;
    CHECK(std::abs(static_cast<double>(seg.medianMonetary) - median) <= 0.5);
  }
}

}  // namespace

TEST_CASE("scores are 1 + floor(5 w / n), w = the customers with a strictly worse value; equal values score equally") {
  // 10 values: 1 1 2 3 3 3 4 5 9 9 -> w = 0 0 2 3 3 3 6 7 8 8.
  std::vector<int64_t> values{3, 1, 9, 3, 2, 4, 1, 3, 9, 5};
  auto scores = retention::tie_consistent_scores(values);
  std::vector<int> expected;
  for (int64_t v : values) expected.push_back(spec_score(v, values, false));
  CHECK(std::vector<int>(scores.begin(), scores.end()) == expected);
  CHECK(std::vector<int>(scores.begin(), scores.end()) == std::vector<int>{2, 1, 5, 2, 2, 4, 1, 2, 5, 4});
  SUBCASE("all equal: everyone scores 1") {
    auto same = retention::tie_consistent_scores({7, 7, 7});
    CHECK(std::vector<int>(same.begin(), same.end()) == std::vector<int>{1, 1, 1});
  }
  SUBCASE("one customer scores 1") { CHECK(retention::tie_consistent_scores({42})[0] == 1); }
}

TEST_CASE("the hand-worked shop: scores, thresholds and segments") {
  Segmented r = run(hand_shop());
  // rows in order of first sight: ann ben cat dan fay gus (eve has no counted order)
  REQUIRE(r.table.size() == 6);
  CHECK(std::vector<int>(r.per_customer.r.begin(), r.per_customer.r.end()) == std::vector<int>{4, 3, 1, 1, 2, 4});
  CHECK(std::vector<int>(r.per_customer.f.begin(), r.per_customer.f.end()) == std::vector<int>{5, 3, 1, 1, 3, 1});
  CHECK(std::vector<int>(r.per_customer.m.begin(), r.per_customer.m.end()) == std::vector<int>{4, 2, 5, 1, 2, 1});

  // recency score 1 = 167..553 days (dan, cat), 2 = 122, 3 = 60, 4 = 0 (ann, gus), 5 = nobody
  const auto& recency = r.rfm.scores[0];
  CHECK(recency[0].customers == 2);
  CHECK(recency[0].min == 167);
  CHECK(recency[0].max == 553);
  CHECK(recency[1].min == 122);
  CHECK(recency[3].customers == 2);
  CHECK(recency[3].max == 0);
  CHECK(recency[4].customers == 0);
  CHECK(r.rfm.scores[1][4].min == 3);          // frequency 5: 3 orders
  CHECK(r.rfm.scores[2][4].min == cents(50000));  // monetary 5: 500

  auto segment = [&](size_t row) { return r.rfm.segments[r.per_customer.segment[row]].name; };
  CHECK(segment(0) == "Potential Loyalist");  // ann 4 5 4
  CHECK(segment(1) == "Potential Loyalist");  // ben 3 3 2
  CHECK(segment(2) == "Lost");                // cat 1 1 5
  CHECK(segment(3) == "Lost");                // dan 1 1 1
  CHECK(segment(4) == "Loyal Customers");     // fay 2 3 2
  CHECK(segment(5) == "New Customers");       // gus 4 1 1

  REQUIRE(r.rfm.segments.size() == 11);
  const auto& loyalist = r.rfm.segments[1];
  CHECK(loyalist.customers == 2);
  CHECK(loyalist.revenue == cents(24000));
  CHECK(loyalist.averageMonetary == cents(12000));
  CHECK(loyalist.medianMonetary == cents(12000));  // (60 + 180) / 2
  CHECK(loyalist.averageRecencyDays == 30);
  CHECK(loyalist.averageFrequency == 2.5);
  const auto& lost = r.rfm.segments[9];
  CHECK(lost.name == "Lost");
  CHECK(lost.customers == 2);
  CHECK(lost.medianMonetary == cents(27500));
  CHECK(lost.averageRecencyDays == 360);
  CHECK(r.rfm.segments[0].customers == 0);  // Champions
  CHECK(r.rfm.segments[10].name == "Others");
  CHECK_FALSE(r.rfm.segments[10].rule);
}

TEST_CASE("rules are data: another table, first match wins, the rest are Others") {
  std::vector<SegmentRule> rules{{"Recent", {4, 5}, {1, 5}, {1, 5}}, {"Big", {1, 5}, {1, 5}, {5, 5}}};
  Segmented r = run(hand_shop(), rules);
  REQUIRE(r.rfm.segments.size() == 3);
  CHECK(r.rfm.segments[0].customers == 2);  // ann, gus
  CHECK(r.rfm.segments[1].customers == 1);  // cat
  CHECK(r.rfm.segments[2].name == "Others");
  CHECK(r.rfm.segments[2].customers == 3);
  Segmented none = run(hand_shop(), {});
  REQUIRE(none.rfm.segments.size() == 1);
  CHECK(none.rfm.segments[0].customers == 6);
}

TEST_CASE("scores and segments equal the definition on random shops, another rule table and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s, retention::default_segment_rules());
  }
  check_against_reference(random_shop(7), {{"Top", {5, 5}, {4, 5}, {1, 5}}, {"Low", {1, 2}, {1, 1}, {1, 3}}});
  check_against_reference(cdnow(), retention::default_segment_rules());
}
