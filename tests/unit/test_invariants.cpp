// Issue 9, "one customer, one story": what one customer's labels may never say at once, checked as
// invariants on whole Engine reports over every data set we have (every fixture, the sample shop, a
// generated 100,000-customer shop, CDNOW), not on examples. Add a further invariant as a TEST_CASE
// over analysed() (or analysed_by_gaps()).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine_run.hpp"
#include "ingest/dates.hpp"
#include "retention/engine.hpp"

using retention::ChurnBasis;
using retention::CustomerResults;
using retention::Options;
using retention::Report;

namespace {

// The default table's lapsed-type segments (SPEC 4): only for customers outside the active band.
const std::set<std::string> kLapsedType{"Can't Lose Them", "At Risk", "About To Sleep", "Lost"};

struct DataSet {
  std::string name;
  std::string text;
};

// A seeded shop of `customers` customers over three years to 2024-12-31: 55% buy once, the others
// return at their own pace (mean gap 7 to 400 days) until they stop; amounts 5 to 500.
std::string generated_shop(int customers, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  const retention::Date start = *retention::parse_date("2022-01-01"), end = *retention::parse_date("2024-12-31");
  std::string csv = "customer,date,amount\n";
  char line[64];
  for (int c = 0; c < customers; ++c) {
    retention::Date date = start + static_cast<retention::Date>(unit(rng) * (end - start));
    const bool repeats = unit(rng) >= 0.55;
    const double mean_gap = 7 + unit(rng) * 393;
    const double stop = repeats ? 0.05 + unit(rng) * 0.4 : 1;  // chance of leaving after each order
    const double spend = 5 + unit(rng) * 95;
    while (date <= end) {
      std::snprintf(line, sizeof line, "g%06d,%s,%.2f\n", c, retention::format_date(date).c_str(),
                    spend * (0.5 + unit(rng) * 5 * unit(rng)));
      csv += line;
      if (unit(rng) < stop) break;
      date += 1 + static_cast<retention::Date>(std::exponential_distribution<double>(1 / mean_gap)(rng));
    }
  }
  return csv;
}

std::vector<DataSet> data_sets() {
  std::vector<DataSet> out;
  std::vector<std::filesystem::path> fixtures;
  for (const auto& entry : std::filesystem::directory_iterator(RETENTION_FIXTURES)) {
    const std::string name = entry.path().filename().string(), ext = entry.path().extension().string();
    if ((ext == ".csv" || ext == ".json" || ext == ".ndjson") && name.rfind("segments", 0) != 0)
      fixtures.push_back(entry.path());
  }
  std::sort(fixtures.begin(), fixtures.end());
  for (const auto& path : fixtures) out.push_back({path.filename().string(), test::read_file(path.string())});
  out.push_back({"sample shop", test::read_file(std::string(RETENTION_FIXTURES) + "/../../examples/sample-shop.csv")});
  out.push_back({"generated 100k shop", generated_shop(100000, 9)});
  out.push_back({"CDNOW_master.txt", test::read_file(std::string(RETENTION_TEST_DATA) + "/cdnow/CDNOW_master.txt")});
  return out;
}

struct Analysed {
  std::string name;
  Report report;
  CustomerResults customers;
};

std::vector<Analysed> analyse_all(const Options& options) {
  std::vector<Analysed> out;
  for (const DataSet& d : data_sets()) {
    retention::Engine engine(options);
    const bool ok = engine.feed(d.text.data(), d.text.size()) && engine.finish();
    REQUIRE_MESSAGE(ok, d.name << ": " << retention::describe_error(engine.error()));
    out.push_back({d.name, engine.report(), engine.customers()});
  }
  return out;
}

// Every data set with the default options, analysed once for all the test cases.
const std::vector<Analysed>& analysed() {
  static const std::vector<Analysed> runs = analyse_all({});
  return runs;
}

// The same with the churn light from the gaps, where P(alive) can only correct it.
const std::vector<Analysed>& analysed_by_gaps() {
  static const std::vector<Analysed> runs = [] {
    Options options;
    options.churnRisk.basis = ChurnBasis::gaps;
    return analyse_all(options);
  }();
  return runs;
}

const Analysed& named(const std::string& name) {
  for (const Analysed& a : analysed())
    if (a.name == name) return a;
  FAIL("no data set " << name);
  return analysed().front();
}

std::string segment_of(const Analysed& a, size_t i) { return a.report.rfm.segments[a.customers.segment[i]].name; }

// No customer with P(alive) below 0.2 is green, none above 0.8 is red (SPEC 4).
void check_lights_agree_with_p_alive(const Analysed& a) {
  const auto& p = a.customers.value.pAlive;
  if (p.empty()) return;
  REQUIRE(p.size() == a.customers.size());
  for (size_t i = 0; i < p.size(); ++i) {
    const auto light = static_cast<retention::Light>(a.customers.churnRisk[i]);
    if (p[i] < retention::kNeverGreenBelowPAlive) CHECK_MESSAGE(light != retention::Light::green, a.customers.id(i));
    if (p[i] > retention::kNeverRedAbovePAlive) CHECK_MESSAGE(light != retention::Light::red, a.customers.id(i));
  }
}

}  // namespace

