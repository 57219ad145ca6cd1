// Real export layouts, read with no mapping: the summary and RF matrix of SPEC 3-4, worked by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/dates.hpp"
#include "ingest/encoding.hpp"
#include "ingest/row_mapper.hpp"
#include "engine_run.hpp"
#include "retention/engine.hpp"

using retention::ErrorCode;
using retention::kMoneyScale;
using retention::Money;
using retention::Options;

namespace {

using test::analyse;
using test::read_file;
using test::Run;

std::string fixture(const char* name) { return read_file(std::string(RETENTION_FIXTURES) + "/" + name); }
Money money(double units) { return static_cast<Money>(std::llround(units * kMoneyScale)); }
retention::Date day(const char* iso) { return *retention::parse_date(iso); }
using Row = std::array<int64_t, 3>;

struct Expected {
  int64_t rowsRead, rowsWithoutCustomer, rowsExcluded, customers, customersWithoutOrders, orders;
  double revenue;
  const char* asOf;
  Row active, churning, lapsed;
};

void check_report(const Run& run, const Expected& e) {
  REQUIRE_MESSAGE(run.ok, retention::describe_error(run.error));
  const auto& s = run.report.summary;
  CHECK(s.rowsRead == e.rowsRead);
  CHECK(s.rowsRejected == 0);
  CHECK(s.rowsWithoutCustomer == e.rowsWithoutCustomer);
  CHECK(s.rowsExcluded == e.rowsExcluded);
  CHECK(s.customers == e.customers);
  CHECK(s.customersWithoutOrders == e.customersWithoutOrders);
  CHECK(s.orders == e.orders);
  CHECK(s.revenue == money(e.revenue));
  CHECK(*s.asOf == day(e.asOf));
  CHECK(run.report.rfMatrix.customers[0] == e.active);
  CHECK(run.report.rfMatrix.customers[1] == e.churning);
  CHECK(run.report.rfMatrix.customers[2] == e.lapsed);
}

}  // namespace

TEST_CASE("a Shopify orders export: line items, refunds, excluded statuses, guests") {
  // #1006 pending (2 rows) and #1001 voided are excluded; #999 has no email; #1003 is refunded in
  // full (cara has no counted order); #1004 is 100 less 25 refunded; #1002 is 1250.
  // ana: #1002 + #1004 = 1325, last 2024-05-10 (recency 10) -> active multi; ben: #1005 30 on asOf;
  // dan: #1000 60 on 2023-03-01 (recency 446) -> lapsed single.
  const Expected shopify{12, 1, 3, 3, 1, 4, 1415, "2024-05-20", {1, 1, 0}, {0, 0, 0}, {1, 0, 0}};
  for (const char* name : {"shopify-orders.csv", "shopify-dev-store.csv"}) {
    CAPTURE(name);
    Run run = analyse(fixture(name));
    check_report(run, shopify);
    CHECK(run.report.preset == "shopify");
    CHECK(run.report.rfMatrix.revenue[0] == std::array<Money, 3>{money(30), money(1325), 0});
    const auto& q = run.report.dataQuality;
    CHECK(q.ordersMergedFromRows == 2);  // #1004 (3 rows) and #1002 (2 rows)
    CHECK(q.rowsMerged == 3);
    CHECK(q.excludedStatuses == std::vector<std::pair<std::string, int64_t>>{{"pending", 1}, {"voided", 1}});
    CHECK(q.currencies == std::vector<std::pair<std::string, int64_t>>{{"USD", 5}});
    CHECK(run.report.attributeColumns == std::vector<std::string>{"Billing Country", "Source"});
  }
}

