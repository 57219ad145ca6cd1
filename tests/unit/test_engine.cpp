// The engine end to end on small files: orders, refunds, asOf, the RF matrix, errors, chunk splits.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/dates.hpp"
#include "engine_run.hpp"
#include "retention/engine.hpp"

using retention::Engine;
using retention::ErrorCode;
using retention::kMoneyScale;
using retention::Options;

namespace {

using test::analyse;
using test::read_file;
using test::Run;

retention::Date day(const char* iso) { return *retention::parse_date(iso); }

const std::string kFixture = std::string(RETENTION_FIXTURES) + "/generic-orders.csv";

}  // namespace

TEST_CASE("the generic fixture gives the hand-computed summary and RF matrix") {
  // alice: orders 1001 (two line items, 1050) and 1002 (20): multi, last 2024-03-01 -> recency 62, active.
  // bob: 1003 (30), refund R1003 (-30, not an order), 1004 (25): multi, recency 2, monetary 25.
  // carol: one order 2022-12-01 -> recency 518, lapsed. dave: three orders, last on asOf: highValue.
  Run run = analyse(read_file(kFixture));
  REQUIRE_MESSAGE(run.ok, run.error.message);
  const auto& s = run.report.summary;
  CHECK(s.rowsRead == 10);
  CHECK(s.rowsRejected == 0);
  CHECK(s.customers == 4);
  CHECK(s.orders == 8);
  CHECK(s.revenue == 1165 * kMoneyScale);
  CHECK(*s.firstOrder == day("2022-12-01"));
  CHECK(*s.lastOrder == day("2024-05-02"));
  CHECK(*s.asOf == day("2024-05-02"));
  const auto& m = run.report.rfMatrix;
  using Row = std::array<int64_t, 3>;
  CHECK(m.customers[0] == Row{0, 2, 1});
  CHECK(m.customers[1] == Row{0, 0, 0});
  CHECK(m.customers[2] == Row{1, 0, 0});
  CHECK(m.revenue[0] == Row{0, 1095 * kMoneyScale, 30 * kMoneyScale});
  CHECK(m.revenue[2][0] == 40 * kMoneyScale);
}

TEST_CASE("the report JSON has the SPEC 5 shape with exact numbers") {
  Run run = analyse("customer_id,order_date,amount\nc1,2024-01-01,10.5\nc1,2024-02-01,0.25\nc2,2023-01-01,3\n");
  REQUIRE(run.ok);
  CHECK(run.json.find("\"summary\":{\"rowsRead\":3,\"rowsRejected\":0,\"rowsWithoutCustomer\":0,\"rowsExcluded\":0,\"customers\":2,"
                      "\"customersWithoutOrders\":0,\"orders\":3,\"ordersAfterAsOf\":0,\"ordersOutsideRange\":0,\"revenue\":13.75,"
                      "\"firstOrder\":\"2023-01-01\",\"lastOrder\":\"2024-02-01\",\"asOf\":\"2024-02-01\"}") !=
        std::string::npos);
  CHECK(run.json.find("\"customers\":[[0,1,0],[0,0,0],[1,0,0]]") != std::string::npos);
  CHECK(run.json.find("\"share\":[[0,0.5,0],[0,0,0],[0.5,0,0]]") != std::string::npos);
}

