// Issue 14: a per-customer summary as input. Header recognition, rejections, and the same answers
// as the orders the summary was made from.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "engine_run.hpp"
#include "ingest/dates.hpp"
#include "ingest/summary_columns.hpp"
#include "retention/engine.hpp"

using retention::ColumnMapping;
using retention::ErrorCode;
using retention::InputFormat;
using retention::Options;

namespace {

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  for (size_t start = 0;;) {
    size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

bool lists(const retention::Report& r, const std::string& section) {
  for (const auto& u : r.input.unavailableSections)
    if (u.section == section) return !u.reason.empty();
  return false;
}

// Four customers' orders, and the summary of them (as of the last order, 2024-06-30).
const std::string kOrders =
    "customer,order,date,amount\n"
    "ann,1,2023-01-10,100\nann,2,2023-05-02,40.5\nann,3,2024-06-01,60\nann,4,2024-06-01,10\n"
    "bob,5,2024-06-30,20\n"
    "cy,6,2022-03-03,300\ncy,7,2022-09-09,55.25\n"
    "dee,8,2024-02-02,12\ndee,9,2024-04-04,13\ndee,10,2024-06-06,14\n";
const std::string kSummary =
    "customer,first_order,last_order,recency_days,frequency,monetary,rf_cell,r,f,m,segment,order_days,btyd_x,"
    "btyd_t_x,btyd_t,counted_revenue,repeat_revenue\n"
    "ann,2023-01-10,2024-06-01,29,4,210.5,active/highValue,4,5,5,Champions,3,2,508,537,210.5,110.5\n"
    "bob,2024-06-30,2024-06-30,0,1,20,active/single,5,1,2,New Customers,1,0,0,0,20,0\n"
    "cy,2022-03-03,2022-09-09,660,2,355.25,lapsed/multi,1,3,5,Others,2,1,190,850,355.25,55.25\n"
    "dee,2024-02-02,2024-06-06,24,3,39,active/highValue,5,4,3,Potential Loyalist,3,2,125,149,39,27\n";

}  // namespace

TEST_CASE("the header retention-kit sql writes is recognised as a customer summary") {
  CHECK(retention::is_summary_header(split("customer,first_order,last_order,recency_days,frequency,monetary"), {}));
  SUBCASE("plain names") {
    CHECK(retention::is_summary_header(split("Customer,First order,Last order,Orders,Total spent"), {}));
    CHECK(retention::is_summary_header(split("Email,First Order Date,Last Order Date,Number of orders,Revenue"), {}));
  }
  SUBCASE("an order export is not") {
    CHECK_FALSE(retention::is_summary_header(split("customer,order,date,amount"), {}));
    CHECK_FALSE(retention::is_summary_header(split("Customer ID,First Name,Email,Total Spent,Total Orders"), {}));
  }
  SUBCASE("named columns count") {
    ColumnMapping given;
    given.customer = "who";
    given.firstOrder = "since";
    given.lastOrder = "until";
    CHECK(retention::is_summary_header(split("who,since,until,orders,revenue"), given));
    given.customer.clear();
    CHECK_FALSE(retention::is_summary_header(split("who,since,until,orders,revenue"), given));
  }
}

TEST_CASE("a customer summary gives the RF matrix, segments, Pareto and model of the orders it summarises") {
  auto orders = test::analyse(kOrders);
  auto summary = test::analyse(kSummary);
  REQUIRE(orders.ok);
  REQUIRE_MESSAGE(summary.ok, summary.error.message);
  const auto& a = orders.report;
  const auto& b = summary.report;
  CHECK(b.input.format == "customers");
  CHECK(a.input.format == "orders");
  CHECK(a.input.unavailableSections.empty());
  CHECK(b.preset == "customer-summary");
  CHECK(b.summary.customers == 4);
  CHECK(b.summary.orders == a.summary.orders);
  CHECK(b.summary.revenue == a.summary.revenue);
  CHECK(b.summary.asOf == a.summary.asOf);
  CHECK(b.rfMatrix.customers == a.rfMatrix.customers);
  CHECK(b.rfMatrix.revenue == a.rfMatrix.revenue);
  REQUIRE(b.rfm.segments.size() == a.rfm.segments.size());
  for (size_t s = 0; s < a.rfm.segments.size(); ++s) CHECK(b.rfm.segments[s].customers == a.rfm.segments[s].customers);
  CHECK(b.pareto.top == a.pareto.top);
  CHECK(b.pareto.lorenz == a.pareto.lorenz);
  CHECK(b.retention.withAtLeast == a.retention.withAtLeast);
  CHECK(b.model.error == a.model.error);
  CHECK(b.model.transactions.parameters == a.model.transactions.parameters);
  CHECK(b.model.spend.parameters == a.model.spend.parameters);
  CHECK(b.model.sameDayOrdersMerged == a.model.sameDayOrdersMerged);
  for (const char* section : {"cohorts", "retention.monthly", "retention.gaps", "migration", "performance", "topProducts"})
    CHECK_MESSAGE(lists(b, section), section);
  CHECK(summary.json.find("\"input\":{\"format\":\"customers\",\"unavailableSections\":[{\"section\":") !=
        std::string::npos);
}

TEST_CASE("plain column names and format customers with named columns") {
  const std::string plain =
      "Customer,First order,Last order,Orders,Total spent,Country\n"
      "a@x.com,2024-01-05,2024-03-01,3,\"1,200.50\",DE\n"
      "b@x.com,02/01/2024,02/01/2024,1,$20.00,FR\n";
  auto run = test::analyse(plain);
  REQUIRE_MESSAGE(run.ok, run.error.message);
  CHECK(run.report.summary.customers == 2);
  CHECK(run.report.summary.revenue == 1220500000);
  CHECK(run.report.attributeColumns == std::vector<std::string>{"Country"});

  Options options;
  options.format = InputFormat::customers;
  options.columns.customer = "who";
  options.columns.firstOrder = "since";
  options.columns.lastOrder = "until";
  options.columns.orders = "n";
  options.columns.revenue = "paid";
  auto named = test::analyse("who,since,until,n,paid\nx,2024-01-01,2024-02-01,2,30\ny,2024-02-01,2024-02-01,1,5\n", options);
  REQUIRE_MESSAGE(named.ok, named.error.message);
  CHECK(named.report.summary.customers == 2);
  CHECK(named.report.summary.orders == 3);

  options.columns.revenue = "nope";
  auto missing = test::analyse("who,since,until,n,paid\nx,2024-01-01,2024-02-01,2,30\n", options);
  CHECK(missing.error.code == ErrorCode::missing_column);
}

TEST_CASE("Shopify's customers export without order dates is told to use the orders export") {
  const std::string shopify =
      "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Total Spent,Total Orders,Note,Tax Exempt\n"
      "1,Ann,Lee,ann@example.com,yes,120.00,3,,no\n";
  auto run = test::analyse(shopify);
  CHECK(run.error.code == ErrorCode::missing_column);
  CHECK(run.error.message.find("Shopify customers export") != std::string::npos);
  CHECK(run.error.message.find("pick All orders") != std::string::npos);
  Options options;
  options.format = InputFormat::customers;
  auto forced = test::analyse(shopify, options);
  CHECK(forced.error.code == ErrorCode::missing_column);
  CHECK(forced.error.message.find("Shopify customers export") != std::string::npos);
}

TEST_CASE("bad summary rows are rejected, counted and listed with their line; none crashes the run") {
  const std::string text =
      "customer,first_order,last_order,orders,revenue,order_days\n"
      "ok,2024-01-01,2024-03-01,2,50,2\n"                 // 2
      "backwards,2024-03-01,2024-01-01,2,50,\n"          // 3: last before first
      "none,2024-01-01,2024-01-01,0,50,\n"               // 4: orders < 1
      "negative,2024-01-01,2024-01-01,1,-5,\n"           // 5
      "text,2024-01-01,2024-01-01,1,lots,\n"             // 6
      "old,1924-01-01,2024-01-01,2,5,\n"                 // 7: before 1970
      "ok,2024-01-02,2024-01-02,1,5,\n"                  // 8: listed before
      "one,2024-01-01,2024-02-01,1,5,\n"                 // 9: one order, two dates
      "half,2024-01-01,2024-02-01,2.5,5,\n"              // 10
      "days,2024-01-01,2024-02-01,2,5,3\n"               // 11: more days than orders
      ",2024-01-01,2024-02-01,2,5,2\n"                   // 12: no customer
      "many,2024-01-01,2024-02-01,5000000,5,\n";          // 13: beyond the plausible limit
  auto run = test::analyse(text);
  REQUIRE_MESSAGE(run.ok, run.error.message);
  const auto& r = run.report;
  CHECK(r.summary.customers == 1);
  CHECK(r.summary.rowsRead == 12);
  CHECK(r.summary.rowsWithoutCustomer == 1);
  CHECK(r.summary.rowsRejected == 10);
  CHECK(r.dataQuality.datesBefore1970 == 1);
  std::vector<int64_t> lines;
  for (const auto& w : r.warnings) lines.push_back(w.line);
  std::sort(lines.begin(), lines.end());
  CHECK(lines == std::vector<int64_t>{3, 4, 5, 6, 7, 8, 9, 10, 11, 13});
  for (const auto& w : r.warnings) CHECK_MESSAGE(!w.column.empty(), w.message);

  SUBCASE("strict mode stops at the first") {
    Options options;
    options.strict = true;
    auto strict = test::analyse(text, options);
    CHECK(strict.error.code == ErrorCode::rejected_row);
    CHECK(strict.error.line == 3);
  }
  SUBCASE("a last order after asOf cannot be cut at asOf") {
    Options options;
    options.asOf = *retention::parse_date("2024-02-15");
    auto early = test::analyse("customer,first_order,last_order,orders,revenue\na,2024-01-01,2024-03-01,2,5\n"
                               "b,2024-01-01,2024-02-01,2,5\n", options);
    REQUIRE(early.ok);
    CHECK(early.report.summary.customers == 1);
    REQUIRE(early.report.warnings.size() == 1);
    CHECK(early.report.warnings[0].line == 2);
    CHECK(early.report.warnings[0].message.find("after asOf") != std::string::npos);
  }
  SUBCASE("a net revenue below zero is read next to the counted orders' revenue (refunds beyond the orders)") {
    auto net = test::analyse("customer,first_order,last_order,frequency,monetary,counted_revenue\n"
                             "a,2024-01-01,2024-01-01,1,-5.5,10\nb,2024-01-01,2024-01-01,1,-5.5,0\n");
    REQUIRE(net.ok);
    CHECK(net.report.summary.customers == 1);
    CHECK(net.report.summary.revenue == -5500000);
    REQUIRE(net.report.warnings.size() == 1);
    CHECK(net.report.warnings[0].line == 3);
  }
  SUBCASE("a row longer than the header (an unquoted 1,200.50) is rejected whole, not read shifted") {
    auto shifted = test::analyse("customer,first_order,last_order,orders,revenue\n"
                                 "a,2024-01-01,2024-03-01,2,1,200.50\nb,2024-01-01,2024-02-01,2,5,\n");
    REQUIRE(shifted.ok);
    CHECK(shifted.report.summary.customers == 1);  // b: a trailing empty field is harmless
    CHECK(shifted.report.summary.revenue == 5 * retention::kMoneyScale);
    REQUIRE(shifted.report.warnings.size() == 1);
    CHECK(shifted.report.warnings[0].line == 2);
    CHECK(shifted.report.warnings[0].message.find("6 fields where the header has 5") != std::string::npos);
  }
  SUBCASE("no usable row is an error, not a crash") {
    auto none = test::analyse("customer,first_order,last_order,orders,revenue\na,2024-03-01,2024-01-01,2,5\n");
    CHECK(none.error.code == ErrorCode::no_orders);
  }
}

TEST_CASE("without order days, orders on one date are one order day, as the orders would give") {
  auto orders = test::analyse("customer,order,date,amount\na,1,2024-01-01,5\na,2,2024-01-01,7\nb,3,2024-01-01,5\n"
                              "b,4,2024-03-01,5\nc,5,2024-02-01,9\nc,6,2024-02-20,4\nc,7,2024-03-01,1\n");
  auto summary = test::analyse("customer,first order,last order,orders,revenue\na,2024-01-01,2024-01-01,2,12\n"
                               "b,2024-01-01,2024-03-01,2,10\nc,2024-02-01,2024-03-01,3,14\n");
  REQUIRE(orders.ok);
  REQUIRE(summary.ok);
  CHECK(summary.report.model.sameDayOrdersMerged == orders.report.model.sameDayOrdersMerged);
  CHECK(summary.report.model.error == orders.report.model.error);
  CHECK(summary.report.model.transactions.parameters == orders.report.model.transactions.parameters);
}

TEST_CASE("a summary is split anywhere into chunks with the same report") {
  auto whole = test::analyse(kSummary);
  for (size_t cut = 1; cut < kSummary.size(); cut += 37) {
    auto split_run = test::analyse(kSummary, {}, {cut});
    REQUIRE(split_run.ok);
    CHECK(split_run.json == whole.json);
  }
}
