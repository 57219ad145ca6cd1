// records -> typed rows of a per-customer summary (issue 14): each field read by its role, with the
// same date and money readers, and the same rejections, as the order reader's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/csv_reader.hpp"
#include "ingest/dates.hpp"
#include "ingest/summary_columns.hpp"

namespace retention {

// Issue 13's spirit for counts: more orders than this for one customer is taken for a wrong column
// (an id, a sum), never modelled.
constexpr int64_t kMaxOrdersPerCustomer = 1000000;

struct SummaryRow {
  std::string_view customer;
  Date first_month_first = 0, first_day_first = 0;  // equal unless the day/month order is open
  Date last_month_first = 0, last_day_first = 0;
  int32_t orders = 0;
  int32_t order_days = 0;  // 0: not given
  Money revenue = 0;
  std::optional<Money> counted_revenue, repeat_revenue;
};

enum class SummaryOutcome { ok, no_customer, rejected, misaligned /* more fields than the header: the whole line */ };

class SummaryMapper {
 public:
  SummaryMapper(SummaryColumns columns, DayMonthOrder date_order, char decimal_separator);

  // Reads one record into `row`. On `rejected`, `reason` and `role` say why. Checks that need the
  // settled dates (last before first, asOf) are the table's (model/customer_totals.hpp).
  SummaryOutcome map(const CsvRecord& record, SummaryRow& row, std::string& reason, SummaryRole& role);

  const SummaryColumns& columns() const { return columns_; }
  const DateColumn& dates() const { return dates_; }
  char decimal_separator() const { return decimal_; }
  bool decimal_assumed() const { return decimal_assumed_; }
  int64_t decimal_decided_line() const { return decimal_line_; }
  int64_t implausible_amounts() const { return implausible_amounts_; }
  int64_t dates_before_1970() const { return dates_before_1970_; }

 private:
  std::string_view field(const CsvRecord& record, SummaryRole role) const;
  char decimal_for(const CsvRecord& record);

  SummaryColumns columns_;
  DateColumn dates_;
  char decimal_;
  bool decimal_assumed_ = false;
  int64_t decimal_line_ = 0;
  int64_t implausible_amounts_ = 0;
  int64_t dates_before_1970_ = 0;
};

}  // namespace retention