TEST_CASE("refunds: an order with net <= 0 is not counted but its amount lowers monetary") {
  SUBCASE("a refund row sharing the order id nets the order to zero") {
    Run run = analyse("order_id,customer_id,order_date,amount\nA,c1,2024-01-01,10\nA,c1,2024-01-05,-10\n"
                      "B,c1,2024-02-01,7\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.orders == 1);
    CHECK(run.report.summary.revenue == 7 * kMoneyScale);
  }
  SUBCASE("a refund column is subtracted from the row's amount") {
    Run run = analyse("customer,date,total,refunded amount\nc1,2024-01-01,10,4\nc1,2024-01-02,5,5\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.orders == 1);
    CHECK(run.report.summary.revenue == 6 * kMoneyScale);
  }
  SUBCASE("a customer whose orders are all refunded is counted apart") {
    Run run = analyse("customer,date,amount\nc1,2024-01-01,10\nc2,2024-01-01,-5\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.customers == 1);
    CHECK(run.report.summary.customersWithoutOrders == 1);
    CHECK(run.report.summary.revenue == 10 * kMoneyScale);
  }
}

TEST_CASE("an order's date is its earliest row date") {
  Run run = analyse("order,customer,date,amount\nA,c1,2024-03-10,5\nA,c1,2024-03-01,5\nB,c2,2024-03-12,1\n");
  REQUIRE(run.ok);
  CHECK(*run.report.summary.firstOrder == day("2024-03-01"));
}

TEST_CASE("asOf: recency boundaries at 90 and 365 days, and orders after asOf are ignored") {
  // recency 89 -> active, 90 and 365 -> churning, 366 -> lapsed.
  Options options;
  options.asOf = day("2024-12-31");
  std::string text = "customer,date,amount\n";
  text += "a," + retention::format_date(day("2024-12-31") - 89) + ",1\n";
  text += "b," + retention::format_date(day("2024-12-31") - 90) + ",1\n";
  text += "c," + retention::format_date(day("2024-12-31") - 365) + ",1\n";
  text += "d," + retention::format_date(day("2024-12-31") - 366) + ",1\n";
  text += "e,2025-01-01,100\n";
  Run run = analyse(text, options);
  REQUIRE(run.ok);
  using Row = std::array<int64_t, 3>;
  CHECK(run.report.rfMatrix.customers[0] == Row{1, 0, 0});
  CHECK(run.report.rfMatrix.customers[1] == Row{2, 0, 0});
  CHECK(run.report.rfMatrix.customers[2] == Row{1, 0, 0});
  CHECK(run.report.summary.ordersAfterAsOf == 1);
  CHECK(run.report.summary.customers == 4);
  CHECK(run.report.summary.revenue == 4 * kMoneyScale);
}

TEST_CASE("RF thresholds are configurable") {
  Options options;
  options.rf.activeBelowDays = 30;
  options.rf.lapsedAboveDays = 60;
  options.rf.multiOrders = 3;
  options.rf.highValueOrders = 5;
  Run run = analyse("customer,date,amount\na,2024-01-01,1\na,2024-01-02,1\na,2024-03-31,1\nb,2024-02-15,1\n"
                    "b,2024-02-20,1\n", options);
  REQUIRE(run.ok);
  // asOf 2024-03-31: a has 3 orders (multi at 3), recency 0; b has 2 (single below 3), recency 40 (churning).
  CHECK(run.report.rfMatrix.customers[0][1] == 1);
  CHECK(run.report.rfMatrix.customers[1][0] == 1);
}

TEST_CASE("bad rows are rejected and listed with their line, good rows still count") {
  Run run = analyse("customer,date,amount\nc1,2024-01-01,10\nc2,2024-13-01,5\nc3,2024-01-02,ten\n,2024-01-03,1\n"
                    "NA,2024-01-03,1\nc4,,3\n");
  REQUIRE(run.ok);
  const auto& s = run.report.summary;
  CHECK(s.rowsRead == 6);
  CHECK(s.rowsRejected == 3);
  CHECK(s.rowsWithoutCustomer == 2);
  CHECK(s.customers == 1);
  REQUIRE(run.report.warnings.size() == 3);
  CHECK(run.report.warnings[0].line == 3);
  CHECK(run.report.warnings[0].column == "date");
  CHECK(run.report.warnings[0].message == "cannot read the date '2024-13-01'");
  CHECK(run.report.warnings[1].line == 4);
  CHECK(run.report.warnings[1].message == "cannot read the amount 'ten': it holds no digits");
  CHECK(run.report.warnings[2].line == 7);
  CHECK(run.report.warnings[2].message == "the date is missing");
}

TEST_CASE("a row with more non-empty fields than the header is rejected, never read from its first fields") {
  SUBCASE("an unquoted grouped amount splits into two fields") {
    Run run = analyse("customer,date,amount\na,2024-02-01,10\nb,2024-02-01,$1,200.50\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.rowsRejected == 1);
    CHECK(run.report.summary.customers == 1);
    CHECK(run.report.summary.revenue == 10 * kMoneyScale);
    REQUIRE(run.report.warnings.size() == 1);
    CHECK(run.report.warnings[0].line == 3);
    CHECK(run.report.warnings[0].column.empty());
    CHECK(run.report.warnings[0].message ==
          "4 fields where the header has 3 (a value with an unquoted delimiter, such as 1,200.50 in a "
          "comma-separated file?)");
  }
  SUBCASE("trailing empty fields, as from a comma at the end of every line, are accepted") {
    Run run = analyse("customer,date,amount\na,2024-02-01,10,\nb,2024-02-02,5,,\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.rowsRejected == 0);
    CHECK(run.report.summary.customers == 2);
  }
  SUBCASE("an empty field before a non-empty extra one still counts") {
    Run run = analyse("customer;date;amount\na;2024-02-01;10;;x\nb;2024-02-02;4\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.rowsRejected == 1);
    REQUIRE(run.report.warnings.size() == 1);
    CHECK(run.report.warnings[0].message.rfind("5 fields where the header has 3", 0) == 0);
  }
  SUBCASE("a short row is still rejected for its missing value") {
    Run run = analyse("customer,date,amount\na,2024-02-01\nb,2024-02-02,4\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.rowsRejected == 1);
  }
}

TEST_CASE("without a currency column, the currency comes from the symbols written with the amounts") {
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  SUBCASE("one symbol throughout: its ISO code, rows without a symbol not counted") {
    Run run = analyse("customer;date;amount\na;2024-02-01;12,00 €\nb;2024-02-02;5\nc;2024-02-03;€ 3,50\n");
    REQUIRE(run.ok);
    CHECK(run.report.dataQuality.currencies == Counts{{"EUR", 2}});
    CHECK(run.json.find("\"mixedCurrencies\":false") != std::string::npos);
  }
  SUBCASE("a shared symbol is reported as written") {
    Run run = analyse("customer,date,amount\na,2024-02-01,$12.00\n");
    REQUIRE(run.ok);
    CHECK(run.report.dataQuality.currencies == Counts{{"$", 1}});
  }
  SUBCASE("two symbols are mixed currencies") {
    Run run = analyse("customer,date,amount\na,2024-02-01,£5\nb,2024-02-02,€7\nc,2024-02-03,£1\n");
    REQUIRE(run.ok);
    CHECK(run.report.dataQuality.currencies == Counts{{"GBP", 2}, {"EUR", 1}});
    CHECK(run.json.find("\"mixedCurrencies\":true") != std::string::npos);
  }
  SUBCASE("a currency column wins over the symbols") {
    Run run = analyse("customer,date,amount,currency\na,2024-02-01,$12.00,CAD\n");
    REQUIRE(run.ok);
    CHECK(run.report.dataQuality.currencies == Counts{{"CAD", 1}});
  }
}

TEST_CASE("strict mode turns the first rejected row into an error") {
  Options options;
  options.strict = true;
  Run run = analyse("customer,date,amount\nc1,2024-01-01,10\nc2,2024-01-02,oops\n", options);
  CHECK_FALSE(run.ok);
  CHECK(run.error.code == ErrorCode::rejected_row);
  CHECK(run.error.line == 3);
  CHECK(retention::describe_error(run.error) ==
        "line 3: cannot read the amount 'oops': it holds no digits (strict mode rejects any bad row)");
}

TEST_CASE("files that cannot be analysed end with a clear error") {
  SUBCASE("empty") {
    for (std::string text : {"", "\xEF\xBB\xBF", "\n\n  \n"}) {
      Run run = analyse(text);
      CHECK_FALSE(run.ok);
      CHECK(run.error.code == ErrorCode::empty_input);
      CHECK(run.error.message == "the file is empty");
    }
  }
  SUBCASE("header only") {
    Run run = analyse("customer,date,amount\r\n");
    CHECK(run.error.code == ErrorCode::no_data_rows);
    CHECK(run.error.message == "the file has a header but no data rows");
  }
  SUBCASE("no customer column") {
    Run run = analyse("when,total\n2024-01-01,3\n");
    CHECK(run.error.code == ErrorCode::missing_column);
    CHECK(run.error.line == 1);
  }
  SUBCASE("an unterminated quote") {
    Run run = analyse("customer,date,amount\nc1,2024-01-01,10\n\"c2,2024-01-02,5\n");
    CHECK(run.error.code == ErrorCode::unterminated_quote);
    CHECK(run.error.line == 3);
  }
  SUBCASE("no positive order") {
    Run run = analyse("customer,date,amount\nc1,2024-01-01,-3\n");
    CHECK(run.error.code == ErrorCode::no_orders);
  }
}

TEST_CASE("the delimiter is sniffed from the header line") {
  Run run = analyse("customer;date;amount\nc1;2024-01-01;\"1,5\"\n");
  REQUIRE(run.ok);
  CHECK(run.report.dataQuality.delimiter == ";");
  CHECK(run.report.summary.revenue == 1500000);  // and "1,5" shows a decimal comma
  CHECK(run.report.dataQuality.decimalSeparator == ",");
  Run tabs = analyse("customer\tdate\tamount\nc1\t2024-01-01\t2\n");
  REQUIRE(tabs.ok);
  CHECK(tabs.report.dataQuality.delimiter == "\t");
  CHECK(tabs.report.summary.revenue == 2 * kMoneyScale);
}

TEST_CASE("any split of the input gives the same report") {
  const std::string text = read_file(kFixture);
  const std::string whole = analyse(text).json;
  REQUIRE_FALSE(whole.empty());
  SUBCASE("one cut at every byte position, the BOM included") {
    for (size_t cut = 0; cut <= text.size(); ++cut) {
      CAPTURE(cut);
      CHECK(analyse(text, {}, {cut}).json == whole);
    }
  }
  SUBCASE("random cuts") {
    std::mt19937 rng(42);
    for (int trial = 0; trial < 300; ++trial) {
      std::vector<size_t> cuts;
      std::uniform_int_distribution<size_t> pos(0, text.size());
      std::uniform_int_distribution<int> count(1, 12);
      for (int i = count(rng); i > 0; --i) cuts.push_back(pos(rng));
      std::sort(cuts.begin(), cuts.end());
      CAPTURE(trial);
      CHECK(analyse(text, {}, cuts).json == whole);
    }
  }
}

TEST_CASE("mean P(alive) and predicted CLV per RF cell and segment equal the per-customer columns") {
  const std::string text = read_file(std::string(RETENTION_FIXTURES) + "/../../examples/sample-shop.csv");
  Engine engine{Options{}};
  REQUIRE(engine.feed(text.data(), text.size()));
  REQUIRE_MESSAGE(engine.finish(), engine.error().message);
  const auto& c = engine.customers();
  const auto& model = engine.report().model;
  REQUIRE(c.value.pAlive.size() == c.size());
  REQUIRE(c.value.clv.size() == c.size());
  REQUIRE(model.byRfCell.size() == retention::kRfCells);
  for (size_t cell = 0; cell < retention::kRfCells; ++cell) {
    int64_t n = 0;
    double alive = 0, value = 0;
    for (size_t i = 0; i < c.size(); ++i)
      if (c.rfCell[i] == cell) ++n, alive += c.value.pAlive[i], value += c.value.clv[i];
    CAPTURE(cell);
    CHECK(model.byRfCell[cell].customers == n);
    if (n) {
      CHECK(model.byRfCell[cell].meanPAlive == doctest::Approx(alive / static_cast<double>(n)));
      CHECK(model.byRfCell[cell].meanClv == doctest::Approx(value / static_cast<double>(n)));
    }
  }
  int64_t total = 0;
  for (const auto& g : model.bySegment) total += g.customers;
  CHECK(total == static_cast<int64_t>(c.size()));
}
