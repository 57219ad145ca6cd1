#include "model/customer_totals.hpp"

#include <algorithm>

namespace retention {

bool CustomerTotals::add(const SummaryRow& row, int64_t line, int64_t& earlier_line, uint32_t& customer) {
  bool added = false;
  customer = book_.add_customer(row.customer, added);
  if (!added) {
    earlier_line = line_of_customer_[customer];
    return false;
  }
  line_of_customer_.push_back(line);
  Entry entry{customer, line, row};
  entry.row.customer = {};
  has_order_days_ = has_order_days_ || row.order_days > 0;
  has_counted_ = has_counted_ || row.counted_revenue.has_value();
  has_repeat_ = has_repeat_ || row.repeat_revenue.has_value();
  entries_.push_back(entry);
  return true;
}

namespace {

// Why a row's dates and counts cannot describe a customer's counted orders up to asOf, or "".
std::string inconsistency(Date first, Date last, const SummaryRow& row, Date asOf) {
  if (last < first)
    return "the last order " + format_date(last) + " is before the first order " + format_date(first);
  if (row.orders == 1 && last != first)
    return "one order cannot have a first order " + format_date(first) + " and a last order " + format_date(last);
  if (row.order_days == 1 && last != first) return "orders on one day cannot span " + format_date(first) + " to " + format_date(last);
  if (row.order_days > 1 && last == first)
    return std::to_string(row.order_days) + " order days, but the first and last order are both " + format_date(first);
  if (first > asOf) return "the first order " + format_date(first) + " is after asOf " + format_date(asOf);
  // SPEC 4 leaves orders after asOf out: a summary cannot tell which of its orders came by asOf.
  if (last > asOf)
    return "the last order " + format_date(last) + " is after asOf " + format_date(asOf) +
           ": a summary cannot tell what this customer had bought by then (summarise up to asOf)";
  return {};
}

}  // namespace

Error CustomerTotals::build(bool day_first, std::optional<Date> asOf, const Reject& reject, CustomerTable& table,
                            CustomerTotalsColumns& columns, bool& stopped) const {
  table = CustomerTable{};
  columns = CustomerTotalsColumns{};
  stopped = false;
  auto first_of = [&](const SummaryRow& r) { return day_first ? r.first_day_first : r.first_month_first; };
  auto last_of = [&](const SummaryRow& r) { return day_first ? r.last_day_first : r.last_month_first; };
  // SPEC 4: asOf defaults to the latest counted order, here the latest last order of a usable row.
  if (!asOf) {
    for (const Entry& e : entries_)
      if (first_of(e.row) <= last_of(e.row) && (!asOf || last_of(e.row) > *asOf)) asOf = last_of(e.row);
    if (!asOf) return {ErrorCode::no_orders, "no customer row has usable first and last order dates", 0};
  }
  table.asOf = *asOf;
  columns.hasOrderDays = has_order_days_;
  columns.hasCountedRevenue = has_counted_;
  columns.hasRepeatRevenue = has_repeat_;
  for (const Entry& e : entries_) {
    const Date first = first_of(e.row), last = last_of(e.row);
    if (std::string why = inconsistency(first, last, e.row, table.asOf); !why.empty()) {
      const SummaryRole role = last < first || first > table.asOf ? SummaryRole::firstOrder : SummaryRole::lastOrder;
      if (!reject(e.line, role, std::move(why))) {
        stopped = true;
        return {};
      }
      continue;
    }
    table.customer.push_back(e.customer);
    table.frequency.push_back(e.row.orders);
    table.monetary.push_back(e.row.revenue);
    table.firstOrder.push_back(first);
    table.lastOrder.push_back(last);
    table.recencyDays.push_back(table.asOf - last);
    table.countedOrders += e.row.orders;
    // Without the column each order is taken for a day of its own (x = orders - 1), except that orders
    // with the same first and last date are all on one day (x = 0, as the orders would give).
    columns.orderDays.push_back(e.row.order_days > 0 ? e.row.order_days : first == last ? 1 : e.row.orders);
    columns.countedRevenue.push_back(e.row.counted_revenue.value_or(e.row.revenue));
    columns.repeatRevenue.push_back(e.row.repeat_revenue.value_or(0));
  }
  if (table.customer.empty())
    return {ErrorCode::no_orders, "no customer row describes orders on or before " + format_date(table.asOf), 0};
  // No order rows: every customer's range in orderDate is empty.
  table.orderStart.assign(table.size() + 1, 0);
  table.rowOf.assign(book_.customer_count(), -1);
  for (size_t row = 0; row < table.size(); ++row) table.rowOf[table.customer[row]] = static_cast<int32_t>(row);
  return {};
}

}  // namespace retention
