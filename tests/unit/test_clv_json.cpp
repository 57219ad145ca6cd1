// The "clv" options and the "model" section's numbers: 9 significant digits, the same everywhere.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "report/clv_json.hpp"
#include "retention/report.hpp"

using retention::format_significant;

TEST_CASE("model estimates print with 9 significant digits") {
  CHECK(format_significant(0) == "0");
  CHECK(format_significant(1) == "1");
  CHECK(format_significant(2.5) == "2.5");
  CHECK(format_significant(-9582.429207) == "-9582.42921");
  CHECK(format_significant(0.242594522) == "0.242594522");
  CHECK(format_significant(1.0 / 3) == "0.333333333");
  CHECK(format_significant(0.000123456789) == "0.000123456789");
  CHECK(format_significant(1.23456789e-12) == "1.23456789e-12");
  CHECK(format_significant(123456789012.0) == "123456789000");
  CHECK(format_significant(1e15) == "1e15");
  CHECK(format_significant(9.9999999999) == "10");
  CHECK(format_significant(-0.5) == "-0.5");
  CHECK(format_significant(NAN) == "null");
  CHECK(format_significant(HUGE_VAL) == "null");
}

TEST_CASE("clv options are read and checked") {
  retention::Options o;
  auto e = retention::parse_options_json(
      R"({"clv":{"model":"pareto-nbd","timeUnit":"days","horizonMonths":6,"monthlyDiscountRate":0.02,)"
      R"("penalty":0.1,"calibrationEnd":"2024-01-31"}})",
      o);
  REQUIRE_MESSAGE(!e, e.message);
  CHECK(o.clv.model == retention::ClvModel::pareto_nbd);
  CHECK(o.clv.timeUnit == retention::TimeUnit::days);
  CHECK(o.clv.horizonMonths == 6);
  CHECK(o.clv.monthlyDiscountRate == 0.02);
  CHECK(o.clv.penalty == 0.1);
  CHECK(retention::format_date(*o.clv.calibrationEnd) == "2024-01-31");
  // The defaults: MBG/NBD in weeks, 12 months at 1% a month.
  REQUIRE_FALSE(retention::parse_options_json("{}", o));
  CHECK(o.clv.model == retention::ClvModel::mbgnbd);
  REQUIRE_FALSE(retention::parse_options_json(R"({"clv":{"model":"bgnbd"}})", o));
  CHECK(o.clv.model == retention::ClvModel::bgnbd);
  CHECK(o.clv.timeUnit == retention::TimeUnit::weeks);
  CHECK(o.clv.horizonMonths == 12);
  CHECK(o.clv.monthlyDiscountRate == 0.01);
  CHECK_FALSE(o.clv.calibrationEnd);

  const std::pair<const char*, const char*> bad[] = {
      {R"({"clv":{"model":"bg"}})", "invalid options: clv.model must be mbgnbd, bgnbd, pareto-nbd or none"},
      {R"({"clv":{"timeUnit":"months"}})", "invalid options: clv.timeUnit must be weeks or days"},
      {R"({"clv":{"horizonMonths":0}})", "invalid options: clv.horizonMonths must be a whole number from 1 to 1200"},
      {R"({"clv":{"monthlyDiscountRate":-0.1}})",
       "invalid options: clv.monthlyDiscountRate must be a number from 0 to below 1 (0.01 is 1% a month)"},
      {R"({"clv":{"penalty":"high"}})", "invalid options: clv.penalty must be a number from 0 to 1e6"},
      {R"({"clv":{"calibrationEnd":"soon"}})", "invalid options: clv.calibrationEnd must be a date (YYYY-MM-DD) or null"},
      {R"({"clv":[]})", "invalid options: clv must be an object"},
  };
  for (const auto& [json, message] : bad) {
    CAPTURE(json);
    CHECK(retention::parse_options_json(json, o).message == message);
  }
  CHECK(retention::parse_options_json(R"({"clv":{"horizon":3}})", o).message.find("clv.horizon is not an option") !=
        std::string::npos);
}

TEST_CASE("a failed fit writes its message and no numbers") {
  retention::ModelReport m;
  m.error = "every customer bought on a single day only: the models need customers who came back";
  m.message = "Predicted value needs customers who ordered on at least two different days.";
  retention::JsonWriter w;
  w.begin_object();
  retention::write_model_section(w, m, {});
  w.end_object();
  CHECK(w.take() ==
        "{\"model\":{\"model\":\"mbgnbd\",\"timeUnit\":\"weeks\",\"horizonMonths\":12,\"monthlyDiscountRate\":0.01,"
        "\"penalty\":0,\"message\":\"Predicted value needs customers who ordered on at least two different days.\","
        "\"error\":\"every customer bought on a single day only: the models need customers who came back\"}}");
}
