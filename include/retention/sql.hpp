// The warehouse path (issue 14): SQL that computes, from an orders table, the per-customer table,
// RF cells, RFM scores and segments exactly as the engine does from the same rows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

enum class SqlDialect { duckdb, postgres, spark, bigquery };

// What the SQL reads and where: the analyze options (columns, asOf, rf thresholds, segment rules)
// plus the table and the statuses that mean "no money moved".
struct SqlRequest {
  SqlDialect dialect = SqlDialect::duckdb;
  std::string table = "orders";  // "schema.table" names each part; each part is quoted
  // Compared after normalising as the engine does (ASCII letters and digits, lower case).
  std::optional<std::vector<std::string>> excludedStatuses;  // none given: the engine's own list
  Options options;
};

// The statuses the engine excludes (SPEC 3), normalised.
std::vector<std::string> default_excluded_statuses();

// {"dialect":"postgres","table":"shop.orders","excludedStatuses":[...], ...analyze options}.
Error parse_sql_request(const std::string& json, SqlRequest& out);

// The script: statements separated by ";\n". The last returns one row per customer:
// customer, first_order, last_order, recency_days, frequency, monetary, rf_cell, r, f, m, segment,
// order_days, btyd_x, btyd_t_x, btyd_t (the BTYD summary in days, calibration end = asOf).
// The two before it return the RF matrix (rf_cell, customers, revenue) and the segments
// (segment, customers, revenue).
Error generate_sql(const SqlRequest& request, std::string& out);

}  // namespace retention
