#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include "ingest/dates.hpp"
#include "ingest/fast_values.hpp"
#include "ingest/money.hpp"

using retention::Date;
using retention::Money;

namespace {

// The fast path may decline anything, but what it reads must be what the general reader reads.
void check_date_agrees(const std::string& text) {
  CAPTURE(text);
  Date fast = 0;
  if (!retention::fast_iso_date(text, fast)) return;
  retention::DateReading general = retention::read_date(text);
  REQUIRE(general.form == retention::DateForm::iso);
  CHECK(*general.month_first == fast);
  CHECK(*general.day_first == fast);
}

void check_money_agrees(const std::string& text, char decimal) {
  CAPTURE(text);
  CAPTURE(decimal);
  Money fast = 0;
  if (!retention::fast_plain_decimal(text, decimal, fast)) return;
  auto general = retention::parse_money(text, decimal);
  REQUIRE(general.has_value());
  CHECK(*general == fast);
}

}  // namespace

TEST_CASE("the fast ISO date path reads dates and date-times as the general reader does") {
  Date d = 0;
  CHECK(retention::fast_iso_date("2024-03-05", d));
  CHECK(d == retention::days_from_civil(2024, 3, 5));
  CHECK(retention::fast_iso_date("2024-03-05T10:22:33Z", d));
  CHECK(retention::fast_iso_date("2024-03-05 10:22:33 -0400", d));
  CHECK(retention::fast_iso_date("2024-02-29T9:05", d));
  CHECK(d == retention::days_from_civil(2024, 2, 29));
  SUBCASE("and leaves everything else to it") {
    for (const char* text : {"2023-02-29", "2024-13-01", "2024-3-5", "2024/03/05", "20240305", "03/05/2024",
                             "2024-03-05T", "2024-03-05x10:00", "2024-03-05T1x:00", "2024-03-05T10", "0000-01-01",
                             "2024-03-051", "2024-03-05 ", ""})
      CHECK_FALSE(retention::fast_iso_date(text, d));
  }
  SUBCASE("random texts near the ISO shape agree with read_date") {
    std::mt19937 rng(11);
    const std::string alphabet = "0123456789-T :Zx/";
    for (int i = 0; i < 20000; ++i) {
      std::string text = "2024-03-05T10:22:33Z";
      text.resize(std::uniform_int_distribution<size_t>(8, text.size())(rng));
      for (int edits = std::uniform_int_distribution<int>(0, 3)(rng); edits > 0; --edits)
        text[std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng)] =
            alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
      check_date_agrees(text);
    }
  }
}

TEST_CASE("the fast decimal path reads plain decimals as the strict parser does, and nothing else") {
  Money m = 0;
  CHECK(retention::fast_plain_decimal("1234.5", '.', m));
  CHECK(m == 1234500000);
  CHECK(retention::fast_plain_decimal("-0.000001", '.', m));
  CHECK(m == -1);
  CHECK(retention::fast_plain_decimal("12,50", ',', m));
  CHECK(m == 12500000);
  CHECK(retention::fast_plain_decimal("999999999999.999999", '.', m));
  for (const char* text : {"12.5O", "12kg", "5%", "#5", "1,234.50", "$12.00", "(12.00)", "+3", "12.", ".5", "-",
                           "12.3456789", "1234567890123", "12.50-", "1 234", "12,50", ""})
    CHECK_FALSE(retention::fast_plain_decimal(text, '.', m));
  SUBCASE("random texts agree with parse_money") {
    std::mt19937 rng(7);
    const std::string alphabet = "0123456789.,-+ O$";
    for (int i = 0; i < 20000; ++i) {
      std::string text(std::uniform_int_distribution<size_t>(1, 16)(rng), '0');
      for (char& c : text)
        c = std::uniform_int_distribution<int>(0, 3)(rng) ? static_cast<char>('0' + rng() % 10)
                                                          : alphabet[rng() % alphabet.size()];
      check_money_agrees(text, '.');
      check_money_agrees(text, ',');
    }
  }
}

TEST_CASE("the fast decimal path reads every plain decimal, short or long, with either separator") {
  // Declining is always safe (the general reader follows), so the test above cannot see a fast path
  // that declines too much: every plain decimal of up to 12 whole and 6 fraction digits must be read.
  std::mt19937 rng(19);
  for (int i = 0; i < 50000; ++i) {
    const char decimal = i % 2 ? '.' : ',';
    std::string text = rng() % 4 == 0 ? "-" : "";
    const size_t whole = std::uniform_int_distribution<size_t>(1, i % 3 ? 5 : 12)(rng);
    const size_t fraction = std::uniform_int_distribution<size_t>(0, 6)(rng);
    for (size_t d = 0; d < whole; ++d) text += static_cast<char>('0' + rng() % 10);
    if (fraction) text += decimal;
    for (size_t d = 0; d < fraction; ++d) text += static_cast<char>('0' + rng() % 10);
    CAPTURE(text);
    Money fast = 0;
    REQUIRE(retention::fast_plain_decimal(text, decimal, fast));
    CHECK(fast == *retention::parse_money(text, decimal));
  }
}

TEST_CASE("the remembered ISO date gives what fast_iso_date gives, text after text") {
  // Repeats of the last text, of its date with another (or a broken) time, and new texts in between.
  std::mt19937 rng(5);
  const std::string alphabet = "0123456789-T :Zx/";
  retention::IsoDates dates;
  std::string last = "2024-03-05T10:22:33Z";
  for (int i = 0; i < 50000; ++i) {
    std::string text = last;
    switch (rng() % 4) {
      case 0:  // the same text again
        break;
      case 1:  // the same date, the rest changed or cut
        if (text.size() < 10) break;
        text.resize(std::uniform_int_distribution<size_t>(10, text.size())(rng));
        if (text.size() > 10) text[std::uniform_int_distribution<size_t>(10, text.size() - 1)(rng)] = alphabet[rng() % alphabet.size()];
        break;
      default:  // anything near the shape
        text = "2024-03-05T10:22:33Z";
        text.resize(std::uniform_int_distribution<size_t>(8, text.size())(rng));
        for (int edits = std::uniform_int_distribution<int>(0, 3)(rng); edits > 0; --edits)
          text[std::uniform_int_distribution<size_t>(0, text.size() - 1)(rng)] = alphabet[rng() % alphabet.size()];
    }
    CAPTURE(text);
    Date expected = -1, got = -1;
    const bool ok = retention::fast_iso_date(text, expected);
    REQUIRE(dates.read(text, got) == ok);
    if (ok) REQUIRE(got == expected);
    last = text;
  }
}
