#include "ingest/row_mapper.hpp"

#include <algorithm>
#include <array>

#include "ingest/fast_values.hpp"
#include "ingest/header_fields.hpp"
#include "ingest/money.hpp"
#include "ingest/text.hpp"

namespace retention {

// Normalised (normalize_name); the SQL generator writes the same list (issue 14).
const std::vector<std::string_view>& no_money_statuses() {
  static const std::vector<std::string_view> kStatuses{
      "failed",   "declined", "void",       "voided",  "pending",
      "incomplete", "canceled", "cancelled", "expired", "authorized",
      "unpaid",   "onhold",   "draft",      "checkoutdraft", "requirespaymentmethod",
      "requiresaction", "requiresconfirmation", "requirescapture"};
  return kStatuses;
}

bool is_no_money_status(std::string_view status) {
  const auto& statuses = no_money_statuses();
  std::string normalized = normalize_name(status);
  return std::find(statuses.begin(), statuses.end(), normalized) != statuses.end();
}

bool is_cancellation_time(std::string_view value) {
  if (is_missing(value)) return false;
  std::string normalized = normalize_name(value);
  // "0000-00-00 00:00:00" (MySQL's zero date) and false/no/0 say "not cancelled".
  return !normalized.empty() && normalized != "false" && normalized != "no" &&
         normalized.find_first_not_of('0') != std::string::npos;
}

RowMapper::RowMapper(ResolvedColumns columns, DayMonthOrder date_order, char decimal_separator)
    : columns_(std::move(columns)),
      dates_(date_order),
      decimal_(decimal_separator) {}

void RowMapper::assume_decimal_separator() {
  if (decimal_) return;
  decimal_ = '.';
  decimal_assumed_ = true;
}

// Lets the money fields of this row decide the file's decimal separator. False while they
// cannot be read without it (`1,234` and nothing decided yet).
bool RowMapper::settle_decimal(const CsvRecord& record) {
  if (decimal_) return true;
  bool waiting = false;
  const char found = first_decimal_separator({field(record, Role::amount), field(record, Role::refund),
                                              field(record, Role::quantity), field(record, Role::unitPrice)},
                                             waiting);
  if (!found) return !waiting;
  decimal_ = found;
  decimal_line_ = record.line;
  return true;
}

RowOutcome RowMapper::map(const CsvRecord& record, Row& row, std::string& reason, Role& role) {
  // Field by field: GCC cleared the whole struct with a `rep stos`, a fifth of this function's time
  // natively (issue 11). One assignment each: chained, each field was read back from the one before
  // it, a stalled load.
  row.customer = {};
  row.order_id = {};
  row.product = {};
  row.currency = {};
  row.status = {};
  row.has_date = false;
  row.has_amount = false;
  row.date_month_first = 0;
  row.date_day_first = 0;
  row.amount = 0;
  row.line_amount = 0;
  if (beyond_header(record, columns_.header_fields, reason)) return RowOutcome::misaligned;
  row.customer = field(record, Role::customer);
  if (is_missing(row.customer) ||
      std::find(columns_.no_customer.begin(), columns_.no_customer.end(), row.customer) != columns_.no_customer.end())
    return RowOutcome::no_customer;
  std::string_view order_id = field(record, Role::order);  // also for an excluded row's later line items
  if (!is_missing(order_id)) row.order_id = order_id;
  row.status = field(record, Role::status);
  if (!row.status.empty() && is_no_money_status(row.status)) return RowOutcome::excluded;
  if (columns_.has(Role::cancelled) && is_cancellation_time(field(record, Role::cancelled))) {
    row.status = "cancelled";  // SPEC 3: a cancelled order, whatever its financial status says
    return RowOutcome::excluded;
  }
  if (columns_.has(Role::captured) && normalize_name(field(record, Role::captured)) == "false") {
    row.status = "uncaptured";  // Stripe: authorised, never captured
    return RowOutcome::excluded;
  }
  if (!decimal_ && !settle_decimal(record)) return RowOutcome::pending;  // no call once decided
  const char decimal = decimal_ ? decimal_ : '.';  // no separator in any value so far: nothing depends on it

  std::string_view product = field(record, Role::product);
  if (!is_missing(product)) row.product = product;
  std::string_view currency = field(record, Role::currency);
  if (!is_missing(currency)) row.currency = currency;

  std::string_view date_text = field(record, Role::date);
  if (Date day = 0; iso_dates_.read(date_text, day) && day >= kEarliestPlausibleDate) {
    dates_.count(DateForm::iso);
    row.has_date = true;
    row.date_month_first = row.date_day_first = day;
  } else if (!is_missing(date_text) && !read_other_date(date_text, record.line, row, reason)) {
    role = Role::date;
    return RowOutcome::rejected;
  }

  auto money = [&](Role r, const char* what, Money& out) -> bool {
    std::string_view text = field(record, r);
    Money parsed = 0;
    if (!fast_plain_decimal(text, decimal, parsed) && !read_other_money(text, r, what, decimal, row, parsed, reason)) {
      role = r;
      return false;
    }
    if (parsed > kMaxPlausibleAmount || parsed < -kMaxPlausibleAmount) {
      role = r;
      implausible(what, text, reason);
      return false;
    }
    out = parsed;
    return true;
  };
  bool has_line_price = columns_.has(Role::quantity) && !is_missing(field(record, Role::quantity)) &&
                        !is_missing(field(record, Role::unitPrice));
  if (has_line_price) {
    Money quantity = 0, price = 0;
    if (!money(Role::quantity, "quantity", quantity) || !money(Role::unitPrice, "unit price", price))
      return RowOutcome::rejected;
    auto product_value = multiply_money(quantity, price);
    if (!product_value || *product_value > kMaxPlausibleAmount || *product_value < -kMaxPlausibleAmount) {
      role = Role::quantity;
      implausible("quantity x unit price", std::string_view{}, reason);
      return RowOutcome::rejected;
    }
    row.line_amount = *product_value;
  }
  if (columns_.has(Role::amount)) {
    if (!is_missing(field(record, Role::amount))) {
      if (!money(Role::amount, "amount", row.amount)) return RowOutcome::rejected;
      row.has_amount = true;
      if (!has_line_price) row.line_amount = row.amount;
    }
  } else if (has_line_price) {
    row.amount = row.line_amount;
    row.has_amount = true;
  } else if (columns_.has(Role::quantity) && (!is_missing(field(record, Role::quantity)) ||
                                              !is_missing(field(record, Role::unitPrice)))) {
    role = Role::quantity;
    reason = "the quantity or unit price is missing";
    return RowOutcome::rejected;
  }
  if (columns_.has(Role::refund) && !is_missing(field(record, Role::refund))) {
    Money refund = 0;
    if (!money(Role::refund, "refund", refund)) return RowOutcome::rejected;
    row.amount -= refund;  // SPEC 3: a refund is subtracted from the row's amount
    row.has_amount = true;
  } else if (!columns_.has(Role::refund) && !row.status.empty() && normalize_name(row.status) == "refunded") {
    row.amount = 0;  // refunded in full, and the file has no refund column to say how much
  }
  return RowOutcome::ok;
}

// The general date reader, which also words every rejection: false with `reason` on a rejection.
bool RowMapper::read_other_date(std::string_view text, int64_t line, Row& row, std::string& reason) {
  DateColumn::Result date = dates_.read(text, line);
  if (!date.ok) {
    reason = date.error;
    return false;
  }
  if (date.month_first < kEarliestPlausibleDate || date.day_first < kEarliestPlausibleDate) {
    ++dates_before_1970_;
    reason = "the date " + quote_value(text) + " is before 1970 (a typo in the year?)";
    return false;
  }
  row.has_date = true;
  row.date_month_first = date.month_first;
  row.date_day_first = date.day_first;
  return true;
}

// The general money reader (symbols, codes, grouping): false with `reason` when it cannot read `text`.
bool RowMapper::read_other_money(std::string_view text, Role role, const char* what, char decimal, Row& row,
                                 Money& out, std::string& reason) {
  std::string why;
  auto value = read_money(text, decimal, why);
  if (!value) {
    reason = std::string("cannot read the ") + what + " " + quote_value(text) + ": " + why;
    return false;
  }
  out = *value;
  // Without a currency column, the symbol or code written with the amounts says it (SPEC 3 data quality).
  if (row.currency.empty() && !columns_.has(Role::currency) && (role == Role::amount || role == Role::unitPrice))
    row.currency = amount_currency(text);
  return true;
}

// Issue 13: an amount beyond kMaxPlausibleAmount is rejected (and counted for the data-quality
// section), never summed: a 13-digit EAN in the amount column must not become revenue.
void RowMapper::implausible(const char* what, std::string_view text, std::string& reason) {
  ++implausible_amounts_;
  reason = std::string("the ") + what + (text.empty() ? "" : " " + quote_value(text)) +
           " is beyond the plausible limit of 10000000000 for one row (an id or a code in this column?)";
}

}  // namespace retention
