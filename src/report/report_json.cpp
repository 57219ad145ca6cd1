// The one place that knows the report's key names (SPEC 5).
#include "report/clv_json.hpp"
#include "report/json_writer.hpp"
#include "retention/report.hpp"

namespace retention {

namespace {

void optional_date(JsonWriter& w, const std::optional<Date>& d) {
  if (d) w.date(*d);
  else w.null();
}

void write_summary(JsonWriter& w, const Summary& s) {
  w.key("summary").begin_object();
  w.key("rowsRead").integer(s.rowsRead);
  w.key("rowsRejected").integer(s.rowsRejected);
  w.key("rowsWithoutCustomer").integer(s.rowsWithoutCustomer);
  w.key("rowsExcluded").integer(s.rowsExcluded);
  w.key("customers").integer(s.customers);
  w.key("customersWithoutOrders").integer(s.customersWithoutOrders);
  w.key("orders").integer(s.orders);
  w.key("ordersAfterAsOf").integer(s.ordersAfterAsOf);
  w.key("revenue").money(s.revenue);
  w.key("firstOrder");
  optional_date(w, s.firstOrder);
  w.key("lastOrder");
  optional_date(w, s.lastOrder);
  w.key("asOf");
  optional_date(w, s.asOf);
  w.end_object();
}

template <class Cell, class Write>
void matrix(JsonWriter& w, const std::array<std::array<Cell, 3>, 3>& m, Write write) {
  w.begin_array();
  for (const auto& row : m) {
    w.begin_array();
    for (const auto& cell : row) write(cell);
    w.end_array();
  }
  w.end_array();
}

void write_rf_matrix(JsonWriter& w, const RfMatrix& m, int64_t customers) {
  w.key("rfMatrix").begin_object();
  w.key("recency").begin_array();
  for (const char* name : kRecencyNames) w.string(name);
  w.end_array();
  w.key("frequency").begin_array();
  for (const char* name : kFrequencyNames) w.string(name);
  w.end_array();
  w.key("thresholds").begin_object();
  w.key("activeBelowDays").integer(m.thresholds.activeBelowDays);
  w.key("lapsedAboveDays").integer(m.thresholds.lapsedAboveDays);
  w.key("multiOrders").integer(m.thresholds.multiOrders);
  w.key("highValueOrders").integer(m.thresholds.highValueOrders);
  w.end_object();
  w.key("customers");
  matrix(w, m.customers, [&](int64_t c) { w.integer(c); });
  w.key("revenue");
  matrix(w, m.revenue, [&](Money r) { w.money(r); });
  w.key("share");
  matrix(w, m.customers, [&](int64_t c) { w.ratio(customers ? static_cast<double>(c) / static_cast<double>(customers) : 0.0); });
  w.end_object();
}

void counts(JsonWriter& w, const char* key, const char* name, const std::vector<std::pair<std::string, int64_t>>& list) {
  w.key(key).begin_array();
  for (const auto& [value, rows] : list) w.begin_object().key(name).string(value).key("rows").integer(rows).end_object();
  w.end_array();
}

void write_data_quality(JsonWriter& w, const DataQuality& q) {
  w.key("dataQuality").begin_object();
  w.key("format").string(q.format);
  if (!q.delimiter.empty()) w.key("delimiter").string(q.delimiter);
  w.key("dates").begin_object();
  w.key("format").string(q.dateFormat);
  w.key("dayMonthOrder");
  if (q.dayMonthOrder.empty()) w.null();
  else w.string(q.dayMonthOrder);
  w.key("ambiguous").boolean(q.datesAmbiguous);
  w.key("ambiguousRows").integer(q.ambiguousDateRows);
  w.key("decidedOnLine").integer(q.dayMonthDecidedOnLine);
  w.end_object();
  w.key("decimalSeparator").begin_object();
  w.key("value");
  if (q.decimalSeparator.empty()) w.null();
  else w.string(q.decimalSeparator);
  w.key("assumed").boolean(q.decimalSeparatorAssumed);
  w.key("decidedOnLine").integer(q.decimalSeparatorDecidedOnLine);
  w.end_object();
  counts(w, "currencies", "currency", q.currencies);
  w.key("mixedCurrencies").boolean(q.currencies.size() > 1);
  counts(w, "excludedStatuses", "status", q.excludedStatuses);
  w.key("ordersWithSeveralCustomers").integer(q.ordersWithSeveralCustomers);
  w.key("sharedOrderIds").begin_array();
  for (const std::string& id : q.sharedOrderIds) w.string(id);
  w.end_array();
  w.key("ordersMergedFromRows").integer(q.ordersMergedFromRows);
  w.key("rowsMerged").integer(q.rowsMerged);
  w.key("outliers").begin_object();
  w.key("orders").integer(q.outlierOrders);
  w.key("threshold").money(q.outlierThreshold);
  w.key("largestOrders").begin_array();
  for (const auto& o : q.largestOrders)
    w.begin_object().key("customer").string(o.customer).key("date").date(o.date).key("amount").money(o.amount).end_object();
  w.end_array();
  w.end_object();
  w.end_object();
}

void write_diagnostics(JsonWriter& w, const Report& r) {
  w.key("diagnostics").begin_object();
  w.key("warnings").begin_array();
  for (const Warning& warning : r.warnings) {
    w.begin_object();
    w.key("line").integer(warning.line);
    w.key("column").string(warning.column);
    w.key("message").string(warning.message);
    w.end_object();
  }
  w.end_array();
  w.key("warningsOmitted").integer(r.summary.rowsRejected - static_cast<int64_t>(r.warnings.size()));
  w.end_object();
}

}  // namespace

std::string to_json(const Report& report) {
  JsonWriter w;
  w.begin_object();
  write_summary(w, report.summary);
  w.key("columns").begin_object();
  w.key("preset").string(report.preset);
  for (const auto& [role, header] : report.columns) w.key(role).string(header);
  w.key("attributes").begin_array();
  for (const std::string& header : report.attributeColumns) w.string(header);
  w.end_array();
  w.end_object();
  write_rf_matrix(w, report.rfMatrix, report.summary.customers);
  write_data_quality(w, report.dataQuality);
  write_model_section(w, report.model);
  write_diagnostics(w, report);
  w.end_object();
  return w.take();
}

}  // namespace retention
