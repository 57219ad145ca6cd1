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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads 1..max_len digits at `pos`; advances `pos`.
bool read_number(std::string_view s, size_t& pos, size_t min_len, size_t max_len, int& out) {
  size_t start = pos;
  int value = 0;
  while (pos < s.size() && is_digit(s[pos]) && pos - start < max_len) value = value * 10 + (s[pos++] - '0');
  if (pos - start < min_len || (pos < s.size() && is_digit(s[pos]))) return false;
  out = value;
  return true;
}

// What may follow the date: nothing, or a time introduced by `T` or a space (ignored, SPEC 3).
bool is_time_suffix(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != 'T' && rest[0] != ' ') return false;
  rest.remove_prefix(1);
  size_t colon = rest.find(':');
  return !rest.empty() && is_digit(rest[0]) && colon != std::string_view::npos && colon <= 2;
}

std::optional<Date> civil(int year, int month, int day) {
  auto m = static_cast<unsigned>(month), d = static_cast<unsigned>(day);
  if (month < 1 || day < 1 || !is_valid_civil(year, m, d)) return {};
  return days_from_civil(year, m, d);
}

// Two-digit years pivot as POSIX strptime does: 69-99 -> 1900s, 00-68 -> 2000s.
int full_year(int year, size_t digits) { return digits == 2 ? (year >= 69 ? 1900 + year : 2000 + year) : year; }

DateReading read_epoch(std::string_view s) {
  size_t digits = 0;
  while (digits < s.size() && is_digit(s[digits])) ++digits;
  std::string_view fraction = s.substr(digits);
  if (!fraction.empty()) {
    if (fraction[0] != '.' || fraction.size() < 2) return {};
    for (char c : fraction.substr(1))
      if (!is_digit(c)) return {};
  }
  if (digits != 9 && digits != 10 && digits != 12 && digits != 13) return {};  // before summing: 20 digits overflow
  int64_t value = 0;
  for (size_t i = 0; i < digits; ++i) value = value * 10 + (s[i] - '0');
  DateReading r;
  if (digits == 9 || digits == 10) {
    r.form = DateForm::epoch_seconds;
  } else if ((digits == 12 || digits == 13) && fraction.empty()) {
    r.form = DateForm::epoch_millis;
    value /= 1000;
  } else {
    return {};
  }
  auto day = static_cast<Date>(value / 86400);  // UTC calendar date
  r.month_first = r.day_first = day;
  return r;
}

}  // namespace

DateReading read_date(std::string_view text) {
  std::string_view s = trim(text);
  DateReading r;
  if (s.empty() || !is_digit(s[0])) return r;
  size_t pos = 0;
  int a = 0, b = 0, c = 0;
  size_t sep_at = 0;  // length of the leading run of digits
  while (sep_at < s.size() && is_digit(s[sep_at])) ++sep_at;
  // YYYY-MM-DD, YYYY/MM/DD (one-digit month and day accepted)
  if (sep_at == 4 && s.size() >= 8 && (s[4] == '-' || s[4] == '/')) {
    if (!read_number(s, pos, 4, 4, a) || s[pos++] != s[4] || !read_number(s, pos, 1, 2, b) || pos >= s.size() ||
        s[pos++] != s[4] || !read_number(s, pos, 1, 2, c) || !is_time_suffix(s.substr(pos)))
      return r;
    r.form = DateForm::iso;
    r.month_first = r.day_first = civil(a, b, c);
    if (!r.month_first) r.form = DateForm::invalid;
    return r;
  }
  // A/B/YYYY, A-B-YYYY, A.B.YYYY (and two-digit years)
  if (sep_at <= 2 && sep_at < s.size() && (s[sep_at] == '/' || s[sep_at] == '-' || s[sep_at] == '.')) {
    char sep = s[sep_at];
    if (!read_number(s, pos, 1, 2, a) || s[pos++] != sep || !read_number(s, pos, 1, 2, b) || pos >= s.size() ||
        s[pos++] != sep)
      return r;
    size_t year_start = pos;
    if (!read_number(s, pos, 2, 4, c) || pos - year_start == 3 || !is_time_suffix(s.substr(pos))) return r;
    int year = full_year(c, pos - year_start);
    if (sep == '.') {  // D.M.YYYY is day-first wherever it is written
      r.form = DateForm::dot;
      r.month_first = r.day_first = civil(year, b, a);
    } else {
      r.form = DateForm::slash;
      r.month_first = civil(year, a, b);
      r.day_first = civil(year, b, a);
    }
    if (!r.month_first && !r.day_first) r.form = DateForm::invalid;
    return r;
  }
  // YYYYMMDD
  if (s.size() == 8 && sep_at == 8) {
    r.month_first = r.day_first = civil((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
                                        (s[4] - '0') * 10 + (s[5] - '0'), (s[6] - '0') * 10 + (s[7] - '0'));
    r.form = r.month_first ? DateForm::compact : DateForm::invalid;
    return r;
  }
  return read_epoch(s);
}

std::optional<Date> parse_date(std::string_view text) {
  DateReading r = read_date(text);
  if (r.form != DateForm::iso && r.form != DateForm::compact) return {};
  return r.month_first;
}

DateColumn::DateColumn(DayMonthOrder forced) : order_(forced), forced_(forced != DayMonthOrder::undecided) {}

DateColumn::Result DateColumn::read(std::string_view text, int64_t line) {
  DateReading r = read_date(text);
  Result out;
  if (r.form == DateForm::invalid) {
    out.error = "cannot read the date " + quote_value(trim(text));
    return out;
  }
  ++form_counts_[static_cast<size_t>(r.form)];
  if (r.form != DateForm::slash || r.month_first == r.day_first) {
    out.ok = true;
    out.month_first = out.day_first = *r.month_first;
    return out;
  }
  if (order_ == DayMonthOrder::undecided) {
    if (r.month_first && r.day_first) {  // 03/04/2024: still open
      ++ambiguous_rows_;
      out.ok = true;
      out.month_first = *r.month_first;
      out.day_first = *r.day_first;
      return out;
    }
    order_ = r.month_first ? DayMonthOrder::month_first : DayMonthOrder::day_first;
    decided_line_ = line;
  }
  const std::optional<Date>& chosen = order_ == DayMonthOrder::month_first ? r.month_first : r.day_first;
  if (!chosen) {
    out.error = "the date " + quote_value(trim(text)) + " does not fit the column's " +
                (order_ == DayMonthOrder::month_first ? "month/day" : "day/month") + " order" +
                (forced_ ? " (as set in the options)" : " (decided by line " + std::to_string(decided_line_) + ")");
    return out;
  }
  out.ok = true;
  out.month_first = out.day_first = *chosen;
  return out;
}

std::string DateColumn::format_name() const {
  size_t best = 0;
  for (size_t i = 1; i < kDateFormCount; ++i)
    if (form_counts_[i] > form_counts_[best]) best = i;
  if (form_counts_[best] == 0) return "-";
  switch (static_cast<DateForm>(best)) {
    case DateForm::iso: return "YYYY-MM-DD";
    case DateForm::compact: return "YYYYMMDD";
    case DateForm::slash: return order_ == DayMonthOrder::day_first ? "D/M/YYYY" : "M/D/YYYY";
    case DateForm::dot: return "D.M.YYYY";
    case DateForm::epoch_seconds: return "Unix seconds";
    case DateForm::epoch_millis: return "Unix milliseconds";
    case DateForm::invalid: break;
  }
  return "-";
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