TEST_CASE("a Shopify order with a cancellation time is excluded whatever its financial status") {
  // #2007 paid, cancelled (wes has nothing else: no customer); #2005 pending and cancelled (counted as
  // pending); #2003 refunded, cancelled; #2002 paid, cancelled (2 rows). Counted: xia #2006 120 (3 rows,
  // 2024-05-15 = asOf), yan #2004 25 (recency 10), zoe #2001 80 (recency 75): all active, single.
  Run run = analyse(fixture("shopify-cancelled.csv"));
  check_report(run, {11, 0, 5, 3, 0, 3, 225, "2024-05-15", {3, 0, 0}, {0, 0, 0}, {0, 0, 0}});
  CHECK(run.report.rfMatrix.revenue[0] == std::array<Money, 3>{money(225), 0, 0});
  const auto& q = run.report.dataQuality;
  CHECK(q.excludedStatuses == std::vector<std::pair<std::string, int64_t>>{{"cancelled", 3}, {"pending", 1}});
  CHECK(q.currencies == std::vector<std::pair<std::string, int64_t>>{{"USD", 3}});
  CHECK(q.ordersMergedFromRows == 2);  // #2006 (3 rows) and #2001 (2 rows)
  CHECK(*run.report.summary.firstOrder == day("2024-03-01"));
  const auto& columns = run.report.columns;
  CHECK(std::find(columns.begin(), columns.end(), std::pair<std::string, std::string>{"cancelled", "Cancelled at"}) !=
        columns.end());
}

TEST_CASE("a cancelled_at column in other exports excludes the orders it dates") {
  // o2 is cancelled though paid; o4's zero date and o3's empty field mean "not cancelled".
  const std::string csv =
      "order_id,customer,date,total,status,cancelled_at\n"
      "o1,amy,2024-01-05,10.00,paid,\n"
      "o2,amy,2024-02-05,20.00,paid,2024-02-06T10:00:00Z\n"
      "o3,bo,2024-03-05,30.00,paid,\n"
      "o4,bo,2024-03-06,40.00,completed,0000-00-00 00:00:00\n";
  Run run = analyse(csv);
  REQUIRE_MESSAGE(run.ok, retention::describe_error(run.error));
  const auto& s = run.report.summary;
  CHECK(s.rowsExcluded == 1);
  CHECK(s.orders == 3);
  CHECK(s.revenue == money(80));
  CHECK(run.report.dataQuality.excludedStatuses == std::vector<std::pair<std::string, int64_t>>{{"cancelled", 1}});
}

TEST_CASE("a Stripe payments export: only paid and refunded payments count") {
  // Failed, uncaptured and requires_payment_method are excluded; the refunded charge nets to 0;
  // ch_3Pa6 is 80 less 30 refunded. Amy: 20 + 35.5, Cy: 50 on 2023-02-10 (recency 430).
  Run run = analyse(fixture("stripe-payments.csv"));
  check_report(run, {8, 1, 3, 2, 1, 3, 105.5, "2024-04-15", {0, 1, 0}, {0, 0, 0}, {1, 0, 0}});
  CHECK(run.report.preset == "stripe");
  CHECK(run.report.dataQuality.excludedStatuses ==
        std::vector<std::pair<std::string, int64_t>>{{"Failed", 1}, {"uncaptured", 1}, {"requires_payment_method", 1}});
}

TEST_CASE("a WooCommerce orders export: cancelled, pending, failed and on-hold orders are excluded") {
  Run run = analyse(fixture("woocommerce-orders.csv"));
  check_report(run, {8, 0, 4, 3, 1, 3, 1299.5, "2024-05-03", {3, 0, 0}, {0, 0, 0}, {0, 0, 0}});
  CHECK(run.report.preset == "woocommerce");
}

TEST_CASE("WooCommerce's Analytics > Orders download: generic names, statuses, refunded without a refund column") {
  // 1201 Eva 1045.50; 1200 cancelled (excluded); 1199 Finn 30 on 2024-04-20 (recency 12); 1100 refunded: Gus nets 0.
  Run run = analyse(fixture("woocommerce-analytics.csv"));
  check_report(run, {4, 0, 1, 2, 1, 2, 1075.5, "2024-05-02", {2, 0, 0}, {0, 0, 0}, {0, 0, 0}});
  CHECK(run.report.columns == std::vector<std::pair<std::string, std::string>>{
                                  {"customer", "Customer"}, {"date", "Date"}, {"amount", "Net Sales"},
                                  {"order", "Order #"}, {"status", "Status"}});
}

