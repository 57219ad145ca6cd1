// A plain-text reading of the report for terminals: the summary, the RF matrix and the headline analytics.
#include <cmath>
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

// part / whole in percent with one decimal ("12.5%"); "-" when the whole is 0.
std::string percent(int64_t part, int64_t whole) {
  if (whole == 0) return "-";
  std::string text = format_ratio(std::round(static_cast<double>(part) / static_cast<double>(whole) * 1000) / 10);
  return (text.find('.') == std::string::npos ? text + ".0" : text) + "%";
}

std::string days(bool known, double value) { return known ? format_ratio(value) + " days" : "-"; }

}  // namespace

std::string to_text(const Report& r) {
  const Summary& s = r.summary;
  std::string out;
  out += "Customers  " + std::to_string(s.customers) + "\n";
  out += "Orders     " + std::to_string(s.orders) + "\n";
  out += "Revenue    " + format_money(s.revenue) + "\n";
  out += "Orders from " + date_or_dash(s.firstOrder) + " to " + date_or_dash(s.lastOrder) + ", as of " +
         date_or_dash(s.asOf) + "\n";
  if (const DateRange& range = r.dateRange; range.from || range.to)
    out += "Date range " + date_or_dash(range.from) + " to " + date_or_dash(range.to) + ": " +
           std::to_string(range.ordersBefore) + " orders before it and " + std::to_string(range.ordersAfter) +
           " after it left out\n";
  out += "Rows read " + std::to_string(s.rowsRead) + ", rejected " + std::to_string(s.rowsRejected) +
         ", without customer " + std::to_string(s.rowsWithoutCustomer) + "\n";
  if (r.input.format == "customers") {  // issue 14
    out += "Read as a per-customer summary; not available without order-level rows:";
    for (const UnavailableSection& u : r.input.unavailableSections) out += " " + u.section;
    out += "\n";
  }
  out += "\n";
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
  out += "\nRFM segments (customers / revenue / share of customers)\n";
  for (const SegmentStats& seg : r.rfm.segments)
    out += "  " + seg.name + std::string(seg.name.size() < 20 ? 20 - seg.name.size() : 1, ' ') +
           pad(std::to_string(seg.customers), 8) + " / " + pad(format_money(seg.revenue), 14) + " / " +
           pad(percent(seg.customers, s.customers), 6) + "\n";
  const Retention& ret = r.retention;
  out += "\nRepeat purchase rate " + percent(ret.withAtLeast[1], ret.withAtLeast[0]) + "; days between orders: median " +
         days(ret.gaps.count > 0, ret.gaps.median) + ", dormant after (p90) " + days(ret.gaps.count > 0, ret.gaps.p90) +
         "\n";
  out += "Top 20% of customers bring " + percent(r.pareto.top, r.pareto.total) + " of revenue\n";
  const auto& risk = r.churnRisk.customers;
  const ChurnRisk& churn = r.churnRisk;
  out += "Churn risk: " + std::to_string(risk[0]) + " green, " + std::to_string(risk[1]) + " amber, " +
         std::to_string(risk[2]) + " red";
  if (churn.byPAlive)
    out += " (from P(alive): green from " + format_ratio(churn.multipliers.pAliveGreen * 100) + "%, amber from " +
           format_ratio(churn.multipliers.pAliveAmber * 100) + "%)\n";
  else
    out += " (from the days since the last order against the usual gap; one-time buyers are expected back within " +
           format_ratio(churn.singleOrderExpectedGapDays) + " days)\n";
  if (churn.clampedByPAlive)
    out += "  " + std::to_string(churn.clampedByPAlive) + " of them amber because P(alive) disagreed with the gap\n";
  const ModelReport& model = r.model;
  if (model.options.model != ClvModel::none) {
    const char* name = model.options.model == ClvModel::pareto_nbd ? "Pareto/NBD"
                       : model.options.model == ClvModel::mbgnbd ? "MBG/NBD"
                                                                  : "BG/NBD";
    const std::string horizon = std::to_string(model.options.horizonMonths);
    if (!model.error.empty()) {
      out += model.message + "\n";
    } else {
      out += std::string("Predicted (") + name + ", next " + horizon + " months): average P(alive) " +
             format_significant(std::round(model.meanPAlive * 1000) / 10) + "%, expected purchases " +
             format_significant(std::round(model.expectedPurchases * 10) / 10) +
             (model.valued ? ", predicted revenue " + format_money(static_cast<Money>(std::llround(model.clv * 100)) * (kMoneyScale / 100)) : "") +
             "\n";
    }
  }
  for (const Warning& w : r.warnings)
    out += "line " + std::to_string(w.line) + (w.column.empty() ? "" : " (" + w.column + ")") + ": " + w.message + "\n";
  return out;
}

}  // namespace retention
