// Issue 10: the date range (from/to) and the summary's period comparison, on hand-worked numbers.
#include <doctest/doctest.h>

#include <string>

#include "ingest/dates.hpp"
#include "engine_run.hpp"
#include "retention/report.hpp"
#include "retention/sql.hpp"

using retention::ErrorCode;
using retention::Options;
using retention::parse_options_json;

namespace {

// Five customers; b's order 4 is a refund (net -10), d bought only in March 2023, e only after March 2024.
const std::string kShop =
    "customer,order_id,date,amount,product\n"
    "a,1,2024-01-10,100,Mug\n"
    "a,2,2024-03-05,50,Mug\n"
    "b,3,2024-02-20,30,Tea\n"
    "b,4,2024-03-20,-10,Tea\n"
    "c,5,2024-03-25,200,Lamp\n"
    "c,6,2024-03-28,20,Tea\n"
    "d,7,2023-03-01,40,Tea\n"
    "d,8,2023-03-15,60,Tea\n"
    "e,9,2024-04-10,500,Sofa\n";

test::Run run(const std::string& options_json) {
  Options options;
  REQUIRE_FALSE(parse_options_json(options_json, options));
  return test::analyse(kShop, options);
}

retention::Date day(const char* iso) { return *retention::parse_date(iso); }

bool has(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a date range analyses only its orders and counts the ones it leaves out") {
  test::Run r = run(R"({"from": "2024-02-01", "to": "2024-03-31"})");
  REQUIRE(r.ok);
  const auto& s = r.report.summary;
  // In range: a 50 (03-05); b 30 (02-20) and its refund -10; c 200 + 20. Out: a's January order, d's two, e's.
  CHECK(s.customers == 3);
  CHECK(s.orders == 4);
  CHECK(s.revenue == 290 * retention::kMoneyScale);
  CHECK(s.ordersOutsideRange == 4);
  CHECK(s.ordersAfterAsOf == 0);
  CHECK(r.report.dateRange.ordersBefore == 3);
  CHECK(r.report.dateRange.ordersAfter == 1);
  CHECK(*s.firstOrder == day("2024-02-20"));
  CHECK(*s.lastOrder == day("2024-03-28"));
  // The whole file's span stays known, for choosing another range.
  CHECK(*r.report.dateRange.firstOrder == day("2023-03-01"));
  CHECK(*r.report.dateRange.lastOrder == day("2024-04-10"));
  CHECK(has(r.json, R"("dateRange":{"from":"2024-02-01","to":"2024-03-31","ordersBefore":3,"ordersAfter":1,)"
                    R"("firstOrder":"2023-03-01","lastOrder":"2024-04-10"})"));
  CHECK(has(r.json, R"("ordersOutsideRange":4)"));
  // A customer's frequency counts the range's orders only: a bought twice, once in it.
  CHECK(r.report.rfMatrix.customers[0][0] == 2);  // a and b, active single
  CHECK(r.report.rfMatrix.customers[0][1] == 1);  // c, active multi
  // The product lines of orders outside the range are left out with them.
  CHECK_FALSE(has(r.json, "Sofa"));
}

TEST_CASE("with a date range's end and no asOf, asOf is that end") {
  SUBCASE("the range's last day, even without an order on it") {
    test::Run r = run(R"({"from": "2024-02-01", "to": "2024-03-31"})");
    REQUIRE(r.ok);
    CHECK(*r.report.summary.asOf == day("2024-03-31"));
    // recency a: 26 days (03-05), b: 40 (02-20, 2024 is a leap year), c: 3 (03-28).
    CHECK(has(r.json, R"("asOf":"2024-03-31")"));
  }
  SUBCASE("only a start: asOf is the latest order, as without a range") {
    test::Run r = run(R"({"from": "2024-03-01"})");
    REQUIRE(r.ok);
    CHECK(*r.report.summary.asOf == day("2024-04-10"));
    CHECK(r.report.dateRange.ordersBefore == 4);
    CHECK(r.report.dateRange.ordersAfter == 0);
    CHECK(r.report.summary.customers == 3);  // a, c, e (b has only its refund in March)
  }
  SUBCASE("an explicit asOf after the range wins") {
    test::Run r = run(R"({"from": "2024-02-01", "to": "2024-03-31", "asOf": "2024-04-30"})");
    REQUIRE(r.ok);
    CHECK(*r.report.summary.asOf == day("2024-04-30"));
    CHECK(r.report.summary.customers == 3);  // e's order is outside the range, not merely after asOf
    CHECK(r.report.summary.ordersAfterAsOf == 0);
    // The current period is still the range.
    CHECK(r.report.comparison.current.to == day("2024-03-31"));
  }
}

TEST_CASE("a date range that is backwards, or an asOf before it, is an invalid option") {
  Options options;
  retention::Error e = parse_options_json(R"({"from": "2024-03-01", "to": "2024-02-01"})", options);
  CHECK(e.code == ErrorCode::invalid_options);
  CHECK(has(e.message, "from (2024-03-01) is after to (2024-02-01)"));
  e = parse_options_json(R"({"from": "2024-03-01", "asOf": "2024-02-01"})", options);
  CHECK(e.code == ErrorCode::invalid_options);
  e = parse_options_json(R"({"to": "31/12/2024"})", options);
  CHECK(e.code == ErrorCode::invalid_options);
  CHECK(has(e.message, "to '31/12/2024' is not a date"));
  CHECK(parse_options_json(R"({"comparePeriodDays": 0})", options).code == ErrorCode::invalid_options);
  CHECK(parse_options_json(R"({"comparePeriodDays": 12.5})", options).code == ErrorCode::invalid_options);
  CHECK_FALSE(parse_options_json(R"({"from": null, "to": "2024-02-01", "comparePeriodDays": 30})", options));
  CHECK(options.comparePeriodDays == 30);
  CHECK_FALSE(options.from);
}

TEST_CASE("a date range without a counted order says so, with the orders left out") {
  Options options;
  REQUIRE_FALSE(parse_options_json(R"({"from": "2022-01-01", "to": "2022-12-31"})", options));
  test::Run r = test::analyse(kShop, options);
  CHECK_FALSE(r.ok);
  CHECK(r.error.code == ErrorCode::no_orders);
  CHECK(r.error.message == "no order with a positive amount is dated from 2022-01-01 to 2022-12-31 "
                           "(9 orders of the file are outside it)");
}

TEST_CASE("period comparison: a date range against the 60 days before it; last year not covered") {
  test::Run r = run(R"({"from": "2024-02-01", "to": "2024-03-31"})");
  REQUIRE(r.ok);
  const auto& c = r.report.comparison;
  CHECK(c.fromRange);
  CHECK(c.current.from == day("2024-02-01"));
  CHECK(c.current.to == day("2024-03-31"));
  CHECK(c.current.customers == 3);
  CHECK(c.current.orders == 4);
  CHECK(c.current.repeatCustomers == 1);
  CHECK(c.current.revenue == 290 * retention::kMoneyScale);
  // 60 days before 2024-02-01: 2023-12-03 .. 2024-01-31, where a's January order (100) falls.
  REQUIRE(c.previous.available);
  CHECK(c.previous.kpis.from == day("2023-12-03"));
  CHECK(c.previous.kpis.to == day("2024-01-31"));
  CHECK(c.previous.kpis.customers == 1);
  CHECK(c.previous.kpis.orders == 1);
  CHECK(c.previous.kpis.revenue == 100 * retention::kMoneyScale);
  // Customers 3 vs 1: +200%; orders 4 vs 1: +300%; revenue 290 vs 100: +190%; AOV 72.5 vs 100: -27.5%;
  // repeat rate 1/3 vs 0: +33.3 points.
  CHECK(has(r.json, R"("previousPeriod":{"available":true,"reason":null,"from":"2023-12-03","to":"2024-01-31","days":60,)"
                    R"("customers":1,"orders":1,"revenue":100,"averageOrderValue":100,"repeatCustomers":0,"repeatRate":0,)"
                    R"("change":{"customers":2,"orders":3,"revenue":1.9,"averageOrderValue":-0.275,"repeatRatePoints":0.333333}})"));
  // The same dates of 2023 start before the file's first order (2023-03-01): not a fake -100%.
  CHECK_FALSE(c.lastYear.available);
  CHECK(has(r.json, R"("samePeriodLastYear":{"available":false,"reason":"the file's orders start on 2023-03-01, after this period )"
                    R"(begins: it covers only part of it","from":"2023-02-01","to":"2023-03-31","days":59,"customers":null,)"));
  CHECK(has(r.json, R"("repeatRate":null,"change":null})"));
}

TEST_CASE("period comparison without a range: the last comparePeriodDays days up to asOf") {
  test::Run r = run(R"({"comparePeriodDays": 30})");
  REQUIRE(r.ok);
  const auto& c = r.report.comparison;
  CHECK_FALSE(c.fromRange);
  // 2024-03-12 .. 2024-04-10: c's 200 + 20, e's 500; b's refund alone does not make b a customer.
  CHECK(c.current.from == day("2024-03-12"));
  CHECK(c.current.customers == 2);
  CHECK(c.current.orders == 3);
  CHECK(c.current.revenue == 720 * retention::kMoneyScale);
  // Before: 2024-02-11 .. 2024-03-11, a's 50 and b's 30.
  CHECK(c.previous.kpis.from == day("2024-02-11"));
  CHECK(c.previous.kpis.customers == 2);
  CHECK(c.previous.kpis.revenue == 80 * retention::kMoneyScale);
  // A year earlier: 2023-03-12 .. 2023-04-10, d's 60 (covered: the file starts 2023-03-01).
  REQUIRE(c.lastYear.available);
  CHECK(c.lastYear.kpis.from == day("2023-03-12"));
  CHECK(c.lastYear.kpis.orders == 1);
  CHECK(has(r.json, R"("comparison":{"basis":"lastDays","current":{"from":"2024-03-12","to":"2024-04-10","days":30,)"
                    R"("customers":2,"orders":3,"revenue":720,"averageOrderValue":240,"repeatCustomers":1,"repeatRate":0.5})"));
  CHECK(has(r.json, R"("change":{"customers":0,"orders":0.5,"revenue":8,"averageOrderValue":5,"repeatRatePoints":0.5}})"));
  CHECK(has(r.json, R"("change":{"customers":1,"orders":2,"revenue":11,"averageOrderValue":3,"repeatRatePoints":0.5}})"));
}

TEST_CASE("period comparison: an empty base has no change, a period before the file has a reason") {
  SUBCASE("the previous period is covered but has no orders: every change is null, not 0% or infinite") {
    test::Run r = run(R"({"asOf": "2024-03-07", "comparePeriodDays": 5})");
    REQUIRE(r.ok);
    const auto& c = r.report.comparison;
    CHECK(c.current.customers == 1);  // a, 03-05
    REQUIRE(c.previous.available);    // 02-27 .. 03-02
    CHECK(c.previous.kpis.customers == 0);
    CHECK(has(r.json, R"("averageOrderValue":null,"repeatCustomers":0,"repeatRate":null,"change":{"customers":null,)"
                      R"("orders":null,"revenue":null,"averageOrderValue":null,"repeatRatePoints":null}})"));
  }
  SUBCASE("the whole file as the range: nothing before it to compare with") {
    test::Run r = run(R"({"from": "2023-03-01", "to": "2024-04-10"})");
    REQUIRE(r.ok);
    CHECK_FALSE(r.report.comparison.previous.available);
    CHECK(r.report.comparison.previous.reason == "the file has no orders before 2023-03-01, its first order");
  }
}

TEST_CASE("the current period's figures are the summary of the analysis of that date range") {
  for (const char* range : {R"({"from": "2024-02-01", "to": "2024-03-31"})", R"({"from": "2023-03-10", "to": "2024-03-20"})",
                            R"({"from": "2024-03-25", "to": "2024-04-10"})"}) {
    CAPTURE(range);
    test::Run r = run(range);
    REQUIRE(r.ok);
    const auto& s = r.report.summary;
    const auto& k = r.report.comparison.current;
    CHECK(k.customers == s.customers);
    CHECK(k.orders == s.orders);
    CHECK(k.revenue == s.revenue);
    CHECK(k.repeatCustomers == r.report.retention.withAtLeast[1]);
  }
}

// The figures of a compared period are those of the analysis of that period as a date range.
void check_period(const std::string& shop, const retention::PeriodKpis& k) {
  Options options;
  options.from = k.from;
  options.to = k.to;
  const test::Run r = test::analyse(shop, options);
  REQUIRE(r.ok);
  CHECK(k.customers == r.report.summary.customers);
  CHECK(k.orders == r.report.summary.orders);
  CHECK(k.revenue == r.report.summary.revenue);
  CHECK(k.repeatCustomers == r.report.retention.withAtLeast[1]);
}

TEST_CASE("compared periods of few orders and of many add up each customer's orders alike") {
  // 4,000 customers, 12,000 orders over two years, one in eight a refund. A month holds few orders
  // against the customers (gathered and sorted by customer), a year many (added up per customer):
  // both ways must give each period the figures of its own analysis.
  std::string shop = "customer,order_id,date,amount\n";
  uint64_t state = 42;
  auto next = [&state](uint64_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % n;
  };
  const retention::Date first = day("2023-01-01");
  for (int order = 0; order < 12000; ++order) {
    const auto amount = static_cast<int64_t>(next(200)) - (next(8) == 0 ? 230 : 0);
    shop += "c" + std::to_string(next(4000)) + ",o" + std::to_string(order) + "," +
            retention::format_date(first + static_cast<retention::Date>(next(730))) + "," + std::to_string(amount) + "\n";
  }
  for (const char* range : {R"({"from": "2024-11-01", "to": "2024-11-30"})", R"({"from": "2024-01-15", "to": "2024-12-30"})",
                            R"({"from": "2024-06-10", "to": "2024-06-10"})", R"({"from": "2024-03-01", "to": "2024-12-31"})"}) {
    const std::string shown = range;
    CAPTURE(shown);
    Options options;
    REQUIRE_FALSE(parse_options_json(range, options));
    const test::Run r = test::analyse(shop, options);
    REQUIRE(r.ok);
    const retention::PeriodComparison& c = r.report.comparison;
    check_period(shop, c.current);
    REQUIRE(c.previous.available);
    check_period(shop, c.previous.kpis);
    if (c.lastYear.available) check_period(shop, c.lastYear.kpis);
  }
}

TEST_CASE("several files with a date range: the duplicates are dropped first, then the range") {
  const std::string first = "customer,order_id,date,amount\na,1,2024-01-10,100\nb,3,2024-02-20,30\n";
  const std::string second = "customer,order_id,date,amount\nb,3,2024-02-20,30\nc,5,2024-03-25,200\n";
  Options options;
  REQUIRE_FALSE(parse_options_json(R"({"from": "2024-02-01"})", options));
  retention::Engine engine(options);
  REQUIRE(engine.feed(first.data(), first.size()));
  REQUIRE(engine.next_file());
  REQUIRE(engine.feed(second.data(), second.size()));
  REQUIRE(engine.finish());
  CHECK(engine.report().summary.orders == 2);
  CHECK(engine.report().dataQuality.duplicateOrders == 1);
  CHECK(engine.report().dateRange.ordersBefore == 1);
}

TEST_CASE("the warehouse SQL refuses a date range rather than ignore it") {
  retention::SqlRequest request;
  retention::Error e = retention::parse_sql_request(R"({"dialect": "duckdb", "from": "2024-01-01"})", request);
  CHECK(e.code == ErrorCode::invalid_options);
  CHECK(has(e.message, "not supported by sql yet"));
  CHECK_FALSE(retention::parse_sql_request(R"({"dialect": "duckdb", "comparePeriodDays": 30})", request));
}