TEST_CASE("an Online Retail export: quantity x price, C-invoice cancellations, M/D/YYYY decided late") {
  // 17850: 35.64 + 11.10 + 13.56 - 3.39 (cancellation) = 56.91 over 3 orders; 14527: 34.80 - 27.50.
  Run run = analyse(fixture("online-retail.csv"));
  check_report(run, {10, 1, 0, 4, 0, 6, 128.19, "2011-01-05", {3, 0, 1}, {0, 0, 0}, {0, 0, 0}});
  CHECK(run.report.preset == "online-retail");
  CHECK(run.report.rfMatrix.revenue[0] == std::array<Money, 3>{money(71.28), 0, money(56.91)});
  const auto& q = run.report.dataQuality;
  CHECK(q.dateFormat == "M/D/YYYY");
  CHECK(q.dayMonthOrder == "month-first");
  CHECK(q.dayMonthDecidedOnLine == 8);  // 12/13/2010 cannot be day-first
  CHECK(q.ambiguousDateRows == 6);
  CHECK_FALSE(q.datesAmbiguous);
}

TEST_CASE("a semicolon file with decimal commas and D/M/YYYY dates decided by a later row") {
  // 03/04/2024 is open until 25/04/2024 (line 4) decides day-first: c1 buys on 3 and 25 April.
  Run run = analyse(fixture("eu-semicolon.csv"));
  check_report(run, {4, 0, 0, 3, 0, 4, 1256.75, "2024-04-25", {2, 1, 0}, {0, 0, 0}, {0, 0, 0}});
  const auto& q = run.report.dataQuality;
  CHECK(q.delimiter == ";");
  CHECK(q.decimalSeparator == ",");
  CHECK(q.dayMonthOrder == "day-first");
  CHECK(q.dayMonthDecidedOnLine == 4);
  CHECK(*run.report.summary.firstOrder == day("2024-02-01"));
}

TEST_CASE("the day/month order can be set, and contradicting dates are rejected with the reason") {
  Options options;
  options.dayFirst = 0;
  Run run = analyse(fixture("eu-semicolon.csv"), options);
  REQUIRE(run.ok);
  CHECK(run.report.summary.rowsRejected == 1);
  REQUIRE(run.report.warnings.size() == 1);
  CHECK(run.report.warnings[0].line == 4);
  CHECK(run.report.warnings[0].message ==
        "the date '25/04/2024' does not fit the column's month/day order (as set in the options)");
  CHECK(*run.report.summary.firstOrder == day("2024-01-02"));  // 01/02/2024 read month-first
}

TEST_CASE("dates that fit both orders are read month-first and reported as ambiguous") {
  Run run = analyse("customer,date,amount\na,01/02/2024,1\nb,03/04/2024,1\n");
  REQUIRE(run.ok);
  CHECK(run.report.dataQuality.datesAmbiguous);
  CHECK(run.report.dataQuality.dayMonthOrder == "month-first");
  CHECK(*run.report.summary.asOf == day("2024-03-04"));
}

