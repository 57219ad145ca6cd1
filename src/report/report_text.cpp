// A plain-text reading of the report for terminals: the summary and the RF matrix.
#include <cstdio>
#include <string>

#include "report/json_writer.hpp"
#include "retention/report.hpp"

namespace retention {

namespace {

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.insert(0, width - s.size(), ' ');
  return s;
}

std::string date_or_dash(const std::optional<Date>& d) { return d ? format_date(*d) : "-"; }

}  // namespace

std::string to_text(const Report& r) {
  const Summary& s = r.summary;
  std::string out;
  out += "Customers  " + std::to_string(s.customers) + "\n";
  out += "Orders     " + std::to_string(s.orders) + "\n";
  out += "Revenue    " + format_money(s.revenue) + "\n";
  out += "Orders from " + date_or_dash(s.firstOrder) + " to " + date_or_dash(s.lastOrder) + ", as of " +
         date_or_dash(s.asOf) + "\n";
  out += "Rows read " + std::to_string(s.rowsRead) + ", rejected " + std::to_string(s.rowsRejected) +
         ", without customer " + std::to_string(s.rowsWithoutCustomer) + "\n\n";
  out += "RF matrix (customers / revenue)\n";
  out += pad("", 10);
  for (const char* f : kFrequencyNames) out += pad(f, 24);
  out += "\n";
  for (size_t row = 0; row < 3; ++row) {
    out += pad(kRecencyNames[row], 10);
    for (size_t col = 0; col < 3; ++col)
      out += pad(std::to_string(r.rfMatrix.customers[row][col]) + " / " + format_money(r.rfMatrix.revenue[row][col]),
                 24);
    out += "\n";
  }
  for (const Warning& w : r.warnings)
    out += "line " + std::to_string(w.line) + (w.column.empty() ? "" : " (" + w.column + ")") + ": " + w.message + "\n";
  return out;
}

}  // namespace retention
