// The warehouse SQL (issue 14): quoting per dialect and the request's checks. What the SQL computes
// is checked by executing it (tests/package/warehouse.test.js).
#include <doctest/doctest.h>

#include "retention/sql.hpp"
#include "sql/dialect.hpp"

using retention::SqlDialect;
using retention::sql::Dialect;

TEST_CASE("a name is quoted so that any text stays one name") {
  CHECK(Dialect(SqlDialect::duckdb).ident("x\"; DROP TABLE t; --") == "\"x\"\"; DROP TABLE t; --\"");
  CHECK(Dialect(SqlDialect::postgres).ident("a\"b") == "\"a\"\"b\"");
  CHECK(Dialect(SqlDialect::spark).ident("a`b") == "`a``b`");
  CHECK(Dialect(SqlDialect::bigquery).ident("a`b\\c") == "`a\\`b\\\\c`");
}

TEST_CASE("a schema-qualified table quotes each part") {
  CHECK(Dialect(SqlDialect::postgres).table("shop.orders") == "\"shop\".\"orders\"");
  CHECK(Dialect(SqlDialect::bigquery).table("p.d.t") == "`p`.`d`.`t`");
}

TEST_CASE("a literal holds exactly its text in each dialect") {
  CHECK(Dialect(SqlDialect::duckdb).literal("it's \\n") == "'it''s \\n'");  // no backslash escapes
  CHECK(Dialect(SqlDialect::postgres).literal("a'b") == "'a''b'");
  // Spark and BigQuery read backslash escapes, and '' is not an escape in Spark.
  CHECK(Dialect(SqlDialect::spark).literal("it's \\") == "'it\\'s \\\\'");
  CHECK(Dialect(SqlDialect::bigquery).literal("a\nb\x01") == "'a\\nb\\u0001'");
}

TEST_CASE("the request names its dialect and statuses; the analyze options pass on") {
  retention::SqlRequest request;
  REQUIRE_FALSE(retention::parse_sql_request(
      R"({"dialect":"spark","table":"s.o","excludedStatuses":["Pending Payment"],"asOf":"2024-01-31",)"
      R"("columns":{"customer":"c","date":"d","amount":"a"}})",
      request));
  CHECK(request.dialect == SqlDialect::spark);
  CHECK(request.table == "s.o");
  REQUIRE(request.excludedStatuses);
  CHECK(*request.excludedStatuses == std::vector<std::string>{"pendingpayment"});
  CHECK(request.options.columns.customer == "c");
  CHECK(request.options.asOf.has_value());

  CHECK(retention::parse_sql_request(R"({"dialect":"oracle"})", request).code == retention::ErrorCode::invalid_options);
  CHECK(retention::parse_sql_request(R"({"nonsense":1})", request).code == retention::ErrorCode::invalid_options);
}

TEST_CASE("the SQL needs the customer, date and amount columns, and refuses a NUL byte") {
  retention::SqlRequest request;
  std::string sql;
  CHECK(retention::generate_sql(request, sql).code == retention::ErrorCode::invalid_options);
  request.options.columns.customer = "c";
  request.options.columns.date = "d";
  request.options.columns.amount = std::string("a\0b", 3);
  CHECK(retention::generate_sql(request, sql).code == retention::ErrorCode::invalid_options);
  request.options.columns.amount = "a";
  CHECK_FALSE(retention::generate_sql(request, sql));
  CHECK(sql.find("FROM \"orders\"") != std::string::npos);
}
