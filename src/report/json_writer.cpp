#include "report/json_writer.hpp"

#include <cmath>
#include <cstdio>

namespace retention {

namespace {

// "123" + 6 fraction digits -> "123.45" (trailing zeros dropped).
std::string format_fixed6(int64_t scaled) {
  bool negative = scaled < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 1000000);
  uint64_t fraction = magnitude % 1000000;
  if (fraction) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%06llu", static_cast<unsigned long long>(fraction));
    std::string f(digits);
    while (f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

}  // namespace

std::string format_money(Money value) { return format_fixed6(value); }

std::string format_ratio(double value) {
  if (!std::isfinite(value)) return "null";
  return format_fixed6(std::llround(value * 1e6));
}

// Rounded to 9 significant digits with exact operations only (powers of ten by multiplication,
// one scaling, llround): the same digits natively and in wasm, where printf("%g") may differ.
std::string format_significant(double value) {
  if (!std::isfinite(value)) return "null";
  double magnitude = std::fabs(value);
  if (magnitude < 1e-300) return "0";
  constexpr int kDigits = 9;
  constexpr int64_t kLow = 100000000, kHigh = 1000000000;  // 10^(kDigits-1), 10^kDigits
  auto power = [](int n) {  // 10^n: exact up to 10^22, and the same rounding everywhere beyond
    double p = 1;
    for (int i = 0; i < n; ++i) p *= 10;
    return p;
  };
  int exponent = 0;  // 10^exponent <= magnitude < 10^(exponent+1), corrected below if a power rounded
  while (magnitude >= power(exponent + 1)) ++exponent;
  while (magnitude * power(-exponent) < 1) --exponent;
  int64_t digits = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    int shift = kDigits - 1 - exponent;
    digits = std::llround(shift >= 0 ? magnitude * power(shift) : magnitude / power(-shift));
    if (digits >= kHigh) ++exponent;
    else if (digits < kLow) --exponent;
    else break;
  }
  if (digits >= kHigh) digits /= 10;  // 9.999999999e... rounded up to 10^kDigits
  std::string mantissa = std::to_string(digits);
  while (mantissa.size() > 1 && mantissa.back() == '0') mantissa.pop_back();
  std::string out = value < 0 ? "-" : "";
  if (exponent >= 0 && exponent < 15) {  // 12345.6789
    auto whole = static_cast<size_t>(exponent) + 1;
    out += mantissa.substr(0, whole);
    if (mantissa.size() < whole) out.append(whole - mantissa.size(), '0');
    if (mantissa.size() > whole) out += "." + mantissa.substr(whole);
  } else if (exponent < 0 && exponent >= -6) {  // 0.000123456789
    out += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + mantissa;
  } else {  // 1.23456789e-12
    out += mantissa.substr(0, 1);
    if (mantissa.size() > 1) out += "." + mantissa.substr(1);
    out += "e" + std::to_string(exponent);
  }
  return out;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  write_quoted(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  before_value();
  write_quoted(text);
  return *this;
}

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there are not UTF-8.
size_t utf8_length(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;                                       // overlong
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;                // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;               // surrogate
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return n;
}

}  // namespace

// Escapes what JSON requires; bytes that are not UTF-8 become U+FFFD, so the document is always
// valid and reads the same in every JSON parser (and from the native and the wasm build).
void JsonWriter::write_quoted(std::string_view text) {
  out_ += '"';
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      size_t n = utf8_length(text, i);
      if (n) out_.append(text.substr(i, n));
      else out_ += "\xEF\xBF\xBD";
      i += n ? n : 1;
      continue;
    }
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out_ += buf;
        } else {
          out_ += c;
        }
    }
    ++i;
  }
  out_ += '"';
}

JsonWriter& JsonWriter::integer(int64_t value) {
  before_value();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::money(Money value) {
  before_value();
  out_ += format_money(value);
  return *this;
}

JsonWriter& JsonWriter::ratio(double value) {
  before_value();
  out_ += format_ratio(value);
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  before_value();
  out_ += format_significant(value);
  return *this;
}

JsonWriter& JsonWriter::date(Date value) { return string(format_date(value)); }

JsonWriter& JsonWriter::raw(std::string_view json) {
  before_value();
  out_ += json;
  return *this;
}

}  // namespace retention