TEST_CASE("the invariants run on every fixture, the sample shop, a 100k-customer shop and CDNOW") {
  std::set<std::string> names;
  for (const Analysed& a : analysed()) names.insert(a.name);
  CHECK(names.count("shopify-orders.csv"));
  CHECK(names.count("orders.ndjson"));
  CHECK(names.count("sample shop"));
  CHECK(named("generated 100k shop").report.summary.customers == 100000);
  CHECK(named("CDNOW_master.txt").report.summary.customers == 23502);  // 68 of the 23,570 bought only $0.00
  // The value model fits on the large sets, so the P(alive) invariants below are not vacuous.
  CHECK(named("generated 100k shop").customers.value.pAlive.size() == 100000);
  CHECK(named("CDNOW_master.txt").customers.value.pAlive.size() == 23502);
}

TEST_CASE("no customer inside the active band is in Lost, At Risk, Can't Lose Them or About To Sleep") {
  int64_t lapsed_type = 0, active = 0;
  for (const Analysed& a : analysed()) {
    CAPTURE(a.name);
    const int32_t active_below = a.report.rfMatrix.thresholds.activeBelowDays;
    for (size_t i = 0; i < a.customers.size(); ++i) {
      const bool lapsed_name = kLapsedType.count(segment_of(a, i)) > 0;
      lapsed_type += lapsed_name;
      if (a.customers.recencyDays[i] >= active_below) continue;
      ++active;
      CHECK_MESSAGE(!lapsed_name, a.customers.id(i) << " bought " << a.customers.recencyDays[i] << " days ago but is "
                                                    << segment_of(a, i));
    }
  }
  // Both sides occur, so the check above could fail.
  CHECK(lapsed_type > 1000);
  CHECK(active > 1000);
}

TEST_CASE("equal values get equal RFM scores, and a better value never a lower score") {
  for (const Analysed& a : analysed()) {
    CAPTURE(a.name);
    const CustomerResults& c = a.customers;
    // Worse = larger recency, smaller frequency, smaller monetary (SPEC 4): key the scores by "goodness".
    auto check = [&](const char* metric, auto goodness, const std::vector<uint8_t>& score) {
      CAPTURE(metric);
      std::map<int64_t, uint8_t> by_value;
      for (size_t i = 0; i < c.size(); ++i) {
        auto [it, added] = by_value.emplace(goodness(i), score[i]);
        if (!added) CHECK(it->second == score[i]);
      }
      uint8_t previous = 1;
      for (const auto& [value, s] : by_value) {
        CHECK(s >= previous);
        previous = s;
      }
    };
    check("recency", [&](size_t i) { return -static_cast<int64_t>(c.recencyDays[i]); }, c.r);
    check("frequency", [&](size_t i) { return static_cast<int64_t>(c.frequency[i]); }, c.f);
    check("monetary", [&](size_t i) { return c.monetary[i]; }, c.m);
  }
}

TEST_CASE("an all-tied file gets score 3 everywhere and no lapsed-type segment") {
  // As many customers as each data set has (and a few small counts), each with one order of the same
  // amount on the same day; looked at that day, and a year and a half later (outside the active band).
  std::set<int64_t> counts{1, 2, 5, 22};
  for (const Analysed& a : analysed()) counts.insert(a.report.summary.customers);
  for (int64_t n : counts) {
    std::string csv = "customer,date,amount\n";
    for (int64_t i = 0; i < n; ++i) csv += "t" + std::to_string(i) + ",2024-03-05,19.99\n";
    for (const char* as_of : {"2024-03-05", "2025-09-05"}) {
      CAPTURE(n);
      CAPTURE(as_of);
      Options options;
      options.asOf = retention::parse_date(as_of);
      options.clv.model = retention::ClvModel::none;  // nothing to fit: everyone bought once
      retention::Engine engine(options);
      REQUIRE((engine.feed(csv.data(), csv.size()) && engine.finish()));
      const CustomerResults& c = engine.customers();
      REQUIRE(c.size() == static_cast<size_t>(n));
      const auto all = [&](const std::vector<uint8_t>& v, int value) {
        return std::all_of(v.begin(), v.end(), [&](uint8_t s) { return s == value; });
      };
      CHECK(all(c.r, 3));
      CHECK(all(c.f, 3));
      CHECK(all(c.m, 3));
      for (const auto& segment : engine.report().rfm.segments)
        if (kLapsedType.count(segment.name)) CHECK(segment.customers == 0);
    }
  }
}

TEST_CASE("no customer with P(alive) below 0.2 is green and none above 0.8 is red") {
  SUBCASE("the light from P(alive), the default") {
    for (const Analysed& a : analysed()) {
      CAPTURE(a.name);
      CHECK(a.report.churnRisk.byPAlive == !a.customers.value.pAlive.empty());
      check_lights_agree_with_p_alive(a);
    }
  }
  SUBCASE("the light from the gaps, corrected by P(alive)") {
    int64_t clamped = 0;
    for (const Analysed& a : analysed_by_gaps()) {
      CAPTURE(a.name);
      CHECK_FALSE(a.report.churnRisk.byPAlive);
      check_lights_agree_with_p_alive(a);
      clamped += a.report.churnRisk.clampedByPAlive;
    }
    CHECK(clamped > 0);  // the gaps alone do contradict P(alive) somewhere: the correction is exercised
  }
}
