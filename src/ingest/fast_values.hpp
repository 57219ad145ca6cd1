// Fast paths for the two values on every row: an ISO date and a plain decimal amount. Each
// accepts only text whose meaning is beyond doubt and gives exactly what the general reader
// (read_date, parse_money) gives for it; anything else returns false and goes to that reader.
#pragma once

#include <string_view>

#include "retention/report.hpp"

namespace retention {

// `YYYY-MM-DD`, alone or followed by `T` or a space and a time (`10:22:33Z`, `9:05 -0400`).
bool fast_iso_date(std::string_view text, Date& out);

// `[-]digits[<decimal>digits]`: at most 12 whole digits and 6 decimals, nothing else (no sign
// other than a leading minus, no grouping, no currency), read exactly into millionths.
bool fast_plain_decimal(std::string_view text, char decimal, Money& out);

}  // namespace retention
