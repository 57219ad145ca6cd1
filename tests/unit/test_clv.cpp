// Predicted customer value end to end: per-customer columns, the holdout validation against
// BTYD's walkthrough, degenerate inputs that end with a message, and the engine's report.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <fstream>
#include <sstream>
#include <string>

#include "analytics/clv/clv.hpp"
#include "analytics/clv/gamma_gamma.hpp"
#include "cdnow.hpp"
#include "retention/engine.hpp"

using retention::ClvColumns;
using retention::ClvModel;
using retention::ClvOptions;
using retention::clv::predict_from_summary;
using retention::clv::validate;

namespace {

ClvOptions with_model(ClvModel model) {
  ClvOptions o;
  o.model = model;
  return o;
}

// A summary of n customers with the given histories (zbar 10 for repeat customers).
retention::clv::CustomerSummary histories(std::vector<int32_t> x, std::vector<double> tx, std::vector<double> T) {
  retention::clv::CustomerSummary s;
  s.x = std::move(x);
  s.tx = std::move(tx);
  s.T = std::move(T);
  for (int32_t xi : s.x) s.zbar.push_back(xi > 0 ? 10 : 0);
  s.holdout.assign(s.x.size(), 0);
  return s;
}

std::string run_engine(const std::string& text, const std::string& options_json, retention::Report* report = nullptr) {
  retention::Options options;
  auto e = retention::parse_options_json(options_json, options);
  REQUIRE_MESSAGE(!e, e.message);
  retention::Engine engine(options);
  REQUIRE(engine.feed(text.data(), text.size()));
  REQUIRE_MESSAGE(engine.finish(), engine.error().message);
  if (report) *report = engine.report();
  return retention::to_json(engine.report());
}

}  // namespace

TEST_CASE("holdout purchases by calibration frequency match BTYD's walkthrough") {
  auto summary = cdnow::exact_summary();
  SUBCASE("BG/NBD") {
    auto v = validate(summary, with_model(ClvModel::bgnbd), 39);
    REQUIRE_MESSAGE(v.error.empty(), v.error);
    const int64_t size[] = {1411, 439, 214, 100, 62, 38, 29, 64};
    const double actual[] = {0.2367, 0.6970, 1.3925, 1.5600, 2.5323, 2.9474, 3.8621, 6.3594};
    const double expected[] = {0.2251, 0.5231, 1.0441, 1.5203, 2.1638, 2.6538, 3.5040, 6.1570};
    REQUIRE(v.byFrequency.size() == 8);
    for (int b = 0; b < 8; ++b) {
      CAPTURE(b);
      CHECK(v.byFrequency[b].customers == size[b]);
      CHECK(std::fabs(v.byFrequency[b].actual - actual[b]) < 5e-5);
      CHECK(std::fabs(v.byFrequency[b].predicted - expected[b]) < 3e-4);  // BTYD's estimate stops a little earlier
    }
    CHECK(v.actualTotal == 1882);
    CHECK(v.predictedTotal == doctest::Approx(1653.4).epsilon(1e-4));
  }
  SUBCASE("Pareto/NBD") {
    auto v = validate(summary, with_model(ClvModel::pareto_nbd), 39);
    REQUIRE_MESSAGE(v.error.empty(), v.error);
    const double expected[] = {0.138, 0.600, 1.196, 1.714, 2.399, 2.907, 3.819, 6.403};
    for (int b = 0; b < 8; ++b) CHECK(std::fabs(v.byFrequency[b].predicted - expected[b]) < 1.5e-3);
  }
}

TEST_CASE("every customer gets P(alive), purchases, order value and CLV; one-time buyers the population mean") {
  auto summary = cdnow::exact_summary();
  for (ClvModel model : {ClvModel::bgnbd, ClvModel::pareto_nbd}) {
    ClvColumns c;
    auto r = predict_from_summary(summary, with_model(model), c);
    REQUIRE_MESSAGE(r.error.empty(), r.error);
    REQUIRE(r.spend.error.empty());
    REQUIRE(c.pAlive.size() == 2357);
    REQUIRE(c.clv.size() == 2357);
    auto spend = retention::clv::GammaGamma::from(r.spend.parameters);
    double purchases = 0, value = 0;
    for (size_t i = 0; i < 2357; ++i) {
      CHECK(c.pAlive[i] >= 0);
      CHECK(c.pAlive[i] <= 1);
      CHECK(c.expectedPurchases[i] >= 0);
      if (summary.x[i] == 0) CHECK(c.expectedOrderValue[i] == spend.population_mean());
      CHECK(c.clv[i] <= c.expectedOrderValue[i] * c.expectedPurchases[i]);  // discounted
      purchases += c.expectedPurchases[i];
      value += c.clv[i];
    }
    CHECK(r.expectedPurchases == doctest::Approx(purchases));
    CHECK(r.clv == doctest::Approx(value));
    if (model == ClvModel::bgnbd) CHECK(c.pAlive[2] == 1.0);  // BG/NBD: no repeat purchase, no chance to drop out yet
  }
}

