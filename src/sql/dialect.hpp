// Every difference between the SQL dialects, in one place: quoting, types, date and integer arithmetic,
// regular expressions and temporary tables. The generator writes only through this.
#pragma once

#include <string>
#include <string_view>

#include "retention/sql.hpp"

namespace retention::sql {

class Dialect {
 public:
  explicit Dialect(SqlDialect id) : id_(id) {}

  // A name, quoted so that any text stays one name ("a""b" or `a``b`).
  std::string ident(std::string_view name) const;
  // "schema.table": each part quoted on its own.
  std::string table(std::string_view dotted) const;
  // A string literal holding exactly `text`.
  std::string literal(std::string_view text) const;

  const char* text_type() const;
  // Exact money: millionths fit, as in the engine's Money (SPEC: never floating point).
  const char* money_type() const;
  // Days from `from` to `to` (both DATE).
  std::string days_between(const std::string& from, const std::string& to) const;
  // The engine's normalize_name: ASCII letters and digits only, lower case.
  std::string normalized(const std::string& text) const;
  std::string date_literal(std::string_view iso) const;
  // Statements that (re)create a temporary table or view `name` from `query`.
  std::string create_temp(const std::string& name, const std::string& query) const;

 private:
  SqlDialect id_;
};

}  // namespace retention::sql
