// Money amounts as written in exports, read exactly into millionths.
#pragma once

#include <optional>
#include <string_view>

#include "retention/report.hpp"

namespace retention {

// Reads `1234.5`, `1,234.50`, `$12.00`, `USD 12`, `(12.00)`, `-12.00`, `12.00-`.
// `decimal` is the decimal separator; the other of `.` `,` (and spaces, apostrophes) may group
// thousands. Digits beyond the sixth decimal are rounded half away from zero.
std::optional<Money> parse_money(std::string_view text, char decimal = '.');

// Which decimal separator one amount's text implies: `12.50` dot, `1.234,50` comma, `1234` none,
// `1,234` either (a thousands group or three decimals) until other values in the file decide.
enum class DecimalHint { none, dot, comma, ambiguous };
DecimalHint decimal_hint(std::string_view text);

// a * b for two amounts in millionths (quantity x unit price), rounded half away from zero.
std::optional<Money> multiply_money(Money a, Money b);

}  // namespace retention
