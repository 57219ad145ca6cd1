#include "analytics/calendar.hpp"

#include <cstdio>

#include "ingest/dates.hpp"

namespace retention {

namespace {

struct Civil {
  int year;
  unsigned month, day;
};

Civil civil(Date d) {
  Civil c{};
  civil_from_days(d, c.year, c.month, c.day);
  return c;
}

// Floor division, so that indices stay consecutive across year 0 too.
int32_t floor_div(int32_t a, int32_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

}  // namespace

int32_t month_index(Date d) {
  Civil c = civil(d);
  return c.year * 12 + static_cast<int32_t>(c.month) - 1;
}

int32_t year_index(Date d) { return civil(d).year; }

int32_t quarter_of_month(int32_t month) { return floor_div(month, 3); }

int32_t year_of_month(int32_t month) { return floor_div(month, 12); }

Date month_start(int32_t month) {
  int32_t year = year_of_month(month);
  return days_from_civil(year, static_cast<unsigned>(month - year * 12 + 1), 1);
}

std::string month_label(int32_t month) {
  int32_t year = year_of_month(month);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d", year, month - year * 12 + 1);
  return text;
}

std::string quarter_label(int32_t quarter) {
  int32_t year = floor_div(quarter, 4);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-Q%d", year, quarter - year * 4 + 1);
  return text;
}

std::string year_label(int32_t year) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d", year);
  return text;
}

Date one_year_earlier(Date d) {
  Civil c = civil(d);
  unsigned day = c.month == 2 && c.day == 29 ? 28 : c.day;
  return days_from_civil(c.year - 1, c.month, day);
}

}  // namespace retention
