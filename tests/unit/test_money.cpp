#include <doctest/doctest.h>

#include "ingest/money.hpp"

using retention::kMoneyScale;
using retention::Money;
using retention::parse_money;

namespace {
Money dollars(int64_t whole, int64_t millionths = 0) { return whole * kMoneyScale + millionths; }
}  // namespace

TEST_CASE("plain decimal amounts are read exactly") {
  CHECK(parse_money("1234.5") == dollars(1234, 500000));
  CHECK(parse_money("0.1") == dollars(0, 100000));
  CHECK(parse_money("12") == dollars(12));
  CHECK(parse_money(".5") == dollars(0, 500000));
  CHECK(parse_money("-12.00") == -dollars(12));
  CHECK(parse_money("+3.25") == dollars(3, 250000));
}

TEST_CASE("thousands separators, currency symbols and accounting negatives") {
  CHECK(parse_money("1,234.50") == dollars(1234, 500000));
  CHECK(parse_money("1,234,567.89") == dollars(1234567, 890000));
  CHECK(parse_money("$12.00") == dollars(12));
  CHECK(parse_money("USD 12.00") == dollars(12));
  CHECK(parse_money("12.00 \xE2\x82\xAC") == dollars(12));  // 12.00 €
  CHECK(parse_money("(12.00)") == -dollars(12));
  CHECK(parse_money("-$5") == -dollars(5));
  CHECK(parse_money("5.00-") == -dollars(5));
}

TEST_CASE("a decimal comma is read when asked for") {
  CHECK(parse_money("1.234,50", ',') == dollars(1234, 500000));
  CHECK(parse_money("12,5", ',') == dollars(12, 500000));
}

TEST_CASE("digits beyond the sixth decimal round half away from zero") {
  CHECK(parse_money("0.0000005") == 1);
  CHECK(parse_money("0.0000004") == 0);
  CHECK(parse_money("-0.0000005") == -1);
}

TEST_CASE("text that is not an amount is refused rather than guessed") {
  CHECK_FALSE(parse_money(""));
  CHECK_FALSE(parse_money("abc"));
  CHECK_FALSE(parse_money("1.2.3"));
  CHECK_FALSE(parse_money("12,00"));  // a decimal comma under '.' is ambiguous, never read as 1200
  CHECK_FALSE(parse_money("1,23.4"));
  CHECK_FALSE(parse_money("--5"));
  CHECK_FALSE(parse_money("99999999999999999999"));
}

TEST_CASE("quantity times unit price is exact and rounds half away from zero") {
  using retention::multiply_money;
  CHECK(multiply_money(dollars(3), dollars(0, 295000)) == dollars(0, 885000));
  CHECK(multiply_money(-dollars(2), dollars(1, 250000)) == -dollars(2, 500000));
  CHECK(multiply_money(dollars(0, 500000), 1) == 1);  // 0.5 x 0.000001 = 0.0000005 -> 0.000001
  CHECK_FALSE(multiply_money(dollars(9000000000), dollars(9000000000)));
}

TEST_CASE("each amount hints at the decimal separator it was written with") {
  using retention::DecimalHint;
  using retention::decimal_hint;
  CHECK(decimal_hint("12.50") == DecimalHint::dot);
  CHECK(decimal_hint("$1,234.50") == DecimalHint::dot);
  CHECK(decimal_hint("1,234,567") == DecimalHint::dot);
  CHECK(decimal_hint("0.125") == DecimalHint::dot);
  CHECK(decimal_hint("12,5") == DecimalHint::comma);
  CHECK(decimal_hint("1.234,50 \xE2\x82\xAC") == DecimalHint::comma);
  CHECK(decimal_hint("1.234.567") == DecimalHint::comma);
  CHECK(decimal_hint("0,125") == DecimalHint::comma);
  CHECK(decimal_hint("1234") == DecimalHint::none);
  CHECK(decimal_hint("(12)") == DecimalHint::none);
  CHECK(decimal_hint("1,234") == DecimalHint::ambiguous);
  CHECK(decimal_hint("123.456") == DecimalHint::ambiguous);
  CHECK(decimal_hint("1234,567") == DecimalHint::comma);
}

TEST_CASE("a no-break space groups thousands as French exports write them") {
  CHECK(parse_money("1\xC2\xA0" "234,56 \xE2\x82\xAC", ',') == dollars(1234, 560000));
  CHECK(parse_money("12\xE2\x80\xAF" "345,00", ',') == dollars(12345));
  CHECK(retention::decimal_hint("1\xC2\xA0" "234,56") == retention::DecimalHint::comma);
}

TEST_CASE("the currency written with an amount: a code or a one-currency symbol as its ISO code, a shared symbol as written") {
  using retention::amount_currency;
  CHECK(amount_currency("12,00 €") == "EUR");
  CHECK(amount_currency("€12.00") == "EUR");
  CHECK(amount_currency("1\xC2\xA0" "234,50\xC2\xA0€") == "EUR");  // no-break spaces, as French exports write
  CHECK(amount_currency("£5") == "GBP");
  CHECK(amount_currency("-£5.00") == "GBP");
  CHECK(amount_currency("(£5.00)") == "GBP");
  CHECK(amount_currency("12 usd") == "USD");
  CHECK(amount_currency("US$ 3") == "USD");
  CHECK(amount_currency("R$ 10,00") == "BRL");
  CHECK(amount_currency("Fr. 12.50") == "CHF");
  SUBCASE("symbols several currencies share are kept as written, never guessed") {
    CHECK(amount_currency("$12.00") == "$");
    CHECK(amount_currency("¥500") == "¥");
    CHECK(amount_currency("kr 12") == "kr");
  }
  SUBCASE("a plain number has none") {
    CHECK(amount_currency("1,234.50").empty());
    CHECK(amount_currency("-12").empty());
  }
}
