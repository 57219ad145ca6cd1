// records -> typed rows: one place reads every field of a row by its role (SPEC 3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/columns.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/dates.hpp"
#include "ingest/fast_values.hpp"
#include "ingest/text.hpp"
#include "model/blocks.hpp"

namespace retention {

struct Row {
  std::string_view customer, order_id, product, currency, status;
  bool has_date = false;
  Date date_month_first = 0, date_day_first = 0;  // equal unless the column's day/month order is open
  bool has_amount = false;
  Money amount = 0;  // refund already subtracted (SPEC 3)
  Money line_amount = 0;  // the row's product revenue: quantity x unit price where given, else amount
};

enum class RowOutcome {
  ok,
  no_customer,  // counted in summary.rowsWithoutCustomer
  excluded,     // a status or flag saying no money moved (SPEC 3), counted in summary.rowsExcluded
  rejected,     // an unreadable field: counted and listed with `reason`
  misaligned,   // more non-empty fields than the header: the whole line is rejected with `reason`
  pending,      // an amount such as `1,234` waits for the file's decimal separator
};

class RowMapper {
 public:
  RowMapper(ResolvedColumns columns, DayMonthOrder date_order, char decimal_separator);

  // Reads one record into `row`. On `rejected`, `reason` and `role` say why; on `misaligned`, `reason`.
  RowOutcome map(const CsvRecord& record, Row& row, std::string& reason, Role& role);

  const ResolvedColumns& columns() const { return columns_; }
  const DateColumn& dates() const { return dates_; }
  char decimal_separator() const { return decimal_; }  // 0 while undecided
  int64_t decimal_decided_line() const { return decimal_line_; }
  // Ends the wait for a separator (too many rows waiting, or the end of the file): '.' is assumed.
  void assume_decimal_separator();
  bool decimal_assumed() const { return decimal_assumed_; }
  // Rows rejected for an amount beyond kMaxPlausibleAmount (ingest/money.hpp).
  int64_t implausible_amounts() const { return implausible_amounts_; }
  // Rows rejected for a date before kEarliestPlausibleDate.
  int64_t dates_before_1970() const { return dates_before_1970_; }

 private:
  // Always inlined, as is_missing, same_text and whole_key: the wasm build left these per-row helpers
  // as calls, several a row; inlined, reading 10M rows in wasm took 9% less time (issue 11).
  [[gnu::always_inline]] std::string_view field(const CsvRecord& record, Role role) const {
    const int i = columns_[role];
    return i >= 0 && static_cast<size_t>(i) < record.fields.size() ? trim(record.fields[static_cast<size_t>(i)])
                                                                     : std::string_view{};
  }
  RETENTION_RARE bool settle_decimal(const CsvRecord& record);  // rows before the separator is known
  // The rare paths of map(), out of its code (model/blocks.hpp, RETENTION_RARE).
  RETENTION_RARE bool read_other_date(std::string_view text, int64_t line, Row& row, std::string& reason);
  RETENTION_RARE bool read_other_money(std::string_view text, Role role, const char* what, char decimal, Row& row,
                                       Money& out, std::string& reason);
  RETENTION_RARE void implausible(const char* what, std::string_view text, std::string& reason);

  ResolvedColumns columns_;
  DateColumn dates_;
  IsoDates iso_dates_;
  char decimal_;
  bool decimal_assumed_ = false;
  int64_t decimal_line_ = 0;
  int64_t implausible_amounts_ = 0;
  int64_t dates_before_1970_ = 0;
};

// SPEC 3: statuses saying no money moved (failed, declined, voided, pending, incomplete, canceled
// before payment, Stripe payment-intent states). Compared case- and punctuation-blind.
bool is_no_money_status(std::string_view status);
// Those statuses, normalised: what is_no_money_status compares with.
const std::vector<std::string_view>& no_money_statuses();
// SPEC 3: a value in a cancelled-at column saying the order was cancelled (a time; not empty or a zero date).
bool is_cancellation_time(std::string_view value);

}  // namespace retention
