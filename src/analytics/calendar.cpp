#include "analytics/calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

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

// The month of each day from 1970-01-01 on, for 2^16 days (to 2149), counted from January 1970: one
// lookup in place of the calendar arithmetic for each of millions of orders (issue 11).
constexpr int32_t kFirstMonth = 1970 * 12;
constexpr Date kTableDays = 1 << 16;

const std::vector<uint16_t>& months_from_1970() {
  static const std::vector<uint16_t> table = [] {
    std::vector<uint16_t> months(kTableDays);
    for (int32_t month = 0; month_start(kFirstMonth + month) < kTableDays; ++month) {
      const Date end = std::min(month_start(kFirstMonth + month + 1), kTableDays);
      for (Date d = month_start(kFirstMonth + month); d < end; ++d) months[static_cast<size_t>(d)] = static_cast<uint16_t>(month);
    }
    return months;
  }();
  return table;
}

}  // namespace

int32_t month_index(Date d) {
  if (d >= 0 && d < kTableDays) return kFirstMonth + months_from_1970()[static_cast<size_t>(d)];
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
