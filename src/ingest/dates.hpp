// Calendar dates as written in the file, as days since 1970-01-01 (SPEC 3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "retention/report.hpp"

namespace retention {

// The earliest date a row may carry (issue 13): a year before 1970 is taken for a typo (0024 for 2024)
// and the row rejected, so one such date cannot stretch every chart over centuries.
constexpr Date kEarliestPlausibleDate = 0;  // 1970-01-01

Date days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(Date days, int& year, unsigned& month, unsigned& day);
bool is_valid_civil(int year, unsigned month, unsigned day);

// The shapes a date field can have. Only `slash` (A/B/YYYY, A-B-YYYY) leaves day and month open.
enum class DateForm { iso, compact, slash, dot, epoch_seconds, epoch_millis, invalid };
constexpr size_t kDateFormCount = 6;

// One field read both ways: month-first and day-first differ only for the `slash` form.
// The time of day and any offset never move the date: the calendar date as written is used.
struct DateReading {
  DateForm form = DateForm::invalid;
  std::optional<Date> month_first, day_first;
};

DateReading read_date(std::string_view text);

// ISO 8601 or YYYYMMDD only (for options such as asOf, where nothing may be guessed).
std::optional<Date> parse_date(std::string_view text);

enum class DayMonthOrder { undecided, month_first, day_first };

// Reads a whole date column and decides its day/month order from the data: the first date that
// only one order can read (13/01/2024, 01/13/2024) decides; dates read before that are kept both
// ways until then. A later date that contradicts the decision is rejected with the reason.
class DateColumn {
 public:
  explicit DateColumn(DayMonthOrder forced = DayMonthOrder::undecided);

  struct Result {
    bool ok = false;
    Date month_first = 0, day_first = 0;  // equal unless the order is still open
    std::string error;
  };
  Result read(std::string_view text, int64_t line);
  // A date read by a fast path (fast_values.hpp) in one of the forms read() knows, counted as read() would.
  void count(DateForm form) { ++form_counts_[static_cast<size_t>(form)]; }

  DayMonthOrder order() const { return order_; }
  bool forced() const { return forced_; }
  bool ambiguous() const { return ambiguous_rows_ > 0 && !forced_ && decided_line_ == 0; }
  int64_t ambiguous_rows() const { return ambiguous_rows_; }
  int64_t decided_line() const { return decided_line_; }
  // The most common form, e.g. "D/M/YYYY" or "YYYY-MM-DD"; "-" when no date was read.
  std::string format_name() const;

 private:
  DayMonthOrder order_;
  bool forced_;
  int64_t decided_line_ = 0;
  int64_t ambiguous_rows_ = 0;
  std::array<int64_t, kDateFormCount> form_counts_{};
};

}  // namespace retention
