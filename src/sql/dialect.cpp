#include "sql/dialect.hpp"

#include <cstdio>

namespace retention::sql {

namespace {

// Doubles every `quote`: the SQL standard's escape (DuckDB and PostgreSQL names and strings, Spark names).
std::string doubled(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  out += quote;
  return out;
}

// Spark and BigQuery read backslash escapes in quoted text, and '' is not an escape there (Spark
// reads 'a''b' as two literals, "ab"), so every quote, backslash and control byte is escaped.
std::string escaped(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char code[8];
      std::snprintf(code, sizeof code, "\\u%04x", byte);
      out += code;
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

}  // namespace

std::string Dialect::ident(std::string_view name) const {
  switch (id_) {
    case SqlDialect::duckdb:
    case SqlDialect::postgres:
      return doubled(name, '"');
    case SqlDialect::spark:
      return doubled(name, '`');
    case SqlDialect::bigquery:
      return escaped(name, '`');
  }
  return {};
}

std::string Dialect::table(std::string_view dotted) const {
  std::string out;
  for (size_t start = 0; start <= dotted.size();) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    if (!out.empty()) out += '.';
    out += ident(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

std::string Dialect::literal(std::string_view text) const {
  if (id_ == SqlDialect::spark || id_ == SqlDialect::bigquery) return escaped(text, '\'');
  return doubled(text, '\'');
}

const char* Dialect::text_type() const {
  switch (id_) {
    case SqlDialect::duckdb: return "VARCHAR";
    case SqlDialect::postgres: return "TEXT";
    default: return "STRING";
  }
}

const char* Dialect::money_type() const {
  // The engine's 6 digits after the point; BigQuery allows at most 29 before them.
  return id_ == SqlDialect::bigquery ? "NUMERIC(35, 6)" : id_ == SqlDialect::postgres ? "NUMERIC(38, 6)" : "DECIMAL(38, 6)";
}

std::string Dialect::days_between(const std::string& from, const std::string& to) const {
  switch (id_) {
    case SqlDialect::duckdb:
    case SqlDialect::postgres:
      return "(" + to + " - " + from + ")";  // DATE - DATE is a whole number of days
    case SqlDialect::spark:
      return "DATEDIFF(" + to + ", " + from + ")";
    case SqlDialect::bigquery:  // days since 1970-01-01; DATE_DIFF(to, from, DAY) is the same number
      return "(UNIX_DATE(" + to + ") - UNIX_DATE(" + from + "))";
  }
  return {};
}

std::string Dialect::normalized(const std::string& text) const {
  const std::string pattern = literal("[^A-Za-z0-9]");
  switch (id_) {
    case SqlDialect::duckdb:
    case SqlDialect::postgres:
      return "LOWER(REGEXP_REPLACE(" + text + ", " + pattern + ", '', 'g'))";
    default:  // Spark and BigQuery replace every match
      return "LOWER(REGEXP_REPLACE(" + text + ", " + pattern + ", ''))";
  }
}

std::string Dialect::date_literal(std::string_view iso) const {
  return "CAST(" + literal(iso) + " AS DATE)";
}

std::string Dialect::create_temp(const std::string& name, const std::string& query) const {
  const std::string n = ident(name);
  switch (id_) {
    case SqlDialect::duckdb: return "CREATE OR REPLACE TEMP TABLE " + n + " AS\n" + query;
    case SqlDialect::postgres:  // pg_temp: never a permanent table of the same name
      return "DROP TABLE IF EXISTS pg_temp." + n + ";\nCREATE TEMP TABLE " + n + " AS\n" + query;
    case SqlDialect::spark: return "CREATE OR REPLACE TEMPORARY VIEW " + n + " AS\n" + query;
    case SqlDialect::bigquery: return "CREATE OR REPLACE TEMP TABLE " + n + " AS\n" + query;
  }
  return {};
}

}  // namespace retention::sql
