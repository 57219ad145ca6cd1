#include "report/row_log.hpp"

#include "report/customers_csv.hpp"
#include "report/json_writer.hpp"

namespace retention {


void RowLog::add(std::string_view customer, std::string_view order, bool has_date, Date month_first, Date day_first,
                 bool has_amount, Money amount, std::string_view status) {
  rows_.push_back({std::string(customer), std::string(order), std::string(status), has_date, has_amount, month_first,
                   day_first, amount});
}

std::string RowLog::csv(bool day_first) const {
  std::string out = "customer,order,date,amount,status\r\n";
  for (const Entry& row : rows_) {
    csv_field(out, row.customer);
    out += ',';
    csv_field(out, row.order);
    out += ',';
    if (row.has_date) out += format_date(day_first ? row.day_first : row.month_first);
    out += ',';
    if (row.has_amount) out += format_money(row.amount);
    out += ',';
    csv_field(out, row.status);
    out += "\r\n";
  }
  return out;
}

}  // namespace retention
