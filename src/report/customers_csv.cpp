#include "report/customers_csv.hpp"

#include "report/json_writer.hpp"

#include <cmath>

namespace retention {

void csv_field(std::string& out, std::string_view text) {
  bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

namespace {

void header(const Report& report, std::string& out) {
  std::string customer = "customer";
  for (const auto& [role, name] : report.columns)
    if (role == "customer") customer = name;
  csv_field(out, customer);
  // The predicted-value fields are empty when no model ran (or for the next order, while the customer
  // is not likely alive), so the columns are the same for every file.
  out += ",first_order,last_order,recency_days,frequency,monetary,r,f,m,rf_cell,segment,churn_risk,p_alive,"
         "predicted_clv,expected_next_order\r\n";
}

void row(const Report& report, const CustomerResults& c, size_t i, std::string& out) {
  csv_field(out, c.id(i));
  for (const std::string& value :
       {format_date(c.firstOrder[i]), format_date(c.lastOrder[i]), std::to_string(c.recencyDays[i]),
        std::to_string(c.frequency[i]), format_money(c.monetary[i]), std::to_string(c.r[i]), std::to_string(c.f[i]),
        std::to_string(c.m[i]), rf_cell_name(c.rfCell[i])}) {
    out += ',';
    out += value;
  }
  out += ',';
  csv_field(out, report.rfm.segments[c.segment[i]].name);
  out += ',';
  out += kLightNames[c.churnRisk[i]];
  const ClvColumns& v = c.value;
  out += ',';
  if (i < v.pAlive.size()) out += format_ratio(std::round(v.pAlive[i] * 10000) / 10000);  // 4 decimals
  out += ',';
  if (i < v.clv.size()) out += format_money(static_cast<Money>(std::llround(v.clv[i] * 100)) * (kMoneyScale / 100));
  out += ',';
  if (i < v.nextOrder.size() && !std::isnan(v.nextOrder[i])) out += format_date(static_cast<Date>(v.nextOrder[i]));
  out += "\r\n";
}

}  // namespace

void customers_csv(const Report& report, const CustomerResults& customers, std::string& bytes,
                   std::vector<size_t>& offsets) {
  bytes.clear();
  offsets.assign(1, 0);
  header(report, bytes);
  offsets.push_back(bytes.size());
  for (size_t i = 0; i < customers.size(); ++i) {
    row(report, customers, i, bytes);
    offsets.push_back(bytes.size());
  }
}

Error export_segment_csv(const Report& report, const CustomerResults& customers, std::string_view segment,
                         std::string& out) {
  // RF cells first, then the RFM segments: names never clash (the options refuse a rule named like a cell).
  const std::vector<uint8_t>* column = nullptr;
  size_t wanted = 0;
  std::string names;
  for (size_t cell = 0; cell < kRfCells; ++cell) {
    if (rf_cell_name(cell) == segment) column = &customers.rfCell, wanted = cell;
    names += (cell ? ", " : "") + rf_cell_name(cell);
  }
  for (size_t s = 0; s < report.rfm.segments.size(); ++s) {
    if (report.rfm.segments[s].name == segment) column = &customers.segment, wanted = s;
    names += ", " + report.rfm.segments[s].name;
  }
  if (!column)
    return {ErrorCode::invalid_options, "unknown segment '" + std::string(segment) + "'; the segments are " + names, 0};
  out.clear();
  header(report, out);
  for (size_t i = 0; i < customers.size(); ++i)
    if ((*column)[i] == wanted) row(report, customers, i, out);
  return {};
}

}  // namespace retention
