// Segment export: the customers of one RF cell or RFM segment as CSV for an email tool.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "ingest/dates.hpp"

#include "report/customers_csv.hpp"
#include "retention/engine.hpp"

using retention::Engine;

namespace {

struct Run {
  std::unique_ptr<Engine> engine;
  std::string csv;
  retention::Error error;
};

Run export_segment(const std::string& text, const std::string& segment) {
  Run run{std::make_unique<Engine>(retention::Options{}), {}, {}};
  REQUIRE(run.engine->feed(text.data(), text.size()));
  REQUIRE(run.engine->finish());
  run.error = retention::export_segment_csv(run.engine->report(), run.engine->customers(), segment, run.csv);
  return run;
}

const std::string kShop =
    "Email,date,amount\n"
    "ann@example.com,2024-01-10,100\n"
    "ann@example.com,2024-06-30,30.5\n"
    "\"Smith, Bo\",2024-05-01,20\n"
    "\"say \"\"hi\"\"\",2022-12-25,500\n";

}  // namespace

TEST_CASE("an RF cell exports its customers under the file's own customer column name") {
  Run run = export_segment(kShop, "active/multi");  // ann: 2 of 3 customers are worse on R and F, 1 on M: 5 5 3
  REQUIRE_FALSE(run.error);
  CHECK(run.csv ==
        "Email,first_order,last_order,recency_days,frequency,monetary,r,f,m,rf_cell,segment,churn_risk,p_alive,"
        "predicted_clv,expected_next_order\r\n"
        // Three customers cannot support a model: the predicted-value fields stay empty.
        "ann@example.com,2024-01-10,2024-06-30,0,2,130.5,5,5,3,active/multi,Potential Loyalist,green,,,\r\n");
}

TEST_CASE("fields with commas or quotes are quoted as RFC 4180 says") {
  Run single = export_segment(kShop, "active/single");
  CHECK(single.csv.find("\r\n\"Smith, Bo\",2024-05-01,2024-05-01,60,1,20,") != std::string::npos);
  Run lapsed = export_segment(kShop, "lapsed/single");
  CHECK(lapsed.csv.find("\r\n\"say \"\"hi\"\"\",2022-12-25,") != std::string::npos);
}

TEST_CASE("an RFM segment exports by its name, an empty one is just the header, an unknown name is an error") {
  Run others = export_segment(kShop, "At Risk");  // "say hi": 1 2 5, 553 days ago
  REQUIRE_FALSE(others.error);
  CHECK(others.csv.find(",At Risk,") != std::string::npos);
  Run empty = export_segment(kShop, "Champions");
  CHECK(empty.csv ==
        "Email,first_order,last_order,recency_days,frequency,monetary,r,f,m,rf_cell,segment,churn_risk,p_alive,"
        "predicted_clv,expected_next_order\r\n");
  Run unknown = export_segment(kShop, "VIPs");
  CHECK(unknown.error.code == retention::ErrorCode::invalid_options);
  CHECK(unknown.error.message.rfind("unknown segment 'VIPs'; the segments are active/single, active/multi,", 0) == 0);
  CHECK(unknown.error.message.find(", Lost, Others") != std::string::npos);
}

TEST_CASE("the export lines rendered once for every customer are those of the segment exports") {
  Run run = export_segment(kShop, "Lost");
  std::string all;
  std::vector<size_t> offsets;
  retention::customers_csv(run.engine->report(), run.engine->customers(), all, offsets);
  REQUIRE(offsets.size() == run.engine->customers().size() + 2);
  const std::string header = all.substr(0, offsets[1]);
  std::string expected = header;
  for (size_t i = 0; i < run.engine->customers().size(); ++i)
    if (run.engine->customers().segment[i] == 9) expected += all.substr(offsets[i + 1], offsets[i + 2] - offsets[i + 1]);
  CHECK(run.csv == expected);
}

TEST_CASE("with a model every line carries P(alive), the predicted CLV and, while likely alive, the next order") {
  std::ifstream in(std::string(RETENTION_FIXTURES) + "/../../examples/sample-shop.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  Engine engine(retention::Options{});
  REQUIRE(engine.feed(text.str().data(), text.str().size()));
  REQUIRE(engine.finish());
  const auto& c = engine.customers();
  REQUIRE(c.value.clv.size() == c.size());
  std::string all;
  std::vector<size_t> offsets;
  retention::customers_csv(engine.report(), c, all, offsets);
  int with_date = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    std::string line = all.substr(offsets[i + 1], offsets[i + 2] - offsets[i + 1] - 2);  // without CRLF
    std::vector<std::string> fields;
    std::stringstream s(line);
    for (std::string f; std::getline(s, f, ',');) fields.push_back(f);
    if (line.back() == ',') fields.emplace_back();
    REQUIRE(fields.size() >= 3);
    const std::string &alive = fields[fields.size() - 3], &clv = fields[fields.size() - 2], &next = fields.back();
    CAPTURE(line);
    CHECK(std::fabs(std::stod(alive) - c.value.pAlive[i]) <= 0.00005 + 1e-12);  // 4 decimals
    CHECK(std::fabs(std::stod(clv) - c.value.clv[i]) <= 0.005 + 1e-9);          // cents
    if (c.value.pAlive[i] >= 0.2) {
      CHECK(next == retention::format_date(static_cast<retention::Date>(c.value.nextOrder[i])));
      ++with_date;
    } else {
      CHECK(next.empty());
    }
  }
  CHECK(with_date > 0);
  CHECK(with_date < static_cast<int>(c.size()));
}
