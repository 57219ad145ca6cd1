// Retention by month, quarter and year, repeat rates and purchase gaps (SPEC 4).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "analytics/retention.hpp"
#include "shop.hpp"

using namespace shop;
using retention::PeriodRetention;
using retention::Retention;

namespace {

Retention run(const Shop& s) { return on_table(s, retention::compute_retention); }

// "2024-03" / "2024-Q1" / "2024" from the date text, as a merchant would bucket by hand.
std::string period_of(Date d, char kind) {
  std::string iso = retention::format_date(d);
  if (kind == 'y') return iso.substr(0, 4);
  if (kind == 'm') return iso.substr(0, 7);
  return iso.substr(0, 4) + "-Q" + std::to_string((std::stoi(iso.substr(5, 2)) - 1) / 3 + 1);
}

// The period after `p`, by its label.
std::string next_period(const std::string& p, char kind) {
  int year = std::stoi(p.substr(0, 4));
  char text[16];
  if (kind == 'y') std::snprintf(text, sizeof text, "%04d", year + 1);
  if (kind == 'm') {
    int month = std::stoi(p.substr(5, 2));
    std::snprintf(text, sizeof text, "%04d-%02d", month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1);
  }
  if (kind == 'q') {
    int q = p[6] - '0';
    std::snprintf(text, sizeof text, "%04d-Q%d", q == 4 ? year + 1 : year, q == 4 ? 1 : q + 1);
  }
  return text;
}

// The series by the definition: sets of active customers per period.
std::vector<PeriodRetention> reference_series(const Ref& ref, char kind) {
  std::map<std::string, std::set<std::string>> active;
  std::map<std::string, int64_t> fresh;
  std::string first = period_of(ref.asOf, kind);
  for (const auto& [id, c] : ref.customers) {
    for (Date d : c.counted) active[period_of(d, kind)].insert(id);
    ++fresh[period_of(c.first, kind)];
    first = std::min(first, period_of(c.first, kind));
  }
  std::vector<PeriodRetention> out;
  std::string previous;
  for (std::string p = first;; p = next_period(p, kind)) {
    PeriodRetention r;
    r.period = p;
    r.active = static_cast<int64_t>(active[p].size());
    r.newCustomers = fresh[p];
    if (!previous.empty()) {
      r.start = static_cast<int64_t>(active[previous].size());
      for (const std::string& id : active[previous]) r.retained += active[p].count(id) > 0;
    }
    out.push_back(r);
    previous = p;
    if (p == period_of(ref.asOf, kind)) break;
  }
  return out;
}

void check_series(const std::vector<PeriodRetention>& got, const std::vector<PeriodRetention>& expected) {
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(expected[i].period);
    CHECK(got[i].period == expected[i].period);
    CHECK(got[i].active == expected[i].active);
    CHECK(got[i].start == expected[i].start);
    CHECK(got[i].retained == expected[i].retained);
    CHECK(got[i].newCustomers == expected[i].newCustomers);
  }
}

// numpy.quantile(values, q) with the default method, written the textbook way.
double numpy_linear(std::vector<int32_t> v, double q) {
  std::sort(v.begin(), v.end());
  double h = (static_cast<double>(v.size()) - 1) * q;
  size_t j = static_cast<size_t>(h);
  double g = h - static_cast<double>(j);
  return j + 1 < v.size() ? (1 - g) * v[j] + g * v[j + 1] : v[j];
}

void check_against_reference(const Shop& s) {
  Retention r = run(s);
  Ref ref = reference(s);
  check_series(r.monthly, reference_series(ref, 'm'));
  check_series(r.quarterly, reference_series(ref, 'q'));
  check_series(r.yearly, reference_series(ref, 'y'));
  std::vector<int32_t> gaps;
  for (int n = 1; n <= 11; ++n) {
    int64_t at_least = 0;
    for (const auto& [id, c] : ref.customers) at_least += c.frequency >= n;
    CHECK(r.withAtLeast[static_cast<size_t>(n - 1)] == at_least);
  }
  for (const auto& [id, c] : ref.customers)
    for (size_t k = 1; k < c.counted.size(); ++k) gaps.push_back(c.counted[k] - c.counted[k - 1]);
  REQUIRE(r.gaps.count == static_cast<int64_t>(gaps.size()));
  if (gaps.empty()) return;
  double sum = 0;
  for (int32_t g : gaps) sum += g;
  CHECK(r.gaps.mean == doctest::Approx(sum / static_cast<double>(gaps.size())).epsilon(1e-12));
  CHECK(r.gaps.median == doctest::Approx(numpy_linear(gaps, 0.5)).epsilon(1e-12));
  CHECK(r.gaps.p75 == doctest::Approx(numpy_linear(gaps, 0.75)).epsilon(1e-12));
  CHECK(r.gaps.p90 == doctest::Approx(numpy_linear(gaps, 0.9)).epsilon(1e-12));
  // The histogram holds every gap once, in the bin of its days (the last bin: that many or more).
  REQUIRE(r.gaps.binDays > 0);
  REQUIRE(r.gaps.histogram.size() <= static_cast<size_t>(retention::kMaxGapBins));
  std::vector<int64_t> bins(r.gaps.histogram.size());
  for (int32_t g : gaps) ++bins[std::min(static_cast<size_t>(g / r.gaps.binDays), bins.size() - 1)];
  CHECK(r.gaps.histogram == bins);
}

}  // namespace