TEST_CASE("degenerate inputs end with a clear message, never NaN") {
  ClvColumns c;
  SUBCASE("all one-time buyers") {
    auto r = predict_from_summary(histories({0, 0, 0}, {0, 0, 0}, {3, 8, 9}), with_model(ClvModel::bgnbd), c);
    CHECK(r.error == "every customer bought on a single day only: the models need customers who came back");
  }
  SUBCASE("one customer") {
    auto r = predict_from_summary(histories({4}, {20}, {30}), with_model(ClvModel::pareto_nbd), c);
    CHECK(r.error.find("the same purchase history") != std::string::npos);
  }
  SUBCASE("identical customers") {
    auto r = predict_from_summary(histories(std::vector<int32_t>(50, 2), std::vector<double>(50, 5),
                                            std::vector<double>(50, 9)),
                                  with_model(ClvModel::bgnbd), c);
    CHECK(r.error.find("the same purchase history") != std::string::npos);
  }
  SUBCASE("every repeat purchase on the last day: nothing tells when customers drop out") {
    auto r = predict_from_summary(histories({0, 1, 2, 0, 3, 1, 0}, {0, 10, 12, 0, 14, 15, 0}, {8, 10, 12, 13, 14, 15, 16}),
                                  with_model(ClvModel::bgnbd), c);
    CHECK(r.error.find("degenerate fit: ") == 0);
    CHECK(r.message.find("Predicted value needs more returning customers than this file has: 4 customers of 7") == 0);
  }
  SUBCASE("hundreds of returning customers who all buy every 20 days: not 'too few', and no crawl along the ridge") {
    std::vector<int32_t> x;
    std::vector<double> tx, T;
    for (int i = 0; i < 1000; ++i) {
      T.push_back(60 + i % 300);
      x.push_back(static_cast<int32_t>(T.back()) / 20);
      tx.push_back(20.0 * x.back());
    }
    for (ClvModel model : {ClvModel::mbgnbd, ClvModel::bgnbd}) {
      auto r = predict_from_summary(histories(x, tx, T), with_model(model), c);
      CHECK(r.error.find("degenerate fit: ") == 0);
      CHECK(r.message.find("Predicted value is not shown: the model finds no single best answer for this file. Its 1000 "
                           "returning customers (of 1000) buy and stop at rates too alike") == 0);
    }
  }
  SUBCASE("no customer at all") {
    auto r = predict_from_summary(histories({}, {}, {}), with_model(ClvModel::bgnbd), c);
    CHECK(r.error == "no customer has a purchase in the calibration period");
  }
  CHECK(c.pAlive.empty());
  CHECK(c.clv.empty());
}

TEST_CASE("two customers: a message or finite numbers, never NaN") {
  // Two histories cannot identify four parameters: where the optimiser stops on that flat ridge is
  // a matter of rounding, so only the promise is checked.
  for (ClvModel model : {ClvModel::bgnbd, ClvModel::pareto_nbd}) {
    ClvColumns c;
    auto r = predict_from_summary(histories({0, 3}, {0, 10}, {20, 20}), with_model(model), c);
    for (double p : r.transactions.parameters) CHECK(std::isfinite(p));
    for (double p : c.pAlive) CHECK(std::isfinite(p));
    CHECK((!r.error.empty() || c.pAlive.size() == 2));
  }
}

