// RFM scores, thresholds and named segments (SPEC 4).
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>

#include "analytics/rfm.hpp"
#include "shop.hpp"

using namespace shop;
using retention::SegmentRule;

namespace {

// SPEC 4 literally, in floating point: w strictly worse, t tied (itself included), min(5, 1 + floor(5 (w + t/2) / n)).
int spec_score(int64_t value, const std::vector<int64_t>& all, bool larger_is_worse) {
  double worse = 0, tied = 0;
  for (int64_t other : all) {
    worse += larger_is_worse ? other > value : other < value;
    tied += other == value;
  }
  return static_cast<int>(std::min(5.0, 1 + std::floor(5 * (worse + tied / 2) / static_cast<double>(all.size()))));
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
    std::map<int64_t, int64_t> worse;  // value -> customers with a worse value, plus half the tied ones, doubled
    int64_t seen = 0;
    if (larger_is_worse) {
      for (auto it = counts.rbegin(); it != counts.rend(); seen += it->second, ++it) worse[it->first] = 2 * seen + it->second;
    } else {
      for (auto it = counts.begin(); it != counts.end(); seen += it->second, ++it) worse[it->first] = 2 * seen + it->second;
    }
    return worse;
  };
  auto worse_r = worse_than(recency, true), worse_f = worse_than(frequency, false), worse_m = worse_than(monetary, false);
  auto score = [&](int64_t twice_mid_rank) { return static_cast<int>(std::min<int64_t>(5, 1 + 5 * twice_mid_rank / (2 * n))); };
  std::map<std::string, Scored> out;
  for (const auto& [id, c] : ref.customers) {
    Scored s{score(worse_r[c.recency]), score(worse_f[c.frequency]), score(worse_m[c.monetary]), "Others"};
    for (const SegmentRule& rule : rules) {
      if (rule.outsideActiveBand && c.recency < 90) continue;
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

TEST_CASE("scores are mid-rank quintiles: 1 + floor(5 (w + t/2) / n); equal values score equally") {
  // 10 values: 1 1 2 3 3 3 4 5 9 9 -> (w, t) = (0,2) (0,2) (2,1) (3,3) (3,3) (3,3) (6,1) (7,1) (8,2) (8,2)
  // -> 2w + t = 2 2 5 9 9 9 13 15 18 18 -> 1 + 5 (2w + t) / 20 = 1 1 2 3 3 3 4 4 5 5.
  std::vector<int64_t> values{3, 1, 9, 3, 2, 4, 1, 3, 9, 5};
  auto scores = retention::mid_rank_scores(values);
  std::vector<int> expected;
  for (int64_t v : values) expected.push_back(spec_score(v, values, false));
  CHECK(std::vector<int>(scores.begin(), scores.end()) == expected);
  CHECK(std::vector<int>(scores.begin(), scores.end()) == std::vector<int>{3, 1, 5, 3, 2, 4, 1, 3, 5, 4});
  SUBCASE("all equal: everyone scores 3 (no information is not the worst)") {
    auto same = retention::mid_rank_scores({7, 7, 7});
    CHECK(std::vector<int>(same.begin(), same.end()) == std::vector<int>{3, 3, 3});
  }
  SUBCASE("one customer scores 3") { CHECK(retention::mid_rank_scores({42})[0] == 3); }
  SUBCASE("all distinct: each fifth of the ranks gets its score") {
    auto distinct = retention::mid_rank_scores({10, 20, 30, 40, 50, 60, 70, 80, 90, 100});
    CHECK(std::vector<int>(distinct.begin(), distinct.end()) == std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5});
  }
}

TEST_CASE("scores by counting (few distinct values) equal scores by selection (values spread wide)") {
  std::mt19937 rng(5);
  for (int round = 0; round < 300; ++round) {
    std::vector<int64_t> narrow(std::uniform_int_distribution<size_t>(1, round < 150 ? 12 : 300)(rng));
    const int64_t spread = std::uniform_int_distribution<int64_t>(0, 40)(rng);
    for (int64_t& v : narrow) v = std::uniform_int_distribution<int64_t>(-spread / 2, spread)(rng);
    std::vector<int64_t> wide(narrow);
    for (int64_t& v : wide) v *= 1000000007;  // same order, a range too wide to count
    auto counted = retention::mid_rank_scores(narrow);
    CHECK(counted == retention::mid_rank_scores(wide));
    for (size_t i = 0; i < narrow.size(); ++i) CHECK(int{counted[i]} == spec_score(narrow[i], narrow, false));
  }
  SUBCASE("and at both ends of the 64-bit range") {
    const int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
    const std::vector<int64_t> extremes{hi, lo, 0, hi, lo, lo, 7, hi - 1, lo + 1, 0, hi};
    auto scores = retention::mid_rank_scores(extremes);
    for (size_t i = 0; i < extremes.size(); ++i) CHECK(int{scores[i]} == spec_score(extremes[i], extremes, false));
  }
}

TEST_CASE("the hand-worked shop: scores, thresholds and segments") {
  Segmented r = run(hand_shop());
  // rows in order of first sight: ann ben cat dan fay gus (eve has no counted order); n = 6, asOf 2024-06-30.
  // recency 0 0 | 60 | 122 | 167 | 553 (ann gus | ben | fay | dan | cat): 2w + t = 10, 7, 5, 3, 1 -> 5 3 3 2 1
  // frequency 1 1 1 | 2 2 | 3 (cat dan gus | ben fay | ann): 2w + t = 3, 8, 11 -> 2 4 5
  // monetary 30 | 50 | 60 60 | 180 | 500 (gus | dan | ben fay | ann | cat): 2w + t = 1, 3, 6, 9, 11 -> 1 2 3 4 5
  REQUIRE(r.table.size() == 6);
  CHECK(std::vector<int>(r.per_customer.r.begin(), r.per_customer.r.end()) == std::vector<int>{5, 3, 1, 2, 3, 5});
  CHECK(std::vector<int>(r.per_customer.f.begin(), r.per_customer.f.end()) == std::vector<int>{5, 4, 2, 2, 4, 2});
  CHECK(std::vector<int>(r.per_customer.m.begin(), r.per_customer.m.end()) == std::vector<int>{4, 3, 5, 2, 3, 1});

  // recency score 1 = 553 days (cat), 2 = 167 (dan), 3 = 60..122 (ben, fay), 4 = nobody, 5 = 0 (ann, gus)
  const auto& recency = r.rfm.scores[0];
  CHECK(recency[0].customers == 1);
  CHECK(recency[0].min == 553);
  CHECK(recency[1].min == 167);
  CHECK(recency[2].customers == 2);
  CHECK(recency[2].min == 60);
  CHECK(recency[2].max == 122);
  CHECK(recency[3].customers == 0);
  CHECK(recency[4].customers == 2);
  CHECK(recency[4].max == 0);
  CHECK(r.rfm.scores[1][0].customers == 0);       // nobody has frequency score 1: the one-time buyers tie at 2
  CHECK(r.rfm.scores[1][4].min == 3);             // frequency 5: 3 orders
  CHECK(r.rfm.scores[2][4].min == cents(50000));  // monetary 5: 500

  auto segment = [&](size_t row) { return r.rfm.segments[r.per_customer.segment[row]].name; };
  CHECK(segment(0) == "Potential Loyalist");  // ann 5 5 4
  CHECK(segment(1) == "Potential Loyalist");  // ben 3 4 3
  CHECK(segment(2) == "At Risk");             // cat 1 2 5, 553 days: outside the active band
  CHECK(segment(3) == "Loyal Customers");     // dan 2 2 2
  CHECK(segment(4) == "Potential Loyalist");  // fay 3 4 3
  CHECK(segment(5) == "New Customers");       // gus 5 2 1

  REQUIRE(r.rfm.segments.size() == 11);
  const auto& loyalist = r.rfm.segments[1];
  CHECK(loyalist.customers == 3);
  CHECK(loyalist.revenue == cents(30000));
  CHECK(loyalist.averageMonetary == cents(10000));
  CHECK(loyalist.medianMonetary == cents(6000));  // 60 60 180
  CHECK(loyalist.averageRecencyDays == doctest::Approx(182.0 / 3));
  CHECK(loyalist.averageFrequency == doctest::Approx(7.0 / 3));
  const auto& at_risk = r.rfm.segments[6];
  CHECK(at_risk.name == "At Risk");
  CHECK(at_risk.customers == 1);
  CHECK(at_risk.medianMonetary == cents(50000));
  CHECK(at_risk.averageRecencyDays == 553);
  CHECK(r.rfm.segments[0].customers == 0);  // Champions
  CHECK(r.rfm.segments[9].customers == 0);  // Lost
  CHECK(r.rfm.segments[10].name == "Others");
  CHECK_FALSE(r.rfm.segments[10].rule);
}

TEST_CASE("a rule limited to customers outside the active band lets active customers fall through") {
  // Everyone bought within 60 days: the least recent scores R = 1 but is active, so never Lost.
  Shop s;
  const char* ids[] = {"a", "b", "c", "d", "e"};
  for (int i = 0; i < 5; ++i) s.orders.push_back({ids[i], day("2024-06-30") - 15 * i, {{"Mug", cents(1000)}}});
  std::vector<SegmentRule> rules{{"Lost", {1, 1}, {1, 5}, {1, 5}, true}, {"Quiet", {1, 2}, {1, 5}, {1, 5}}};
  Segmented r = run(s, rules);
  REQUIRE(r.table.size() == 5);
  for (size_t row = 0; row < 5; ++row) {
    CAPTURE(row);
    CHECK(r.per_customer.segment[row] != 0);  // never Lost
  }
  CHECK(r.rfm.segments[0].customers == 0);
  CHECK(r.rfm.segments[1].customers == 2);  // R 1 and 2 (60 and 45 days) fall through to Quiet
  SUBCASE("the same customers outside the band are Lost") {
    Shop old = s;
    for (auto& o : old.orders) o.date -= 200;
    old.asOf = day("2024-06-30");
    Segmented lapsed = run(old, rules);
    CHECK(lapsed.rfm.segments[0].customers == 1);
  }
}

TEST_CASE("invariants on every shop: no active customer in a lapsed-type segment; all tied scores 3") {
  const std::vector<std::string> lapsed_type{"Can't Lose Them", "At Risk", "About To Sleep", "Lost"};
  auto check_shop = [&](const Shop& s) {
    Segmented r = run(s);
    for (size_t row = 0; row < r.table.size(); ++row) {
      if (r.table.recencyDays[row] >= retention::RfThresholds{}.activeBelowDays) continue;
      const std::string& name = r.rfm.segments[r.per_customer.segment[row]].name;
      CAPTURE(name);
      CHECK(std::find(lapsed_type.begin(), lapsed_type.end(), name) == lapsed_type.end());
    }
  };
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_shop(s);
  }
  check_shop(cdnow());
  SUBCASE("22 customers who all paid the same amount on one day: score 3 everywhere, no lapsed-type segment") {
    Shop s;
    for (int i = 0; i < 22; ++i) s.orders.push_back({"p" + std::to_string(i), day("2024-03-01"), {{"Plan", cents(4900)}}});
    Segmented r = run(s);
    for (size_t row = 0; row < r.table.size(); ++row) {
      CHECK(r.per_customer.r[row] == 3);
      CHECK(r.per_customer.f[row] == 3);
      CHECK(r.per_customer.m[row] == 3);
      CHECK(r.rfm.segments[r.per_customer.segment[row]].name == "Potential Loyalist");
    }
  }
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
