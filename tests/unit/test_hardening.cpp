// Issue 13: every reproducer of the hardening audit, with the clear result it must now give.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "engine_run.hpp"
#include "ingest/dates.hpp"
#include "ingest/money.hpp"
#include "retention/engine.hpp"

using retention::ErrorCode;
using retention::kMoneyScale;
using retention::Options;
using test::analyse;
using test::Run;

namespace {

retention::Date day(const char* iso) { return *retention::parse_date(iso); }

// The same text fed whole, byte by byte, and in chunks of `size` bytes.
std::vector<size_t> cuts_every(size_t size, size_t step) {
  std::vector<size_t> cuts;
  for (size_t at = step; at < size; at += step) cuts.push_back(at);
  return cuts;
}

std::string rows(const std::string& header, const std::vector<std::string>& lines) {
  std::string text = header + "\n";
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

}  // namespace

TEST_CASE("an amount of 9223372036849 is rejected as implausible, never wrapped into a negative revenue") {
  Run run = analyse(rows("customer,date,amount", {"a,2024-01-01,9223372036849", "b,2024-01-02,12.50"}));
  REQUIRE_MESSAGE(run.ok, run.error.message);
  CHECK(run.report.summary.revenue == 12500000);
  CHECK(run.report.summary.rowsRejected == 1);
  CHECK(run.report.dataQuality.amountsAboveLimit == 1);
  REQUIRE(run.report.warnings.size() == 1);
  CHECK(run.report.warnings[0].line == 2);
  CHECK(run.report.warnings[0].message ==
        "the amount '9223372036849' is beyond the plausible limit of 10000000000 for one row (an id or a code in "
        "this column?)");
  CHECK(run.json.find("\"implausible\":{\"amountLimit\":10000000000,\"amountsAboveLimit\":1,") != std::string::npos);
}

TEST_CASE("a 13-digit EAN mapped as the amount is rejected on every row, not summed") {
  Options options;
  options.columns.amount = "ean";
  Run run = analyse(rows("customer,date,ean", {"a,2024-01-01,4006381333931", "b,2024-01-02,5901234123457",
                                               "c,2024-01-03,19.99"}),
                    options);
  REQUIRE(run.ok);
  CHECK(run.report.summary.rowsRejected == 2);
  CHECK(run.report.summary.revenue == 19990000);
}

TEST_CASE("two rows of 9e12 on one order are both rejected and the customer does not silently vanish") {
  Run run = analyse(rows("customer,order,date,amount",
                         {"a,1,2024-01-01,9000000000000", "a,1,2024-01-01,9000000000000", "a,2,2024-01-05,10"}));
  REQUIRE(run.ok);
  CHECK(run.report.summary.customers == 1);
  CHECK(run.report.summary.revenue == 10 * kMoneyScale);
  CHECK(run.report.summary.rowsRejected == 2);
}

TEST_CASE("amounts at the plausible limit sum exactly until the total would pass int64, then rows are rejected") {
  // 922 rows of 9,999,999,999 make 9,221,999,999,078 (9.22e18 millionths); the 923rd would pass 2^63 - 1.
  std::vector<std::string> lines;
  for (int i = 0; i < 925; ++i) lines.push_back("c" + std::to_string(i) + ",2024-01-01,9999999999");
  Run run = analyse(rows("customer,date,amount", lines));
  REQUIRE_MESSAGE(run.ok, run.error.message);
  CHECK(run.report.summary.customers == 922);
  CHECK(run.report.summary.revenue == 922 * 9999999999LL * kMoneyScale);
  CHECK(run.report.summary.rowsRejected == 3);
  CHECK(run.report.dataQuality.rowsBeyondSumLimit == 3);
  CHECK(run.report.summary.revenue > 0);
  CHECK(run.report.warnings[0].line == 924);
}

TEST_CASE("quantity times unit price beyond the plausible limit rejects the row") {
  Run run = analyse(rows("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
                         {"1,A,x,100000,2024-01-01,200000,c1,UK", "2,A,x,2,2024-01-02,3.5,c2,UK"}));
  REQUIRE_MESSAGE(run.ok, run.error.message);
  CHECK(run.report.summary.rowsRejected == 1);
  CHECK(run.report.summary.revenue == 7 * kMoneyScale);
  CHECK(run.report.dataQuality.amountsAboveLimit == 1);
}

TEST_CASE("amounts with anything glued to the digits are rejected with the line and the reason") {
  Run run = analyse(rows("customer,date,amount", {"a,2024-01-01,10O", "b,2024-01-01,1OO", "c,2024-01-01,12.5O",
                                                  "d,2024-01-01,12kg", "e,2024-01-01,5%", "f,2024-01-01,#5",
                                                  "g,2024-01-01,abc12def", "h,2024-01-01,(-5)", "i,2024-01-01,7"}));
  REQUIRE(run.ok);
  CHECK(run.report.summary.rowsRejected == 8);
  CHECK(run.report.summary.revenue == 7 * kMoneyScale);
  const auto& w = run.report.warnings;
  REQUIRE(w.size() == 8);
  CHECK(w[0].line == 2);
  CHECK(w[0].message.rfind("cannot read the amount '10O': 'O' after the number is not a currency", 0) == 0);
  CHECK(w[3].message.rfind("cannot read the amount '12kg': 'kg' after the number is not a currency", 0) == 0);
  CHECK(w[4].message.rfind("cannot read the amount '5%': '%' after", 0) == 0);
  CHECK(w[5].message.rfind("cannot read the amount '#5': '#' before", 0) == 0);
  CHECK(w[6].message.rfind("cannot read the amount 'abc12def': 'abc' before", 0) == 0);
  CHECK(w[7].message == "cannot read the amount '(-5)': it has both a sign and parentheses (which already mean a "
                        "negative amount)");
  CHECK(w[7].line == 9);
}

TEST_CASE("strict money: the SPEC 3 forms are read exactly and the glued ones refused") {
  using retention::parse_money;
  CHECK(parse_money("10O") == std::nullopt);
  CHECK(parse_money("1OO") == std::nullopt);
  CHECK(parse_money("12.5O") == std::nullopt);
  CHECK(parse_money("12kg") == std::nullopt);
  CHECK(parse_money("5%") == std::nullopt);
  CHECK(parse_money("#5") == std::nullopt);
  CHECK(parse_money("abc12def") == std::nullopt);
  CHECK(parse_money("(-5)") == std::nullopt);
  CHECK(parse_money("USD 5 EUR") == std::nullopt);  // a currency on both sides
  CHECK(parse_money("$5$") == std::nullopt);
  CHECK(parse_money("ABC 5") == std::nullopt);  // not an ISO 4217 code
  CHECK(parse_money("12 kr") == 12 * kMoneyScale);
  CHECK(parse_money("EUR12") == 12 * kMoneyScale);
  CHECK(parse_money("12.00 usd") == 12 * kMoneyScale);
  CHECK(parse_money("US$ 1,234.50") == 1234500000);
  CHECK(parse_money("($12.00)") == -12 * kMoneyScale);
  CHECK(parse_money("-\xE2\x82\xAC" "3") == -3 * kMoneyScale);  // -€3
  CHECK(parse_money("\xC2\xA3" "7.5") == 7500000);                 // £7.5
  CHECK(parse_money("12,00 \xE2\x82\xAC", ',') == 12 * kMoneyScale);
  CHECK(parse_money("1,234.50") == 1234500000);
  CHECK(parse_money("12.") == 12 * kMoneyScale);
}

TEST_CASE("a date of 20 or more digits is refused without overflowing") {
  CHECK(retention::read_date("99999999999999999999").form == retention::DateForm::invalid);
  CHECK(retention::read_date("123456789012345678901234567890").form == retention::DateForm::invalid);
  CHECK(retention::read_date("1700000000").form == retention::DateForm::epoch_seconds);
}

TEST_CASE("a date before 1970 is rejected as a typo and counted in data quality") {
  Run run = analyse(rows("customer,date,amount", {"a,0001-01-01,5", "b,0024-03-05,5", "c,2024-03-05,5"}));
  REQUIRE(run.ok);
  CHECK(run.report.summary.rowsRejected == 2);
  CHECK(run.report.dataQuality.datesBefore1970 == 2);
  CHECK(run.report.warnings[1].message == "the date '0024-03-05' is before 1970 (a typo in the year?)");
  CHECK(run.report.warnings[1].line == 3);
  CHECK(*run.report.summary.firstOrder == day("2024-03-05"));
}

TEST_CASE("an order dated far after all the others is left after asOf and reported, not made asOf") {
  std::vector<std::string> lines;
  for (int i = 1; i <= 28; ++i) lines.push_back("c" + std::to_string(i % 7) + ",2024-02-" + (i < 10 ? "0" : "") +
                                                std::to_string(i) + ",10");
  lines.push_back("c1,9999-12-31,10");
  Run run = analyse(rows("customer,date,amount", lines));
  REQUIRE(run.ok);
  CHECK(*run.report.summary.asOf == day("2024-02-28"));
  CHECK(run.report.summary.ordersAfterAsOf == 1);
  CHECK(run.report.dataQuality.farFutureOrders == 1);
  CHECK(*run.report.dataQuality.firstFarFutureDate == day("9999-12-31"));
  CHECK(run.report.retention.monthly.size() == 1);
}

TEST_CASE("four rows spanning 1970 to 9999 give series of at most 600 months, not a 19.7 MB report") {
  Run run = analyse(rows("customer,date,amount",
                         {"a,1970-01-01,5", "b,2024-01-01,5", "c,2024-06-01,5", "d,9999-12-31,5"}));
  REQUIRE(run.ok);
  CHECK(run.report.retention.monthly.size() == 600);
  CHECK(run.report.retention.quarterly.size() <= 201);
  CHECK(run.report.retention.yearly.size() <= 51);
  CHECK(run.report.cohorts.months.size() == 600);
  CHECK(run.json.size() < 3000000);  // the 600-month cohort triangle is most of it
}

TEST_CASE("a capped monthly series keeps the right retention at its first month") {
  // b buys in 2015-01 and 2015-02; with asOf 2064-12 the 600 months start at 2015-01, so 2015-02 retains b.
  Options options;
  options.asOf = day("2064-12-31");
  Run run = analyse(rows("customer,date,amount", {"a,1980-01-01,5", "b,2015-01-10,5", "b,2015-02-10,5"}), options);
  REQUIRE(run.ok);
  const auto& monthly = run.report.retention.monthly;
  REQUIRE(monthly.size() == 600);
  CHECK(monthly[0].period == "2015-01");
  CHECK(monthly[0].active == 1);
  CHECK(monthly[1].start == 1);
  CHECK(monthly[1].retained == 1);
}

TEST_CASE("JSON numbers in exponent form are read exactly") {
  std::string json = R"([{"customer":"a","date":"2024-01-01","amount":1.5e3},)"
                     R"({"customer":"b","date":"2024-01-02","amount":25E-1},)"
                     R"({"customer":"c","date":"2024-01-01","amount":-0.5e+1},)"
                     R"({"customer":"d","date":1.7E9,"amount":1e0}])";
  Run run = analyse(json);
  REQUIRE_MESSAGE(run.ok, run.error.message);
  CHECK(run.report.summary.rowsRejected == 0);
  CHECK(run.report.summary.revenue == 1503500000);  // 1500 + 2.5 + 1; c's -5 has no counted order
  CHECK(run.report.summary.customersWithoutOrders == 1);
}

TEST_CASE("JSON nested 100,000 deep in one row is an invalid_json error naming the line, not a crash") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{\"a\":";
  deep += "1";
  for (int i = 0; i < 100000; ++i) deep += "}";
  std::string ndjson = "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5}\n"
                       "{\"customer\":\"b\",\"date\":\"2024-01-01\",\"amount\":5,\"x\":" + deep + "}\n";
  Run run = analyse(ndjson);
  CHECK_FALSE(run.ok);
  CHECK(run.error.code == ErrorCode::invalid_json);
  CHECK(run.error.line == 2);
  CHECK(run.error.message == "the JSON cannot be read: a row is nested more than 64 levels deep");

  Run document = analyse("[\n{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5},\n{\"x\":" + deep + "}\n]");
  CHECK(document.error.code == ErrorCode::invalid_json);
  CHECK(document.error.line == 3);
}

TEST_CASE("JSON nested 63 levels in a row is read, and arrays nested 100,000 deep are skipped") {
  std::string nested = "5";
  for (int i = 0; i < 62; ++i) nested = "{\"k\":" + nested + "}";
  std::string arrays(100000, '[');
  arrays += std::string(100000, ']');
  std::string ndjson = "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5,\"x\":" + nested +
                       ",\"y\":" + arrays + "}\n";
  Run run = analyse(ndjson);
  REQUIRE_MESSAGE(run.ok, run.error.message);
  CHECK(run.report.summary.revenue == 5 * kMoneyScale);
}

TEST_CASE("a NUL byte on line 3 is a not_text error whatever the chunk size") {
  const std::string text = "customer,date,amount\na,2024-01-01,5\nb,2024-01-0" + std::string(1, '\0') + ",5\nc,2024-01-03,5\n";
  for (size_t chunk : {size_t{1}, size_t{16}, size_t{1} << 20}) {
    Run run = analyse(text, {}, cuts_every(text.size(), chunk));
    CHECK_FALSE(run.ok);
    CHECK(run.error.code == ErrorCode::not_text);
  }
}

TEST_CASE("a binary tail after the first chunk is detected, the lines before it read first") {
  std::string text = "customer,date,amount\n";
  for (int i = 0; i < 5000; ++i) text += "c" + std::to_string(i) + ",2024-01-01,5\n";
  text += std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  for (size_t chunk : {size_t{16}, size_t{4096}, size_t{1} << 20}) {
    Run run = analyse(text, {}, cuts_every(text.size(), chunk));
    CHECK(run.error.code == ErrorCode::not_text);
  }
  // In strict mode a bad row before the tail is the first problem met, at every chunk size.
  Options strict;
  strict.strict = true;
  std::string bad = "customer,date,amount\na,2024-01-01,5\nb,2024-01-01,oops\n";
  bad += std::string(70000, 'x') + std::string(1, '\0');
  for (size_t chunk : {size_t{16}, size_t{1} << 20}) {
    Run run = analyse(bad, strict, cuts_every(bad.size(), chunk));
    CHECK(run.error.code == ErrorCode::rejected_row);
    CHECK(run.error.line == 3);
  }
}

TEST_CASE("NDJSON whose first line is longer than 64 KB is sniffed as NDJSON at every chunk size") {
  std::string text = "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5,\"note\":\"" + std::string(70000, 'n') +
                     "\"}\n{\"customer\":\"b\",\"date\":\"2024-01-02\",\"amount\":7}\n";
  for (size_t chunk : {size_t{16}, size_t{1000}, size_t{1} << 16, size_t{1} << 20}) {
    Run run = analyse(text, {}, cuts_every(text.size(), chunk));
    REQUIRE_MESSAGE(run.ok, run.error.message);
    CHECK(run.report.dataQuality.format == "ndjson");
    CHECK(run.report.summary.revenue == 12 * kMoneyScale);
  }
}

TEST_CASE("a JSON document larger than the held-bytes limit is input_too_large, named, before memory runs out") {
  Options options;
  options.maxHeldBytes = size_t{1} << 20;  // 1 MiB instead of 1 GiB
  std::string json = "[";
  while (json.size() < (size_t{1} << 20) + 100) json += "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5},\n";
  json += "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5}]";
  for (size_t chunk : {size_t{4096}, json.size()}) {
    Run run = analyse(json, options, cuts_every(json.size(), chunk));
    CHECK(run.error.code == ErrorCode::input_too_large);
    CHECK(run.error.message ==
          "this JSON document is larger than 1 MiB, the most the engine holds at once (a JSON document is read "
          "whole): save it as NDJSON (one object per line) or CSV, which are read as they stream");
  }
  std::string ndjson = "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5}\n"
                       "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5,\"x\":\"" +
                       std::string(size_t{1} << 20, 'x') + "\"}\n";
  Run line = analyse(ndjson, options, cuts_every(ndjson.size(), 65536));
  CHECK(line.error.code == ErrorCode::input_too_large);
  CHECK(line.error.message.rfind("a line of this NDJSON is longer than 1 MiB", 0) == 0);
  CHECK(std::string(retention::error_code_name(ErrorCode::out_of_memory)) == "out_of_memory");
}

TEST_CASE("a first line longer than the held-bytes limit gives the same input_too_large at every chunk size") {
  Options options;
  options.maxHeldBytes = size_t{1} << 20;
  std::string text = "{\"customer\":\"a\",\"date\":\"2024-01-01\",\"amount\":5,\"x\":\"" + std::string(size_t{3} << 19, 'x') +
                     "\"}\n{\"customer\":\"b\",\"date\":\"2024-01-01\",\"amount\":5}\n";
  Run whole = analyse(text, options);
  CHECK(whole.error.code == ErrorCode::input_too_large);
  for (size_t chunk : {size_t{65536}, size_t{1} << 20}) {
    Run run = analyse(text, options, cuts_every(text.size(), chunk));
    CHECK(run.error.code == whole.error.code);
    CHECK(run.error.message == whole.error.message);
  }
}
