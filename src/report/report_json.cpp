// The one place that knows the report's key names (SPEC 5).
#include "analytics/stats.hpp"
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
  w.key("ordersOutsideRange").integer(s.ordersOutsideRange);
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
  w.key("encoding").string(q.encoding);
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
  if (q.files > 1) {  // several files as one (issue 14); absent for one file, whose report stays as it was
    w.key("files").integer(q.files);
    w.key("duplicateOrders").integer(q.duplicateOrders);
    w.key("duplicateRows").integer(q.duplicateRows);
  }
  w.key("outliers").begin_object();
  w.key("orders").integer(q.outlierOrders);
  w.key("threshold").money(q.outlierThreshold);
  w.key("largestOrders").begin_array();
  for (const auto& o : q.largestOrders)
    w.begin_object().key("customer").string(o.customer).key("date").date(o.date).key("amount").money(o.amount).end_object();
  w.end_array();
  w.end_object();
  w.key("implausible").begin_object();
  w.key("amountLimit").integer(10000000000LL);
  w.key("amountsAboveLimit").integer(q.amountsAboveLimit);
  w.key("rowsBeyondSumLimit").integer(q.rowsBeyondSumLimit);
  w.key("datesBefore1970").integer(q.datesBefore1970);
  w.key("farFutureOrders").integer(q.farFutureOrders);
  w.key("firstFarFutureDate");
  if (q.firstFarFutureDate) w.date(*q.firstFarFutureDate);
  else w.null();
  w.end_object();
  w.end_object();
}

// part / whole as a ratio; null when the whole is 0.
void share(JsonWriter& w, int64_t part, int64_t whole) {
  if (whole == 0) w.null();
  else w.ratio(static_cast<double>(part) / static_cast<double>(whole));
}

// The average of `count` amounts summing to `sum`; null when there are none.
void average(JsonWriter& w, Money sum, int64_t count) {
  if (count == 0) w.null();
  else w.money(average_money(sum, count));
}

void optional_ratio(JsonWriter& w, bool present, double value) {
  if (present) w.ratio(value);
  else w.null();
}

void write_date_range(JsonWriter& w, const DateRange& r) {
  w.key("dateRange").begin_object();
  w.key("from");
  optional_date(w, r.from);
  w.key("to");
  optional_date(w, r.to);
  w.key("ordersBefore").integer(r.ordersBefore).key("ordersAfter").integer(r.ordersAfter);
  w.key("firstOrder");
  optional_date(w, r.firstOrder);
  w.key("lastOrder");
  optional_date(w, r.lastOrder);
  w.end_object();
}

// The summary's figures of one period (null when it is unavailable), as the summary names them.
void kpis(JsonWriter& w, const PeriodKpis& k, bool available) {
  w.key("from").date(k.from).key("to").date(k.to).key("days").integer(k.to - k.from + 1);
  if (!available) {
    for (const char* key : {"customers", "orders", "revenue", "averageOrderValue", "repeatCustomers", "repeatRate"})
      w.key(key).null();
    return;
  }
  w.key("customers").integer(k.customers).key("orders").integer(k.orders).key("revenue").money(k.revenue);
  w.key("averageOrderValue");
  average(w, k.revenue, k.orders);
  w.key("repeatCustomers").integer(k.repeatCustomers).key("repeatRate");
  share(w, k.repeatCustomers, k.customers);
}

// (now - before) / before; null when there is no base to compare with (never a made-up 0% or +inf).
void relative_change(JsonWriter& w, double now, double before) {
  if (before > 0) w.ratio((now - before) / before);
  else w.null();
}