TEST_CASE("an amount like 1,234 waits for the file's decimal separator") {
  SUBCASE("a later decimal comma makes it 1.234") {
    Run run = analyse("customer,date,amount\nc1,2024-01-01,\"1,234\"\nc1,2024-01-02,\"2,50\"\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.revenue == money(3.734));
    CHECK(run.report.dataQuality.decimalSeparatorDecidedOnLine == 3);
  }
  SUBCASE("a later decimal point makes it 1234") {
    Run run = analyse("customer,date,amount\nc1,2024-01-01,\"1,234\"\nc1,2024-01-02,2.50\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.revenue == money(1236.5));
  }
  SUBCASE("nothing decides: a decimal point is assumed and said") {
    Run run = analyse("customer,date,amount\nc1,2024-01-01,\"1,234\"\n");
    REQUIRE(run.ok);
    CHECK(run.report.summary.revenue == money(1234));
    CHECK(run.report.dataQuality.decimalSeparatorAssumed);
  }
}

TEST_CASE("JSON arrays, objects holding an array, and NDJSON give the same report") {
  // lea: 12.5 + 7.25; max: 40 (the -40 refund on 2024-03-02 is after asOf); zoe: 100 on 2023-01-20.
  const Expected expected{6, 1, 0, 3, 0, 4, 159.75, "2024-03-01", {1, 1, 0}, {0, 0, 0}, {1, 0, 0}};
  Run array = analyse(fixture("orders.json"));
  check_report(array, expected);
  CHECK(array.report.dataQuality.format == "json");
  Run wrapped = analyse(fixture("orders-wrapped.json"));
  check_report(wrapped, expected);
  Run lines = analyse(fixture("orders.ndjson"));
  check_report(lines, expected);
  CHECK(lines.report.dataQuality.format == "ndjson");
  CHECK(array.report.columns == lines.report.columns);
  CHECK(array.report.attributeColumns == std::vector<std::string>{"customer.country"});
  CHECK(array.report.summary.ordersAfterAsOf == 1);
}

TEST_CASE("in an object, the table is the first member holding an array of objects") {
  Run run = analyse("{\"tags\": [\"a\", \"b\"], \"meta\": {\"pages\": [1, 2]},\n \"orders\": [\n"
                    "  {\"customer\": \"a\", \"date\": \"2024-01-01\", \"amount\": 5, \"lines\": [{\"sku\": \"x\"}]},\n"
                    "  {\"customer\": \"b\", \"date\": \"2024-01-02\", \"amount\": 7}\n ]\n}\n");
  REQUIRE_MESSAGE(run.ok, retention::describe_error(run.error));
  CHECK(run.report.summary.customers == 2);
  CHECK(run.report.summary.revenue == money(12));
  Run not_rows = analyse("[\n1,\n2\n]");
  CHECK(not_rows.error.code == ErrorCode::invalid_json);
  CHECK(not_rows.error.line == 2);
  CHECK(not_rows.error.message == "the JSON cannot be read: a row is not a JSON object");
  Run no_table = analyse("{\n  \"count\": 0\n}\n");
  CHECK(no_table.error.message ==
        "the JSON cannot be read: expected an array of objects, or an object holding one");
}

TEST_CASE("JSON rows that cannot be read are rejected with their line") {
  Run run = analyse("[\n{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5},\n"
                    "{\"customer\":\"b\",\"date\":\"someday\",\"amount\":5}\n]");
  REQUIRE(run.ok);
  REQUIRE(run.report.warnings.size() == 1);
  CHECK(run.report.warnings[0].line == 3);
  CHECK(run.report.warnings[0].message == "cannot read the date 'someday'");
  Run ndjson = analyse("{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5}\n\n"
                       "{\"customer\":\"b\",\"date\":\"2024-01-02\",\"amount\":\"five\"}\n");
  REQUIRE(ndjson.ok);
  REQUIRE(ndjson.report.warnings.size() == 1);
  CHECK(ndjson.report.warnings[0].line == 3);
}

TEST_CASE("every class of unreadable file ends with one clear message and the line") {
  struct Case {
    std::string text;
    ErrorCode code;
    const char* message;
    int64_t line;
  };
  const std::vector<Case> cases{
      {"", ErrorCode::empty_input, "the file is empty", 0},
      {"customer,date,amount\n", ErrorCode::no_data_rows, "the file has a header but no data rows", 0},
      {std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), ErrorCode::not_text,
       "the file is not text (it holds binary data): export the orders as CSV or JSON", 0},
      {"\xFF\xFE" "c\0u\0s\0", ErrorCode::not_text,
       "the file is UTF-16 text: save it as UTF-8 (or CSV UTF-8) and try again", 0},
      {"order,date,amount\n1,2024-01-01,5\n", ErrorCode::missing_column,
       "no customer column found in the header ('order', 'date', 'amount'); name it with the columns.customer "
       "(CLI --customer) option",
       1},
      {"customer,amount\nc1,5\n", ErrorCode::missing_column,
       "no date column found in the header ('customer', 'amount'); name it with the columns.date (CLI --date) option",
       1},
      {"customer,date,amount\nc1,2024-01-01,5\n\"c2,2024-01-02,7\n", ErrorCode::unterminated_quote,
       "a quoted field starts here and is never closed", 3},
      {"[\n{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5},\n{\"customer\":\"b\",\"da", ErrorCode::invalid_json,
       "", 3},
      {"{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5}\n{\"customer\":\"b\",\"date\n",
       ErrorCode::invalid_json, "", 2},
      {"[{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5},\n{\"customer\":\"b\",\"date\":\"2024-01-01\","
       "\"amount\":5},\n",
       ErrorCode::invalid_json,
       "the JSON cannot be read: it ends before it is complete (truncated?): a string, array or object is never closed", 2},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    Run run = analyse(c.text);
    CHECK_FALSE(run.ok);
    CHECK(run.error.code == c.code);
    CHECK(run.error.line == c.line);
    if (*c.message) CHECK(run.error.message == c.message);
    else CHECK(run.error.message.rfind("the JSON cannot be read: ", 0) == 0);
  }
}

TEST_CASE("every fixture gives the same report for random chunk splits") {
  std::mt19937 rng(7);
  for (const char* name : {"shopify-orders.csv", "stripe-payments.csv", "online-retail.csv", "eu-semicolon.csv",
                           "orders.json", "orders.ndjson", "orders-wrapped.json"}) {
    CAPTURE(name);
    const std::string text = fixture(name);
    const std::string whole = analyse(text).json;
    REQUIRE_FALSE(whole.empty());
    for (int trial = 0; trial < 60; ++trial) {
      std::vector<size_t> cuts;
      std::uniform_int_distribution<size_t> pos(0, text.size());
      for (int i = 1 + trial % 9; i > 0; --i) cuts.push_back(pos(rng));
      std::sort(cuts.begin(), cuts.end());
      CHECK(analyse(text, {}, cuts).json == whole);
    }
  }
}

TEST_CASE("CDNOW_master.txt, read with no mapping, equals an independent computation") {
  const std::string text = read_file(std::string(RETENTION_TEST_DATA) + "/cdnow/CDNOW_master.txt");
  // Independent reading: whitespace-separated id, YYYYMMDD, cds, dollars; each row is an order.
  struct Customer {
    int orders = 0;
    Money spent = 0;
    retention::Date last = 0;
  };
  std::map<std::string, Customer> customers;
  std::istringstream in(text);
  std::string header_line;
  std::getline(in, header_line);
  std::string id, date;
  int cds = 0;
  double dollars = 0;
  int64_t rows = 0;
  retention::Date as_of = 0;
  while (in >> id >> date >> cds >> dollars) {
    ++rows;
    Customer& c = customers[id];
    Money amount = money(dollars);
    c.spent += amount;
    if (amount > 0) {
      retention::Date d = *retention::parse_date(date);
      ++c.orders;
      c.last = std::max(c.last, d);
      as_of = std::max(as_of, d);
    }
  }
  int64_t counted = 0, orders = 0, without = 0;
  Money revenue = 0;
  std::array<Row, 3> matrix{};
  for (const auto& [key, c] : customers) {
    if (c.orders == 0) {
      ++without;
      continue;
    }
    ++counted;
    orders += c.orders;
    revenue += c.spent;
    int32_t recency = as_of - c.last;
    size_t r = recency < 90 ? 0 : recency <= 365 ? 1 : 2;
    size_t f = c.orders >= 3 ? 2 : c.orders == 2 ? 1 : 0;
    ++matrix[r][f];
  }
  REQUIRE(rows == 69659);
  REQUIRE(customers.size() == 23570);

  Run run = analyse(text);
  REQUIRE_MESSAGE(run.ok, retention::describe_error(run.error));
  const auto& s = run.report.summary;
  CHECK(run.report.preset == "cdnow");
  CHECK(run.report.dataQuality.format == "text");
  CHECK(s.rowsRead == rows);
  CHECK(s.rowsRejected == 0);
  CHECK(s.customers == counted);
  CHECK(s.customersWithoutOrders == without);
  CHECK(s.orders == orders);
  CHECK(s.revenue == revenue);
  CHECK(*s.asOf == day("1998-06-30"));
  CHECK(*s.firstOrder == day("1997-01-01"));
  for (size_t r = 0; r < 3; ++r) CHECK(run.report.rfMatrix.customers[r] == matrix[r]);
}

TEST_CASE("mangled input never crashes or hangs: it gives a report or a clear error") {
  std::mt19937 rng(2024);
  const std::vector<std::string> seeds{fixture("shopify-orders.csv"), fixture("online-retail.csv"),
                                       fixture("orders.json"), fixture("orders.ndjson"), fixture("eu-semicolon.csv")};
  const std::string specials = "\",;\n\r{}[]:\\\0\xEF\xBB\xBF-./ 0123456789";
  for (int trial = 0; trial < 1500; ++trial) {
    std::string text = seeds[static_cast<size_t>(trial) % seeds.size()];
    std::uniform_int_distribution<int> edits(1, 8);
    for (int e = edits(rng); e > 0 && !text.empty(); --e) {
      std::uniform_int_distribution<size_t> pos(0, text.size() - 1);
      char c = specials[std::uniform_int_distribution<size_t>(0, specials.size() - 1)(rng)];
      switch (rng() % 4) {
        case 0: text[pos(rng)] = c; break;
        case 1: text.insert(pos(rng), 1, c); break;
        case 2: text.erase(pos(rng), 1 + rng() % 8); break;
        default: text.resize(pos(rng)); break;
      }
    }
    CAPTURE(text);
    Run run = analyse(text, {}, {text.size() / 2});
    if (!run.ok) CHECK_FALSE(run.error.message.empty());
  }
}

TEST_CASE("a Windows-1252 file (Excel's CSV on Windows) is converted, a UTF-8 one kept, whatever the chunks") {
  const std::string cp1252 = "customer;date;amount\nZo\xEB M\xFCller;01.02.2024;12,50 \x80\nJos\xE9;02.02.2024;3\n";
  const std::string utf8 = "customer;date;amount\nZo\xC3\xAB M\xC3\xBCller;01.02.2024;12,50 \xE2\x82\xAC\nJos\xC3\xA9;02.02.2024;3\n";
  Run converted = analyse(cp1252);
  REQUIRE_MESSAGE(converted.ok, retention::describe_error(converted.error));
  CHECK(converted.report.dataQuality.encoding == "windows-1252");
  CHECK(converted.report.summary.revenue == money(15.5));
  Run original = analyse(utf8);
  REQUIRE(original.ok);
  CHECK(original.report.dataQuality.encoding == "utf-8");
  std::string a = converted.json, b = original.json;
  a.replace(a.find("windows-1252"), 12, "utf-8");
  CHECK(a == b);  // the same report, but for the encoding it names
  SUBCASE("the conversion itself, cut at every byte") {
    for (const auto& [in, expected] : {std::pair{cp1252, utf8}, std::pair{utf8, utf8}}) {
      for (size_t cut = 0; cut <= in.size(); ++cut) {
        retention::Transcoder t;
        std::string out(t.feed(std::string_view(in).substr(0, cut)));
        out += t.feed(std::string_view(in).substr(cut));
        out += t.finish();
        CHECK(out == expected);
      }
    }
  }
}

TEST_CASE("Excel's sep= line names the delimiter and is not the header") {
  Run run = analyse("sep=;\r\ncustomer;date;amount\r\nc1;2024-01-01;1,50\r\nc2;2024-13-01;2\r\n");
  REQUIRE_MESSAGE(run.ok, retention::describe_error(run.error));
  CHECK(run.report.dataQuality.delimiter == ";");
  CHECK(run.report.summary.revenue == money(1.5));
  REQUIRE(run.report.warnings.size() == 1);
  CHECK(run.report.warnings[0].line == 4);  // lines count from the file's first, the sep= line
}

TEST_CASE("a file without a header row: its columns are named by position, and its first line is data") {
  const std::string text = read_file(std::string(RETENTION_TEST_DATA) + "/cdnow/CDNOW_sample.txt");
  Run unnamed = analyse(text);
  CHECK(unnamed.error.code == ErrorCode::missing_column);
  CHECK(unnamed.error.message.rfind("the file has no header row, so its columns are named by position: ", 0) == 0);
  Options options;
  options.columns.customer = "column 2";  // CDNOW_sample.txt: master id, sample id, date, CDs, dollars
  options.columns.date = "column 3";
  options.columns.amount = "column 5";
  Run run = analyse(text, options);
  REQUIRE_MESSAGE(run.ok, retention::describe_error(run.error));
  CHECK(run.report.summary.rowsRead == 6919);  // every line, the first included
  CHECK(run.report.summary.customers + run.report.summary.customersWithoutOrders == 2357);
  CHECK(run.report.summary.customersWithoutOrders == 8);  // only $0.00 rows
  CHECK(*run.report.summary.firstOrder == day("1997-01-01"));
}

TEST_CASE("a cancellation time is any value but an empty field, a zero date or a no") {
  for (std::string_view v : {"2024-05-22 09:15:00 -0400", "2024-02-06T10:00:00Z", "1716383700", "true", "yes"})
    CHECK_MESSAGE(retention::is_cancellation_time(v), v);
  for (std::string_view v : {"", "  ", "NA", "null", "0", "0000-00-00 00:00:00", "false", "no", "No"})
    CHECK_MESSAGE(!retention::is_cancellation_time(v), v);
}