TEST_CASE("when Gamma-Gamma cannot be identified, every customer gets the shrunk mean order value") {
  // CDNOW with the repeat values of all but one repeat customer removed: nothing tells how spend varies.
  auto summary = cdnow::exact_summary();
  bool kept = false;
  for (size_t i = 0; i < summary.size(); ++i)
    if (summary.x[i] > 0) {
      if (kept) summary.zbar[i] = 0;
      kept = true;
    }
  ClvColumns c;
  auto r = predict_from_summary(summary, with_model(ClvModel::bgnbd), c);
  REQUIRE_MESSAGE(r.error.empty(), r.error);
  CHECK(r.spend.error == "all repeat customers have the same count and mean value of repeat purchases");
  CHECK(r.spendModel == retention::SpendModel::shrunk_mean);
  CHECK(r.spendMessage ==
        "Order values are each customer's average order shrunk toward the shop's average (too few returning customers "
        "to model how order values differ).");
  CHECK(c.pAlive.size() == 2357);
  CHECK(c.expectedPurchases.size() == 2357);
  REQUIRE(c.expectedOrderValue.size() == 2357);
  REQUIRE(c.clv.size() == 2357);
  // M from the raw purchases up to the calibration end: dollars over distinct (customer, day) pairs.
  auto log = cdnow::transactions();
  std::set<std::pair<int32_t, retention::Date>> days;
  double dollars = 0;
  for (size_t i = 0; i < log.customer.size(); ++i)
    if (log.date[i] <= cdnow::day("1997-09-30")) {
      days.insert({log.customer[i], log.date[i]});
      dollars += static_cast<double>(log.value[i]) / retention::kMoneyScale;
    }
  const double M = dollars / static_cast<double>(days.size());
  CHECK(r.populationMeanOrderValue == doctest::Approx(M).epsilon(1e-12));
  for (size_t i = 0; i < 2357; ++i) {
    const double n = summary.x[i] + 1;
    CHECK(c.expectedOrderValue[i] == doctest::Approx((n * summary.mean[i] + M) / (n + 1)).epsilon(1e-12));
    CHECK(std::isfinite(c.clv[i]));
  }
}

TEST_CASE("the engine adds a model section; calibrationEnd adds the holdout validation") {
  // CDNOW_sample.txt with a header, read as a whitespace-aligned table.
  std::ifstream in(cdnow::path("CDNOW_sample.txt"));
  std::stringstream text;
  text << "master customer date cds amount\n" << in.rdbuf();
  retention::Report report;
  std::string json = run_engine(text.str(),
                                R"({"delimiter":"whitespace","columns":{"customer":"customer","date":"date","amount":"amount"},)"
                                R"("clv":{"calibrationEnd":"1997-09-30","timeUnit":"weeks"}})",
                                &report);
  const auto& m = report.model;
  REQUIRE_MESSAGE(m.error.empty(), m.error);
  // The eight customers whose only CDs cost $0.00 have no counted order (SPEC 4): 2,349 customers.
  CHECK(m.transactions.customers == 2349);
  // The spend model reads everyone who came back by asOf: as counted from the raw purchases.
  auto log = cdnow::transactions();
  auto full = retention::clv::summarise(log.customers, log.customer, log.date, log.value,
                                        {cdnow::day("1998-06-30"), cdnow::day("1998-06-30"), retention::TimeUnit::weeks});
  CHECK(m.spend.customers == static_cast<double>(std::count_if(full.zbar.begin(), full.zbar.end(), [](double z) { return z > 0; })));
  REQUIRE(m.validation);
  REQUIRE_MESSAGE(m.validation->error.empty(), m.validation->error);
  CHECK(m.validation->byFrequency[0].customers == 1411 - 8);
  CHECK(m.validation->byFrequency[1].customers == 439);
  CHECK(m.validation->holdoutLength == 39);
  CHECK(json.find("\"model\":{\"model\":\"mbgnbd\",\"timeUnit\":\"weeks\",\"horizonMonths\":12,") != std::string::npos);
  CHECK(json.find("\"validation\":{\"calibrationEnd\":\"1997-09-30\",\"holdoutEnd\":\"1998-06-30\",\"holdoutLength\":39,") !=
        std::string::npos);
  CHECK(json.find("nan") == std::string::npos);
  CHECK(json.find("inf") == std::string::npos);
}

TEST_CASE("model none leaves the report as it was; a calibration end after asOf is an error in the section") {
  const std::string shop = "customer,date,amount\na,2024-01-01,10\na,2024-02-01,20\nb,2024-01-15,5\nc,2024-03-01,7\n";
  CHECK(run_engine(shop, R"({"clv":{"model":"none"}})").find("\"model\"") == std::string::npos);
  std::string json = run_engine(shop, R"({"clv":{"calibrationEnd":"2024-06-01"}})");
  CHECK(json.find("\"error\":\"calibrationEnd 2024-06-01 must be before asOf 2024-03-01\"") != std::string::npos);
}
