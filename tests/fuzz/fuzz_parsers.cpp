// The money and date readers against an exact oracle: the input describes an amount or a date, the
// target writes it in one of the forms SPEC 3 allows, and the reader must give back exactly the value
// computed here by other means. The raw bytes are also read as they are: no crash, no sanitizer report.
#include <fuzzer/FuzzedDataProvider.h>

#include <string>

#include "fuzz_common.hpp"
#include "ingest/dates.hpp"
#include "ingest/money.hpp"

namespace {

std::string group_digits(const std::string& digits, char group) {
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += group;
    out += digits[i];
  }
  return out;
}

void check_money(FuzzedDataProvider& in) {
  const uint64_t units = in.ConsumeIntegralInRange<uint64_t>(0, 9000000000000ULL);
  const std::string fraction = [&] {
    std::string f;
    for (size_t n = in.ConsumeIntegralInRange<size_t>(0, 9); n; --n) f += static_cast<char>('0' + in.ConsumeIntegralInRange(0, 9));
    return f;
  }();
  const bool comma = in.ConsumeBool();
  const char decimal = comma ? ',' : '.';
  const char group = in.PickValueInArray({comma ? '.' : ',', ' ', '\'', '\0'});
  const int sign = in.ConsumeIntegralInRange(0, 4);  // none, -, +, parentheses, trailing -
  const int currency = in.ConsumeIntegralInRange(0, 6);
  const bool point_without_fraction = in.ConsumeBool();
  const bool omit_zero = units == 0 && !fraction.empty() && in.ConsumeBool();

  std::string digits = std::to_string(units);
  std::string number = omit_zero ? "" : (group ? group_digits(digits, group) : digits);
  if (!fraction.empty()) number += decimal + fraction;
  else if (point_without_fraction) number += decimal;
  static const char* kBefore[] = {"", "$", "", "EUR ", "", "US$", "\xC2\xA3"};
  static const char* kAfter[] = {"", "", " \xE2\x82\xAC", "", " USD", "", ""};
  std::string text = std::string(kBefore[currency]) + number + kAfter[currency];
  if (sign == 1) text = "-" + text;
  if (sign == 2) text = "+" + text;
  if (sign == 3) text = "(" + text + ")";
  if (sign == 4) text += "-";

  // The value by construction: units, six decimals, the seventh rounding half away from zero.
  int64_t micros = 0;
  for (size_t i = 0; i < 6; ++i) micros = micros * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
  if (fraction.size() > 6 && fraction[6] >= '5') ++micros;
  int64_t expected = static_cast<int64_t>(units) * retention::kMoneyScale + micros;
  if (sign == 1 || sign >= 3) expected = -expected;

  std::string why;
  auto got = retention::read_money(text, decimal, why);
  if (!got) fuzz::fail("a valid amount was refused", text + " (" + why + ")");
  if (*got != expected) fuzz::fail("an amount was misread", text);

  // Anything glued to the digits is refused (SPEC 3 "Money is strict").
  const char glued = in.PickValueInArray({'O', 'k', '%', '#', 'x', 'l'});
  if (retention::parse_money(number + glued, decimal)) fuzz::fail("a glued amount was accepted", number + glued);
}

// Days from 1970-01-01, counted without the civil-days algorithm the reader uses.
int64_t days_since_epoch(int y, int m, int d) {
  static const int kBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const int64_t p = y - 1;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int64_t from_year_one = 365 * p + p / 4 - p / 100 + p / 400 + kBefore[m - 1] + (m > 2 && leap) + d - 1;
  return from_year_one - 719162;  // days from 0001-01-01 to 1970-01-01
}

std::string pad(int value, size_t width) {
  std::string s = std::to_string(value);
  return std::string(s.size() < width ? width - s.size() : 0, '0') + s;
}

void check_date(FuzzedDataProvider& in) {
  const int y = in.ConsumeIntegralInRange(1, 9999);
  const int m = in.ConsumeIntegralInRange(1, 12);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int d = in.ConsumeIntegralInRange(1, kDays[m - 1] + (m == 2 && leap));
  const int64_t expected = days_since_epoch(y, m, d);
  const int form = in.ConsumeIntegralInRange(0, 6);
  std::string text;
  bool day_first = false;
  switch (form) {
    case 0: text = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); break;
    case 1: text = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + in.PickValueInArray({"T10:22:33Z", " 10:22:33 -0400", "T00:00"}); break;
    case 2: text = pad(y, 4) + "/" + std::to_string(m) + "/" + std::to_string(d); break;
    case 3: text = pad(y, 4) + pad(m, 2) + pad(d, 2); break;
    case 4: text = std::to_string(d) + "." + std::to_string(m) + "." + pad(y, 4); day_first = true; break;
    case 5: text = std::to_string(m) + "/" + std::to_string(d) + "/" + pad(y, 4); break;
    default: {  // Unix seconds (9-10 digits) or milliseconds (12-13 digits), any time of that day
      if (expected < 1200 || expected > 115000) return;  // outside the epoch forms' digit counts
      const int64_t seconds = expected * 86400 + in.ConsumeIntegralInRange<int64_t>(0, 86399);
      text = in.ConsumeBool() ? std::to_string(seconds) : std::to_string(seconds * 1000 + in.ConsumeIntegralInRange(0, 999));
    }
  }
  retention::DateReading r = retention::read_date(text);
  if (r.form == retention::DateForm::invalid) fuzz::fail("a valid date was refused", text);
  const auto& got = day_first || form == 4 ? r.day_first : r.month_first;
  if (!got || *got != expected) fuzz::fail("a date was misread", text);
  if (retention::format_date(static_cast<retention::Date>(expected)) != pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2))
    fuzz::fail("format_date disagrees", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string raw(reinterpret_cast<const char*>(data), size);
  (void)retention::parse_money(raw, '.');
  (void)retention::parse_money(raw, ',');
  (void)retention::decimal_hint(raw);
  retention::DateReading any = retention::read_date(raw);
  if (any.form != retention::DateForm::invalid && !any.month_first && !any.day_first)
    fuzz::fail("a date form without a date", raw);
  FuzzedDataProvider in(data, size);
  check_money(in);
  check_date(in);
  return 0;
}