void compared_period(JsonWriter& w, const char* name, const PeriodKpis& now, const ComparedPeriod& p) {
  w.key(name).begin_object();
  w.key("available").boolean(p.available).key("reason");
  if (p.available) w.null();
  else w.string(p.reason);
  kpis(w, p.kpis, p.available);
  w.key("change");
  if (!p.available) {
    w.null();
    w.end_object();
    return;
  }
  const PeriodKpis& was = p.kpis;
  auto aov = [](const PeriodKpis& k) { return k.orders ? static_cast<double>(k.revenue) / static_cast<double>(k.orders) : 0.0; };
  auto rate = [](const PeriodKpis& k) {
    return k.customers ? static_cast<double>(k.repeatCustomers) / static_cast<double>(k.customers) : 0.0;
  };
  w.begin_object();
  w.key("customers");
  relative_change(w, static_cast<double>(now.customers), static_cast<double>(was.customers));
  w.key("orders");
  relative_change(w, static_cast<double>(now.orders), static_cast<double>(was.orders));
  w.key("revenue");
  relative_change(w, static_cast<double>(now.revenue), static_cast<double>(was.revenue));
  w.key("averageOrderValue");
  if (now.orders == 0) w.null();
  else relative_change(w, aov(now), aov(was));
  // A rate changes by points (0.03 = 3 percentage points), not by a share of itself.
  w.key("repeatRatePoints");
  if (now.customers == 0 || was.customers == 0) w.null();
  else w.ratio(rate(now) - rate(was));
  w.end_object();
  w.end_object();
}

void write_comparison(JsonWriter& w, const PeriodComparison& c) {
  w.key("comparison").begin_object();
  w.key("basis").string(c.fromRange ? "dateRange" : "lastDays");
  w.key("current").begin_object();
  kpis(w, c.current, true);
  w.end_object();
  compared_period(w, "previousPeriod", c.current, c.previous);
  compared_period(w, "samePeriodLastYear", c.current, c.lastYear);
  w.end_object();
}

template <class T, class Write>
void array(JsonWriter& w, const T& items, Write write) {
  w.begin_array();
  for (const auto& item : items) write(item);
  w.end_array();
}

void range(JsonWriter& w, const std::array<int32_t, 2>& r) { w.begin_array().integer(r[0]).integer(r[1]).end_array(); }