TEST_CASE("the hand-worked shop: repeat rates and purchase gaps") {
  Retention r = run(hand_shop());
  // ann 3 orders, ben and fay 2, cat dan gus 1 (eve's refund is not an order)
  CHECK(r.withAtLeast[0] == 6);
  CHECK(r.withAtLeast[1] == 3);
  CHECK(r.withAtLeast[2] == 1);
  CHECK(r.withAtLeast[3] == 0);
  // gaps: ben 0 (same day), ann 31 and 506, fay 91 (across 29 February)
  CHECK(r.gaps.count == 4);
  CHECK(r.gaps.mean == 157);
  CHECK(r.gaps.median == 61);     // numpy.quantile([0, 31, 91, 506], 0.5)
  CHECK(r.gaps.p75 == 194.75);    // 91 + 0.25 * 415
  CHECK(r.gaps.p90 == doctest::Approx(381.5).epsilon(1e-12));  // 91 + 0.7 * 415: the dormancy threshold
}

TEST_CASE("the purchase-gap histogram uses round bins up to the 99th-percentile gap, the last bin open-ended") {
  retention::GapStats g = run(hand_shop()).gaps;
  // gaps 0, 31, 91, 506: the 99th-percentile rank floor(0.99 * 3) = 2 is 91 days; 91 / 2 = 45 bins are
  // too many, 91 / 5 = 18 are not: 5-day bins, 19 of them, 506 days counted in the last.
  CHECK(g.binDays == 5);
  std::vector<int64_t> expected(19, 0);
  expected[0] = 1;   // 0
  expected[6] = 1;   // 31
  expected[18] = 2;  // 91 and 506
  CHECK(g.histogram == expected);
}

TEST_CASE("the hand-worked shop: monthly, quarterly and yearly retention") {
  Retention r = run(hand_shop());
  REQUIRE(r.monthly.size() == 19);  // 2022-12 .. 2024-06
  CHECK(r.monthly[0].period == "2022-12");
  CHECK(r.monthly[0].start == 0);
  CHECK(r.monthly[0].newCustomers == 1);  // cat
  CHECK(r.monthly[1].period == "2023-01");
  CHECK(r.monthly[1].start == 1);  // cat bought in December ...
  CHECK(r.monthly[1].retained == 0);  // ... and not in January
  CHECK(r.monthly[2].start == 1);  // ann in January
  CHECK(r.monthly[2].retained == 1);  // and again in February
  CHECK(r.monthly[18].period == "2024-06");
  CHECK(r.monthly[18].active == 2);  // ann, gus
  CHECK(r.monthly[18].start == 1);   // ben in May
  CHECK(r.monthly[18].retained == 0);
  CHECK(r.monthly[17].newCustomers == 1);  // ben: two orders on one day, one customer

  REQUIRE(r.quarterly.size() == 7);  // 2022-Q4 .. 2024-Q2
  CHECK(r.quarterly[5].period == "2024-Q1");
  CHECK(r.quarterly[5].start == 1);  // fay in 2023-Q4
  CHECK(r.quarterly[5].retained == 1);
  CHECK(r.quarterly[6].start == 2);  // fay, dan
  CHECK(r.quarterly[6].retained == 0);

  REQUIRE(r.yearly.size() == 3);
  CHECK(r.yearly[1].start == 1);
  CHECK(r.yearly[1].retained == 0);
  CHECK(r.yearly[1].newCustomers == 2);  // ann, fay
  CHECK(r.yearly[2].start == 2);
  CHECK(r.yearly[2].retained == 2);
  CHECK(r.yearly[2].newCustomers == 3);  // dan, ben, gus
}

TEST_CASE("one customer with one order: no gap, one period") {
  Shop s;
  s.orders.push_back({"solo", day("2024-02-10"), {{"", cents(500)}}});
  Retention r = run(s);
  CHECK(r.gaps.count == 0);
  CHECK(r.withAtLeast[0] == 1);
  CHECK(r.withAtLeast[1] == 0);
  REQUIRE(r.monthly.size() == 1);
  CHECK(r.monthly[0].newCustomers == 1);
}

TEST_CASE("retention, repeat rates and gaps equal the definition on random shops and CDNOW") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
  check_against_reference(cdnow());
  Retention r = run(cdnow());
  CHECK(r.monthly.size() == 18);  // 1997-01 .. 1998-06
  CHECK(r.monthly.front().period == "1997-01");
  CHECK(r.monthly.back().newCustomers == 0);  // CDNOW's cohort is the customers of the first quarter of 1997
}
