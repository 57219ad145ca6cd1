// Money amounts as written in exports, read exactly into millionths.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "retention/report.hpp"

namespace retention {

// Reads `1234.5`, `1,234.50`, `$12.00`, `USD 12`, `(12.00)`, `-12.00`, `12.00-`.
// `decimal` is the decimal separator; the other of `.` `,` (and spaces, apostrophes) may group
// thousands. Digits beyond the sixth decimal are rounded half away from zero.
// SPEC 3 "Money is strict": around the number only a sign or parentheses, spaces and at most one
// currency symbol or three-letter ISO 4217 code; `10O`, `12kg`, `5%`, `#5`, `(-5)` are refused.
std::optional<Money> parse_money(std::string_view text, char decimal = '.');
// The same, saying why an amount was refused.
std::optional<Money> read_money(std::string_view text, char decimal, std::string& why);

// The currency an amount is written in: its ISO 4217 code when the text has one (`12 usd` -> "USD") or a
// symbol that names one currency (`12,00 €` -> "EUR", `£5` -> "GBP", `US$3` -> "USD"); a symbol several
// currencies share (`$`, `¥`, `kr`, `Rs`) as written, since guessing would put a wrong code on the money;
// empty when the text has none. The view is into `text` or static storage.
std::string_view amount_currency(std::string_view text);

// The largest amount one row may hold (ten billion currency units): beyond it a value is taken for an
// id or a code in the wrong column (a 13-digit EAN) rather than summed into a meaningless total.
constexpr Money kMaxPlausibleAmount = 10000000000LL * kMoneyScale;

// Which decimal separator one amount's text implies: `12.50` dot, `1.234,50` comma, `1234` none,
// `1,234` either (a thousands group or three decimals) until other values in the file decide.
enum class DecimalHint { none, dot, comma, ambiguous };
DecimalHint decimal_hint(std::string_view text);
// The separator ('.' or ',') of the first of `texts` that shows one, else 0; `ambiguous` is set when a
// text before it (or any, when none shows one) could be read either way.
char first_decimal_separator(std::initializer_list<std::string_view> texts, bool& ambiguous);

// a * b for two amounts in millionths (quantity x unit price), rounded half away from zero.
std::optional<Money> multiply_money(Money a, Money b);

}  // namespace retention