void write_rfm(JsonWriter& w, const Rfm& rfm, const Summary& s) {
  w.key("rfm").begin_object();
  w.key("scores").begin_object();
  const char* metrics[] = {"recency", "frequency", "monetary"};
  for (size_t metric = 0; metric < 3; ++metric) {
    w.key(metrics[metric]).begin_array();
    for (size_t score = 0; score < 5; ++score) {
      const ScoreBand& b = rfm.scores[metric][score];
      w.begin_object().key("score").integer(static_cast<int64_t>(score + 1)).key("customers").integer(b.customers);
      for (auto [name, value] : {std::pair{"min", b.min}, std::pair{"max", b.max}}) {
        w.key(name);
        if (b.customers == 0) w.null();
        else if (metric == 2) w.money(value);
        else w.integer(value);
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  w.key("segments");
  array(w, rfm.segments, [&](const SegmentStats& seg) {
    w.begin_object().key("name").string(seg.name).key("rules");
    if (seg.rule) {
      w.begin_object();
      w.key("r");
      range(w, seg.rule->r);
      w.key("f");
      range(w, seg.rule->f);
      w.key("m");
      range(w, seg.rule->m);
      w.key("outsideActiveBand").boolean(seg.rule->outsideActiveBand);
      w.end_object();
      // The rule's own texts, only when it has them (the dashboard falls back to its text table).
      if (!seg.rule->description.empty()) w.key("description").string(seg.rule->description);
      if (!seg.rule->action.empty()) w.key("action").string(seg.rule->action);
    } else {
      w.null();
    }
    w.key("customers").integer(seg.customers);
    w.key("share");
    share(w, seg.customers, s.customers);
    w.key("revenue").money(seg.revenue);
    w.key("revenueShare");
    share(w, seg.revenue, s.revenue);
    w.key("averageMonetary");
    average(w, seg.revenue, seg.customers);
    w.key("medianMonetary");
    if (seg.customers) w.money(seg.medianMonetary);
    else w.null();
    w.key("averageRecencyDays");
    optional_ratio(w, seg.customers > 0, seg.averageRecencyDays);
    w.key("averageFrequency");
    optional_ratio(w, seg.customers > 0, seg.averageFrequency);
    w.end_object();
  });
  w.end_object();
}

void write_periods(JsonWriter& w, const char* name, const std::vector<PeriodRetention>& periods) {
  w.key(name);
  array(w, periods, [&](const PeriodRetention& p) {
    w.begin_object().key("period").string(p.period);
    w.key("active").integer(p.active).key("start").integer(p.start).key("retained").integer(p.retained);
    w.key("new").integer(p.newCustomers);
    w.key("retentionRate");
    share(w, p.retained, p.start);
    w.key("churnRate");
    share(w, p.start - p.retained, p.start);
    w.end_object();
  });
}

void write_retention(JsonWriter& w, const Retention& r) {
  w.key("retention").begin_object();
  w.key("repeatPurchaseRate");
  share(w, r.withAtLeast[1], r.withAtLeast[0]);
  w.key("repeatRateByOrderNumber").begin_array();
  for (size_t n = 1; n <= 10; ++n) {
    w.begin_object().key("orders").integer(static_cast<int64_t>(n));
    w.key("customers").integer(r.withAtLeast[n - 1]).key("repeated").integer(r.withAtLeast[n]);
    w.key("rate");
    share(w, r.withAtLeast[n], r.withAtLeast[n - 1]);
    w.end_object();
  }
  w.end_array();
  const GapStats& g = r.gaps;
  w.key("gaps").begin_object().key("count").integer(g.count);
  for (auto [name, value] : {std::pair{"median", g.median}, {"mean", g.mean}, {"p75", g.p75}, {"p90", g.p90}}) {
    w.key(name);
    optional_ratio(w, g.count > 0, value);
  }
  w.key("histogram").begin_object().key("binDays").integer(g.binDays).key("counts").begin_array();
  for (int64_t n : g.histogram) w.integer(n);
  w.end_array().end_object();
  w.end_object();
  w.key("dormancyThresholdDays");
  optional_ratio(w, g.count > 0, g.p90);  // SPEC 4: the dormancy threshold is p90
  write_periods(w, "monthly", r.monthly);
  write_periods(w, "quarterly", r.quarterly);
  write_periods(w, "yearly", r.yearly);
  w.end_object();
}

void write_cohorts(JsonWriter& w, const Cohorts& c) {
  w.key("cohorts").begin_object();
  w.key("customersOmitted").integer(c.customersOmitted);
  w.key("months");
  array(w, c.months, [&](const std::string& m) { w.string(m); });
  w.key("size");
  array(w, c.size, [&](int64_t n) { w.integer(n); });
  w.key("customers");
  array(w, c.customers, [&](const std::vector<int64_t>& row) { array(w, row, [&](int64_t n) { w.integer(n); }); });
  w.key("revenue");
  array(w, c.revenue, [&](const std::vector<Money>& row) { array(w, row, [&](Money m) { w.money(m); }); });
  w.key("customerShare").begin_array();
  for (size_t i = 0; i < c.size.size(); ++i) array(w, c.customers[i], [&](int64_t n) { share(w, n, c.size[i]); });
  w.end_array();
  w.key("revenuePerCustomer").begin_array();
  for (size_t i = 0; i < c.size.size(); ++i) array(w, c.revenue[i], [&](Money m) { average(w, m, c.size[i]); });
  w.end_array();
  w.end_object();
}

void write_pareto(JsonWriter& w, const Pareto& p, int64_t customers) {
  w.key("pareto").begin_object();
  w.key("customers").integer(customers).key("topCustomers").integer(p.topCustomers);
  w.key("top20RevenueShare");
  share(w, p.top, p.total);
  w.key("lorenz");
  array(w, p.lorenz, [&](Money m) { share(w, m, p.total); });
  w.end_object();
}

void write_churn_risk(JsonWriter& w, const ChurnRisk& c) {
  w.key("churnRisk").begin_object();
  for (size_t light = 0; light < kLightNames.size(); ++light) w.key(kLightNames[light]).integer(c.customers[light]);
  w.key("multipliers").begin_object().key("green").ratio(c.multipliers.green).key("amber").ratio(c.multipliers.amber);
  w.end_object();
  w.key("singleOrderExpectedGapDays").ratio(c.singleOrderExpectedGapDays);
  w.key("secondOrders").integer(c.secondOrders);
  w.key("basis").string(c.byPAlive ? "pAlive" : "gaps");
  w.key("pAlive").begin_object().key("green").ratio(c.multipliers.pAliveGreen).key("amber").ratio(c.multipliers.pAliveAmber).end_object();
  w.key("clampedByPAlive").integer(c.clampedByPAlive);
  w.end_object();
}

// The RF cell names, after "new" when `with_new` (the origin of customers who had not bought yet).
void cell_names(JsonWriter& w, bool with_new) {
  w.begin_array();
  if (with_new) w.string("new");
  for (size_t cell = 0; cell < kRfCells; ++cell) w.string(rf_cell_name(cell));
  w.end_array();
}

void write_migration(JsonWriter& w, const Migration& m, Date to) {
  w.key("migration").begin_object();
  w.key("from").date(m.from).key("to").date(to);
  w.key("fromCells");
  cell_names(w, true);
  w.key("toCells");
  cell_names(w, false);
  w.key("customers");
  array(w, m.customers, [&](const auto& row) { array(w, row, [&](int64_t n) { w.integer(n); }); });
  w.end_object();
}

// Nine per-cell values as the 3 x 3 matrix of rfMatrix (rows = recency, columns = frequency).
template <class T, class Write>
void cells_as_matrix(JsonWriter& w, const std::array<T, kRfCells>& cells, Write write) {
  w.begin_array();
  for (size_t row = 0; row < 3; ++row) {
    w.begin_array();
    for (size_t col = 0; col < 3; ++col) write(cells[row * 3 + col]);
    w.end_array();
  }
  w.end_array();
}

void write_span(JsonWriter& w, const char* name, const SpanComparison& span) {
  w.key(name).begin_object();
  w.key("from").date(span.from).key("to").date(span.to);
  w.key("previousFrom").date(span.previousFrom).key("previousTo").date(span.previousTo);
  for (auto [prefix, totals] : {std::pair{"", &span.current}, std::pair{"previous", &span.previous}}) {
    std::string p = prefix;
    w.key(p.empty() ? "revenue" : p + "Revenue");
    cells_as_matrix(w, totals->revenue, [&](Money m) { w.money(m); });
    w.key(p.empty() ? "orders" : p + "Orders");
    cells_as_matrix(w, totals->orders, [&](int64_t n) { w.integer(n); });
    w.key(p.empty() ? "customers" : p + "Customers");
    cells_as_matrix(w, totals->customers, [&](int64_t n) { w.integer(n); });
  }
  w.end_object();
}

void write_performance(JsonWriter& w, const Performance& p) {
  w.key("performance").begin_object();
  write_span(w, "monthToDate", p.monthToDate);
  write_span(w, "yearToDate", p.yearToDate);
  w.end_object();
}

void products(JsonWriter& w, const char* key, const std::string& name, const std::vector<ProductRevenue>& list) {
  w.begin_object().key(key).string(name).key("products");
  array(w, list, [&](const ProductRevenue& p) {
    w.begin_object().key("product").string(p.product).key("revenue").money(p.revenue);
    w.key("customers").integer(p.customers).end_object();
  });
  w.end_object();
}

void write_top_products(JsonWriter& w, const TopProducts& t, const Rfm& rfm) {
  w.key("topProducts");
  if (!t.available) {
    w.null();
    return;
  }
  w.begin_object().key("byRfCell").begin_array();
  for (size_t cell = 0; cell < kRfCells; ++cell) products(w, "cell", rf_cell_name(cell), t.byRfCell[cell]);
  w.end_array().key("bySegment").begin_array();
  for (size_t s = 0; s < t.bySegment.size(); ++s) products(w, "segment", rfm.segments[s].name, t.bySegment[s]);
  w.end_array().end_object();
}

void group(JsonWriter& w, const Group& g) {
  w.key("customers").integer(g.customers).key("revenue").money(g.revenue);
  w.key("averageMonetary");
  average(w, g.revenue, g.customers);
}

void write_attributes(JsonWriter& w, const std::vector<AttributeProfile>& attributes, const Rfm& rfm) {
  w.key("attributes");
  array(w, attributes, [&](const AttributeProfile& a) {
    int64_t with_value = 0;
    for (const Group& g : a.segmentTotals) with_value += g.customers;
    w.begin_object().key("attribute").string(a.attribute);
    w.key("customersWithoutValue").integer(a.customersWithoutValue).key("valuesOmitted").integer(a.valuesOmitted);
    w.key("values");
    array(w, a.values, [&](const AttributeValue& v) {
      w.begin_object().key("value").string(v.value);
      group(w, v.all);
      w.key("segments").begin_array();
      for (size_t s = 0; s < v.bySegment.size(); ++s) {
        w.begin_object().key("segment").string(rfm.segments[s].name);
        group(w, v.bySegment[s]);
        // lift = segment share within the value / segment share among all customers with a value
        w.key("lift");
        const int64_t overall = a.segmentTotals[s].customers;
        if (overall == 0 || v.all.customers == 0) w.null();
        else
          w.ratio(static_cast<double>(v.bySegment[s].customers) * static_cast<double>(with_value) /
                  (static_cast<double>(v.all.customers) * static_cast<double>(overall)));
        w.end_object();
      }
      w.end_array().end_object();
    });
    w.end_object();
  });
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
  if (r.measured) {
    w.key("measured").begin_object();
    w.key("inputBytes").integer(r.measured->inputBytes);
    w.key("peakMemoryBytes").integer(r.measured->peakMemoryBytes);
    w.key("stages").begin_array();
    for (const Report::Stage& stage : r.measured->stages) {
      w.begin_object();
      w.key("name").string(stage.name);
      w.key("seconds").number(stage.seconds);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_object();
}

// Issue 14: what kind of table was read, and the sections it cannot give, with why.
void write_input(JsonWriter& w, const InputInfo& input) {
  w.key("input").begin_object();
  w.key("format").string(input.format);
  w.key("unavailableSections").begin_array();
  for (const UnavailableSection& u : input.unavailableSections)
    w.begin_object().key("section").string(u.section).key("reason").string(u.reason).end_object();
  w.end_array();
  w.end_object();
}

}  // namespace

std::string to_json(const Report& report) {
  JsonWriter w;
  w.begin_object();
  write_summary(w, report.summary);
  write_input(w, report.input);
  write_date_range(w, report.dateRange);
  write_comparison(w, report.comparison);
  w.key("columns").begin_object();
  w.key("preset").string(report.preset);
  for (const auto& [role, header] : report.columns) w.key(role).string(header);
  w.key("attributes").begin_array();
  for (const std::string& header : report.attributeColumns) w.string(header);
  w.end_array();
  w.end_object();
  write_rf_matrix(w, report.rfMatrix, report.summary.customers);
  write_data_quality(w, report.dataQuality);
  write_rfm(w, report.rfm, report.summary);
  write_retention(w, report.retention);
  write_cohorts(w, report.cohorts);
  write_pareto(w, report.pareto, report.summary.customers);
  write_churn_risk(w, report.churnRisk);
  write_migration(w, report.migration, report.summary.asOf.value_or(0));
  write_performance(w, report.performance);
  write_top_products(w, report.topProducts, report.rfm);
  write_attributes(w, report.attributes, report.rfm);
  std::vector<std::string> segment_names;
  for (const SegmentStats& s : report.rfm.segments) segment_names.push_back(s.name);
  write_model_section(w, report.model, segment_names);
  write_diagnostics(w, report);
  w.end_object();
  return w.take();
}

}  // namespace retention
