// A small streaming JSON writer: commas, escaping and number formats in one place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view text);
  JsonWriter& integer(int64_t value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // Money as an exact decimal number: 1234.5, -12, 0.000001.
  JsonWriter& money(Money value);
  // A ratio rounded to 6 decimals, printed without trailing zeros; the same bytes on every platform.
  JsonWriter& ratio(double value);
  // A model estimate to 9 significant digits (2.4259068, -9582.42921, 1.23456789e-12); null when not finite.
  JsonWriter& number(double value);
  JsonWriter& date(Date value);
  // A value that is JSON already (e.g. minified by simdjson), written as it is.
  JsonWriter& raw(std::string_view json);

  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void write_quoted(std::string_view text);
  std::string out_;
  std::vector<bool> has_items_;
  bool after_key_ = false;
};

std::string format_money(Money value);
std::string format_ratio(double value);
std::string format_significant(double value);

}  // namespace retention
