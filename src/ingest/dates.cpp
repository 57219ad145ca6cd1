#include "ingest/dates.hpp"

#include <cstdio>

#include "ingest/text.hpp"

namespace retention {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
Date days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Date>(era * 146097 + static_cast<int>(doe) - 719468);
}

void civil_from_days(Date days, int& year, unsigned& month, unsigned& day) {
  const int z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<int>(yoe) + era * 400 + (month <= 2);
}

bool is_valid_civil(int year, unsigned month, unsigned day) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap);
}

namespace {

bool read_digits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  out = value;
  return true;
}

// What may follow the date part: nothing, or a time introduced by `T` or a space.
bool is_time_suffix(std::string_view rest) { return rest.empty() || rest[0] == 'T' || rest[0] == ' '; }

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  std::string_view s = trim(text);
  int year = 0, month = 0, day = 0;
  if (s.size() >= 10 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
    if (!read_digits(s, 0, 4, year) || !read_digits(s, 5, 2, month) || !read_digits(s, 8, 2, day)) return {};
    if (!is_time_suffix(s.substr(10))) return {};
  } else if (s.size() == 8) {
    if (!read_digits(s, 0, 4, year) || !read_digits(s, 4, 2, month) || !read_digits(s, 6, 2, day)) return {};
  } else {
    return {};
  }
  auto m = static_cast<unsigned>(month), d = static_cast<unsigned>(day);
  if (!is_valid_civil(year, m, d)) return {};
  return days_from_civil(year, m, d);
}

std::string format_date(Date date) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(date, y, m, d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

}  // namespace retention
