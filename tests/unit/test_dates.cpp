#include <doctest/doctest.h>

#include "ingest/dates.hpp"

using retention::days_from_civil;
using retention::format_date;
using retention::parse_date;

TEST_CASE("days count from 1970-01-01") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  CHECK(format_date(days_from_civil(2024, 2, 29)) == "2024-02-29");
}

TEST_CASE("civil dates round-trip over four centuries") {
  for (retention::Date d = days_from_civil(1900, 1, 1); d < days_from_civil(2300, 1, 1); d += 7) {
    int y = 0;
    unsigned m = 0, day = 0;
    retention::civil_from_days(d, y, m, day);
    REQUIRE(days_from_civil(y, m, day) == d);
  }
}

TEST_CASE("ISO dates are read as the calendar date written, whatever the time or offset") {
  const auto march5 = days_from_civil(2024, 3, 5);
  CHECK(parse_date("2024-03-05") == march5);
  CHECK(parse_date(" 2024-03-05 ") == march5);
  CHECK(parse_date("2024/03/05") == march5);
  CHECK(parse_date("2024-03-05T23:59:59Z") == march5);
  CHECK(parse_date("2024-03-05T01:00:00+14:00") == march5);
  CHECK(parse_date("2024-03-05 22:33:44 -0400") == march5);
  CHECK(parse_date("20240305") == march5);
}

TEST_CASE("impossible or malformed dates are refused") {
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK(parse_date("2024-02-29"));
  CHECK_FALSE(parse_date("1900-02-29"));
  CHECK(parse_date("2000-02-29"));
  CHECK_FALSE(parse_date("2024-13-01"));
  CHECK_FALSE(parse_date("2024-04-31"));
  CHECK_FALSE(parse_date("2024-00-10"));
  CHECK_FALSE(parse_date("2024-3-5"));
  CHECK_FALSE(parse_date("2024-03-05x"));
  CHECK_FALSE(parse_date("2024-03/05"));
  CHECK_FALSE(parse_date("yesterday"));
  CHECK_FALSE(parse_date(""));
}
