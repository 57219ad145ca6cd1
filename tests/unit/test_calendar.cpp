#include <doctest/doctest.h>

#include "analytics/calendar.hpp"
#include "ingest/dates.hpp"

using namespace retention;

namespace {
Date day(const char* iso) { return *parse_date(iso); }
}  // namespace

TEST_CASE("months, quarters and years are consecutive numbers with readable labels") {
  CHECK(month_index(day("2024-01-31")) + 1 == month_index(day("2024-02-01")));
  CHECK(month_index(day("2023-12-31")) + 1 == month_index(day("2024-01-01")));
  CHECK(month_label(month_index(day("2024-03-15"))) == "2024-03");
  CHECK(quarter_label(quarter_of_month(month_index(day("2024-03-31")))) == "2024-Q1");
  CHECK(quarter_label(quarter_of_month(month_index(day("2024-04-01")))) == "2024-Q2");
  CHECK(quarter_of_month(month_index(day("2023-12-01"))) + 1 == quarter_of_month(month_index(day("2024-01-01"))));
  CHECK(year_label(year_index(day("1997-06-30"))) == "1997");
  CHECK(year_of_month(month_index(day("1997-12-31"))) == 1997);
  CHECK(month_start(month_index(day("2024-02-29"))) == day("2024-02-01"));
  CHECK(month_start(year_index(day("2024-07-04")) * 12) == day("2024-01-01"));
}

TEST_CASE("a year earlier is the same day and month, 29 February falling back to the 28th") {
  CHECK(one_year_earlier(day("2024-06-30")) == day("2023-06-30"));
  CHECK(one_year_earlier(day("2024-02-29")) == day("2023-02-28"));
  CHECK(one_year_earlier(day("2025-03-01")) == day("2024-03-01"));
}

TEST_CASE("every day's month is the calendar's, through the lookup table's range and past both ends") {
  for (retention::Date d = -1000; d < (1 << 16) + 1000; ++d) {
    int year = 0;
    unsigned month = 0, day = 0;
    retention::civil_from_days(d, year, month, day);
    const int32_t expected = year * 12 + static_cast<int32_t>(month) - 1;
    if (retention::month_index(d) != expected) {
      REQUIRE_MESSAGE(retention::month_index(d) == expected, "day " << d);
    }
  }
  CHECK(retention::month_index(retention::days_from_civil(2149, 6, 5)) == 2149 * 12 + 5);
}
