#include "ingest/summary_mapper.hpp"

#include <limits>
#include <tuple>

#include "ingest/fast_values.hpp"
#include "ingest/header_fields.hpp"
#include "ingest/money.hpp"
#include "ingest/text.hpp"

namespace retention {

SummaryMapper::SummaryMapper(SummaryColumns columns, DayMonthOrder date_order, char decimal_separator)
    : columns_(std::move(columns)), dates_(date_order), decimal_(decimal_separator) {}

std::string_view SummaryMapper::field(const CsvRecord& record, SummaryRole role) const {
  int i = columns_[role];
  return i >= 0 && static_cast<size_t>(i) < record.fields.size() ? trim(record.fields[static_cast<size_t>(i)])
                                                                   : std::string_view{};
}

// The first money field that shows its decimal separator decides it; before that '.' is assumed
// (one row per customer: no rows are held back, unlike the order reader).
char SummaryMapper::decimal_for(const CsvRecord& record) {
  if (decimal_) return decimal_;
  bool ambiguous = false;
  const char found = first_decimal_separator({field(record, SummaryRole::revenue), field(record, SummaryRole::countedRevenue),
                                              field(record, SummaryRole::repeatRevenue)},
                                             ambiguous);
  if (found) {
    decimal_ = found;
    decimal_line_ = record.line;
    return decimal_;
  }
  decimal_assumed_ = decimal_assumed_ || ambiguous;
  return '.';
}

SummaryOutcome SummaryMapper::map(const CsvRecord& record, SummaryRow& row, std::string& reason, SummaryRole& role) {
  row = SummaryRow{};
  if (beyond_header(record, columns_.header_fields, reason)) return SummaryOutcome::misaligned;
  row.customer = field(record, SummaryRole::customer);
  if (is_missing(row.customer)) return SummaryOutcome::no_customer;
  auto fail = [&](SummaryRole r, std::string message) {
    role = r;
    reason = std::move(message);
    return false;
  };

  auto date = [&](SummaryRole r, const char* what, Date& month_first, Date& day_first) {
    std::string_view text = field(record, r);
    if (is_missing(text)) return fail(r, std::string("the ") + what + " date is missing");
    if (Date day = 0; fast_iso_date(text, day) && day >= kEarliestPlausibleDate) {
      dates_.count(DateForm::iso);
      month_first = day_first = day;
      return true;
    }
    DateColumn::Result read = dates_.read(text, record.line);
    if (!read.ok) return fail(r, read.error);
    if (read.month_first < kEarliestPlausibleDate || read.day_first < kEarliestPlausibleDate) {
      ++dates_before_1970_;
      return fail(r, std::string("the ") + what + " date " + quote_value(text) + " is before 1970 (a typo in the year?)");
    }
    month_first = read.month_first;
    day_first = read.day_first;
    return true;
  };

  // A whole count of at least `least`: "3", not "3.5", "-1" or "three"; at most kMaxOrdersPerCustomer.
  auto count = [&](SummaryRole r, const char* what, int32_t least, int32_t& out) {
    std::string_view text = field(record, r);
    if (is_missing(text)) return fail(r, std::string("the ") + what + " is missing");
    int64_t value = 0;
    bool digits = !text.empty();
    for (char c : text) {
      digits = digits && c >= '0' && c <= '9' && value <= std::numeric_limits<int32_t>::max();
      if (digits) value = value * 10 + (c - '0');
    }
    if (!digits || value > std::numeric_limits<int32_t>::max())
      return fail(r, "cannot read the " + std::string(what) + " " + quote_value(text) + ": expected a whole number");
    if (value < least)
      return fail(r, "the " + std::string(what) + " " + quote_value(text) + " is below " + std::to_string(least));
    if (value > kMaxOrdersPerCustomer)
      return fail(r, "the " + std::string(what) + " " + quote_value(text) + " is beyond the plausible limit of " +
                         std::to_string(kMaxOrdersPerCustomer) + " for one customer (an id or a sum in this column?)");
    out = static_cast<int32_t>(value);
    return true;
  };

  const char decimal = decimal_for(record);
  // Issue 13's limits, and no negative total unless `may_be_negative`.
  auto money = [&](SummaryRole r, const char* what, Money& out, bool may_be_negative = false) {
    std::string_view text = field(record, r);
    if (is_missing(text)) return fail(r, std::string("the ") + what + " is missing");
    Money parsed = 0;
    if (!fast_plain_decimal(text, decimal, parsed)) {
      std::string why;
      auto value = read_money(text, decimal, why);
      if (!value) return fail(r, std::string("cannot read the ") + what + " " + quote_value(text) + ": " + why);
      parsed = *value;
    }
    if (parsed > kMaxPlausibleAmount) {
      ++implausible_amounts_;
      return fail(r, std::string("the ") + what + " " + quote_value(text) +
                         " is beyond the plausible limit of 10000000000 (an id or a code in this column?)");
    }
    if (parsed < 0 && !may_be_negative)
      return fail(r, std::string("the ") + what + " " + quote_value(text) + " is negative" +
                         (r == SummaryRole::revenue ? " (a net revenue below zero needs the counted_revenue column)" : ""));
    out = parsed;
    return true;
  };

  if (!date(SummaryRole::firstOrder, "first order", row.first_month_first, row.first_day_first) ||
      !date(SummaryRole::lastOrder, "last order", row.last_month_first, row.last_day_first) ||
      !count(SummaryRole::orders, "number of orders", 1, row.orders))
    return SummaryOutcome::rejected;
  if (columns_.has(SummaryRole::orderDays)) {
    if (!count(SummaryRole::orderDays, "number of order days", 1, row.order_days)) return SummaryOutcome::rejected;
    if (row.order_days > row.orders) {
      fail(SummaryRole::orderDays, "more order days (" + std::to_string(row.order_days) + ") than orders (" +
                                       std::to_string(row.orders) + ")");
      return SummaryOutcome::rejected;
    }
  }
  for (auto [r, what, target] : {std::tuple{SummaryRole::countedRevenue, "counted revenue", &row.counted_revenue},
                                 std::tuple{SummaryRole::repeatRevenue, "repeat revenue", &row.repeat_revenue}}) {
    if (!columns_.has(r)) continue;
    Money value = 0;
    if (!money(r, what, value)) return SummaryOutcome::rejected;
    *target = value;
  }
  // SPEC 4: monetary is net of refund orders and may fall below zero; a summary may say so only next
  // to the positive value of the counted orders (counted_revenue), else a minus is taken for a typo.
  const bool net_of_refunds = row.counted_revenue.value_or(0) > 0;
  if (!money(SummaryRole::revenue, "revenue", row.revenue, net_of_refunds)) return SummaryOutcome::rejected;
  return SummaryOutcome::ok;
}

}  // namespace retention
