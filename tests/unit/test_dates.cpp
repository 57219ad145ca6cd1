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
  CHECK_FALSE(parse_date("2024-3-555"));
  CHECK_FALSE(parse_date("3/5/2024"));  // options take ISO dates only: nothing is guessed
  CHECK_FALSE(parse_date("2024-03-05x"));
  CHECK_FALSE(parse_date("2024-03/05"));
  CHECK_FALSE(parse_date("yesterday"));
  CHECK_FALSE(parse_date(""));
}

TEST_CASE("every date form of SPEC 3 is read as the calendar date written") {
  const auto march5 = days_from_civil(2024, 3, 5);
  using retention::DateForm;
  using retention::read_date;
  CHECK(read_date("2024-3-5").month_first == march5);
  CHECK(read_date("5.3.2024").day_first == march5);
  CHECK(read_date("05.03.2024 14:00").month_first == march5);  // D.M.YYYY is always day-first
  CHECK(read_date("3/5/2024").month_first == march5);
  CHECK(read_date("5/3/2024").day_first == march5);
  CHECK(read_date("3/5/2024 8:26").month_first == march5);
  CHECK(read_date("3/5/24").month_first == march5);
  CHECK(read_date("03-05-2024").month_first == march5);
  CHECK(read_date("1709596800").form == DateForm::epoch_seconds);  // 2024-03-05T00:00:00Z
  CHECK(read_date("1709596800").month_first == march5);
  CHECK(read_date("1709683199").month_first == march5);  // 23:59:59 the same day
  CHECK(read_date("1709596800000").month_first == march5);
  CHECK(read_date("1709596800.5").month_first == march5);
  CHECK(read_date("1/15/2024").form == DateForm::slash);
  CHECK_FALSE(read_date("1/15/2024").day_first);
  CHECK(read_date("31/02/2024").form == DateForm::invalid);
  CHECK(read_date("3/5/202").form == DateForm::invalid);
  CHECK(read_date("12345").form == DateForm::invalid);
  CHECK(read_date("3/5/2024x").form == DateForm::invalid);
}

TEST_CASE("a date column decides day/month order from the first date only one order can read") {
  using retention::DateColumn;
  using retention::DayMonthOrder;
  DateColumn column;
  auto early = column.read("03/04/2024", 2);  // open: 4 March or 3 April
  CHECK(early.ok);
  CHECK(early.month_first == days_from_civil(2024, 3, 4));
  CHECK(early.day_first == days_from_civil(2024, 4, 3));
  CHECK(column.order() == DayMonthOrder::undecided);
  auto decisive = column.read("25/12/2024", 3);
  CHECK(decisive.ok);
  CHECK(decisive.day_first == days_from_civil(2024, 12, 25));
  CHECK(column.order() == DayMonthOrder::day_first);
  CHECK(column.decided_line() == 3);
  CHECK(column.read("01/02/2024", 4).day_first == days_from_civil(2024, 2, 1));
  auto contradiction = column.read("12/31/2024", 5);
  CHECK_FALSE(contradiction.ok);
  CHECK(contradiction.error == "the date '12/31/2024' does not fit the column's day/month order (decided by line 3)");
  CHECK(column.format_name() == "D/M/YYYY");
  CHECK_FALSE(column.ambiguous());
}

TEST_CASE("a column whose dates all fit both orders is month-first and reported ambiguous, unless set") {
  using retention::DateColumn;
  using retention::DayMonthOrder;
  DateColumn column;
  column.read("1/2/2024", 2);
  column.read("3/4/2024", 3);
  CHECK(column.order() == DayMonthOrder::undecided);
  CHECK(column.ambiguous());
  CHECK(column.ambiguous_rows() == 2);
  DateColumn forced(DayMonthOrder::day_first);
  auto r = forced.read("1/2/2024", 2);
  CHECK(r.month_first == days_from_civil(2024, 2, 1));
  CHECK_FALSE(forced.ambiguous());
  CHECK(forced.read("1/13/2024", 3).error ==
        "the date '1/13/2024' does not fit the column's day/month order (as set in the options)");
}
