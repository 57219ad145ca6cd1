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

// a * b for two amounts in millionths (quantity x unit price), rounded half away from zero.
std::optional<Money> multiply_money(Money a, Money b);

}  // namespace retention
