// Options arrive as JSON from the CLI and the JS wrapper; parsed with simdjson.
#include <simdjson.h>

#include "ingest/dates.hpp"
#include "report/clv_json.hpp"
#include "retention/report.hpp"

namespace retention {

namespace {

Error invalid(const std::string& message) { return {ErrorCode::invalid_options, "invalid options: " + message, 0}; }

Error read_string(simdjson::dom::element value, const char* name, std::string& out) {
  std::string_view text;
  if (value.get_string().get(text)) return invalid(std::string(name) + " must be a string");
  out = std::string(text);
  return {};
}

// A date "YYYY-MM-DD", or null for none.
Error read_optional_date(simdjson::dom::element value, std::string_view name, std::optional<Date>& out) {
  if (value.is_null()) return {};
  std::string text;
  if (Error e = read_string(value, std::string(name).c_str(), text)) return e;
  auto date = parse_date(text);
  if (!date) return invalid(std::string(name) + " '" + text + "' is not a date (YYYY-MM-DD)");
  out = *date;
  return {};
}

constexpr double kMaxComparePeriodDays = 3660;  // ten years

// Issue 10: a range runs forwards, and an explicit asOf inside it or after it (orders after asOf are ignored).
Error check_date_range(const Options& o) {
  if (o.from && o.to && *o.from > *o.to)
    return invalid("from (" + format_date(*o.from) + ") is after to (" + format_date(*o.to) + ")");
  if (o.from && o.asOf && *o.asOf < *o.from)
    return invalid("asOf (" + format_date(*o.asOf) + ") is before from (" + format_date(*o.from) +
                   "): no order of the range would count");
  return {};
}

Error read_int(simdjson::dom::element value, const char* name, int32_t& out) {
  int64_t number = 0;
  if (value.get_int64().get(number) || number < 0 || number > 1000000)
    return invalid(std::string(name) + " must be a whole number from 0 to 1000000");
  out = static_cast<int32_t>(number);
  return {};
}

// A whole number from `low` to `high`; 2.0 counts as 2, as it does once JavaScript has read the JSON.
bool read_whole(simdjson::dom::element value, double low, double high, int32_t& out) {
  double number = 0;
  if (value.get_double().get(number) || !(number >= low && number <= high) || number != static_cast<int32_t>(number))
    return false;
  out = static_cast<int32_t>(number);
  return true;
}

Error read_range(simdjson::dom::element value, const std::string& name, std::array<int32_t, 2>& out) {
  simdjson::dom::array range;
  Error bad = invalid(name + " must be [lo, hi] with 1 <= lo <= hi <= 5");
  if (value.get_array().get(range) || range.size() != 2) return bad;
  if (!read_whole(range.at(0).value_unsafe(), 1, 5, out[0]) || !read_whole(range.at(1).value_unsafe(), 1, 5, out[1]) ||
      out[0] > out[1])
    return bad;
  return {};
}

Error read_rule(simdjson::dom::element value, const std::string& where, SegmentRule& rule) {
  simdjson::dom::object object;
  if (value.get_object().get(object)) return invalid(where + " must be an object {\"name\", \"r\", \"f\", \"m\", \"outsideActiveBand\", \"description\", \"action\"}");
  bool named = false;
  for (auto field : object) {
    std::string_view key = field.key;
    Error e;
    if (key == "name") {
      if ((e = read_string(field.value, (where + ".name").c_str(), rule.name))) return e;
      named = !rule.name.empty();
    } else if (key == "r" || key == "f" || key == "m") {
      auto& range = key == "r" ? rule.r : key == "f" ? rule.f : rule.m;
      if ((e = read_range(field.value, where + "." + std::string(key), range))) return e;
    } else if (key == "description" || key == "action") {
      std::string& text = key == "description" ? rule.description : rule.action;
      if ((e = read_string(field.value, (where + "." + std::string(key)).c_str(), text))) return e;
    } else if (key == "outsideActiveBand") {
      if (field.value.get_bool().get(rule.outsideActiveBand)) return invalid(where + ".outsideActiveBand must be true or false");
    } else {
      return invalid("unknown key '" + std::string(key) + "' in " + where);
    }
  }
  if (!named) return invalid(where + " needs a name");
  return {};
}

// Names must tell segments apart, from each other, from Others and from the RF cells (export picks by name).
Error check_names(const std::vector<SegmentRule>& rules) {
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string& name = rules[i].name;
    if (name == kOtherSegment) return invalid("'Others' is the segment of customers no rule matches; pick another name");
    for (size_t cell = 0; cell < kRfCells; ++cell)
      if (name == rf_cell_name(cell)) return invalid("'" + name + "' is the name of an RF cell; pick another name");
    for (size_t j = 0; j < i; ++j)
      if (rules[j].name == name) return invalid("the segment name '" + name + "' is used twice");
  }
  return {};
}

constexpr size_t kMaxSegmentRules = 100;

Error read_segments(simdjson::dom::element value, std::vector<SegmentRule>& out) {
  simdjson::dom::array rules;
  if (value.get_array().get(rules)) return invalid("segments must be an array of rules");
  if (rules.size() > kMaxSegmentRules) return invalid("segments may hold at most 100 rules");
  out.clear();
  for (auto rule : rules) {
    out.emplace_back();
    if (Error e = read_rule(rule, "segments[" + std::to_string(out.size() - 1) + "]", out.back())) return e;
  }
  return check_names(out);
}

Error read_churn_risk(simdjson::dom::element value, ChurnRiskMultipliers& out) {
  simdjson::dom::object object;
  if (value.get_object().get(object)) return invalid("churnRisk must be an object {\"green\", \"amber\"}");
  for (auto field : object) {
    std::string_view key = field.key;
    if (key == "basis") {
      std::string_view basis;
      if (field.value.get_string().get(basis) || (basis != "gaps" && basis != "pAlive"))
        return invalid("churnRisk.basis must be \"gaps\" or \"pAlive\"");
      out.basis = basis == "pAlive" ? ChurnBasis::pAlive : ChurnBasis::gaps;
      continue;
    }
    if (key == "pAliveGreen" || key == "pAliveAmber") {
      double p = 0;
      if (field.value.get_double().get(p) || !(p >= 0 && p <= 1)) return invalid("churnRisk P(alive) limits must be from 0 to 1");
      (key == "pAliveGreen" ? out.pAliveGreen : out.pAliveAmber) = p;
      continue;
    }
    if (key != "green" && key != "amber") return invalid("unknown churnRisk key '" + std::string(key) + "'");
    double number = 0;
    if (field.value.get_double().get(number) || !(number > 0 && number <= 1000))
      return invalid("churnRisk multipliers must be numbers above 0 and at most 1000");
    (key == "green" ? out.green : out.amber) = number;
  }
  if (out.green > out.amber) return invalid("churnRisk.green must not be above churnRisk.amber");
  if (out.pAliveAmber > out.pAliveGreen) return invalid("churnRisk.pAliveAmber must not be above churnRisk.pAliveGreen");
  return {};
}

}  // namespace

Error parse_segments_json(const std::string& json, std::vector<SegmentRule>& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json).get(root)) return invalid("segments: not valid JSON");
  simdjson::dom::element rules;
  if (root.is_object() && !root["segments"].get(rules)) return read_segments(rules, out);
  return read_segments(root, out);
}

Error parse_options_json(const std::string& json, Options& out) {
  out = Options{};
  if (json.empty()) return {};
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json).get(root)) return invalid("not valid JSON");
  simdjson::dom::object object;
  if (root.get_object().get(object)) return invalid("expected a JSON object");
  bool whitespace_table = false;  // format "text"
  for (auto field : object) {
    std::string_view key = field.key;
    Error e;
    if (key == "format") {
      std::string_view text;
      whitespace_table = !field.value.get_string().get(text) && text == "text";
    }
    if (key == "asOf" || key == "from" || key == "to") {
      if ((e = read_optional_date(field.value, key, key == "asOf" ? out.asOf : key == "from" ? out.from : out.to)))
        return e;
    } else if (key == "comparePeriodDays") {
      if (!read_whole(field.value, 1, kMaxComparePeriodDays, out.comparePeriodDays))
        return invalid("comparePeriodDays must be a whole number of days from 1 to 3660");
    } else if (key == "format") {
      std::string text;
      if ((e = read_string(field.value, "format", text))) return e;
      if (text == "auto") out.format = InputFormat::automatic;
      else if (text == "csv") out.format = InputFormat::csv;
      else if (text == "text") out.format = InputFormat::csv;
      else if (text == "json") out.format = InputFormat::json;
      else if (text == "ndjson") out.format = InputFormat::ndjson;
      else if (text == "customers") out.format = InputFormat::customers;
      else return invalid("format must be auto, csv, text, json, ndjson or customers");
    } else if (key == "delimiter") {
      std::string text;
      if ((e = read_string(field.value, "delimiter", text))) return e;
      if (text == "tab" || text == "\t") out.delimiter = '\t';
      else if (text == "whitespace") out.delimiter = ' ';
      else if (text == "," || text == ";" || text == "|") out.delimiter = text[0];
      else if (text != "auto") return invalid("delimiter must be one of , ; | tab whitespace auto");
    } else if (key == "decimalSeparator") {
      std::string text;
      if ((e = read_string(field.value, "decimalSeparator", text))) return e;
      if (text == "." || text == ",") out.decimalSeparator = text[0];
      else if (text != "auto") return invalid("decimalSeparator must be \".\", \",\" or auto");
    } else if (key == "dateOrder") {
      std::string text;
      if ((e = read_string(field.value, "dateOrder", text))) return e;
      if (text == "month-first") out.dayFirst = 0;
      else if (text == "day-first") out.dayFirst = 1;
      else if (text != "auto") return invalid("dateOrder must be month-first, day-first or auto");
    } else if (key == "keepRows") {
      bool keep = false;
      if (field.value.get_bool().get(keep)) return invalid("keepRows must be true or false");
      out.keepRows = keep;
    } else if (key == "measure") {
      bool measure = false;
      if (field.value.get_bool().get(measure)) return invalid("measure must be true or false");
      out.measure = measure;
    } else if (key == "strict") {
      bool strict = false;
      if (field.value.get_bool().get(strict)) return invalid("strict must be true or false");
      out.strict = strict;
    } else if (key == "columns") {
      simdjson::dom::object columns;
      if (field.value.get_object().get(columns)) return invalid("columns must be an object");
      for (auto column : columns) {
        std::string_view role = column.key;
        std::string* target = role == "customer"    ? &out.columns.customer
                              : role == "date"      ? &out.columns.date
                              : role == "amount"    ? &out.columns.amount
                              : role == "order"     ? &out.columns.order
                              : role == "refund"    ? &out.columns.refund
                              : role == "quantity"  ? &out.columns.quantity
                              : role == "unitPrice" ? &out.columns.unitPrice
                              : role == "product"   ? &out.columns.product
                              : role == "status"    ? &out.columns.status
                              : role == "currency"  ? &out.columns.currency
                              // issue 14: the columns of a per-customer summary
                              : role == "firstOrder"     ? &out.columns.firstOrder
                              : role == "lastOrder"      ? &out.columns.lastOrder
                              : role == "orders"         ? &out.columns.orders
                              : role == "revenue"        ? &out.columns.revenue
                              : role == "orderDays"      ? &out.columns.orderDays
                              : role == "countedRevenue" ? &out.columns.countedRevenue
                              : role == "repeatRevenue"  ? &out.columns.repeatRevenue
                                                         : nullptr;
        if (role == "attributes") {
          simdjson::dom::array names;
          if (column.value.get_array().get(names)) return invalid("columns.attributes must be an array of names");
          for (auto name : names) {
            std::string text;
            if ((e = read_string(name, "an attribute column name", text))) return e;
            out.columns.attributes.push_back(text);
          }
          continue;
        }
        if (!target) return invalid("unknown column role '" + std::string(role) + "'");
        if (column.value.is_null()) continue;
        bool on = true;
        if (!column.value.get_bool().get(on)) {  // false switches a role off; true means "detect"
          if (!on) out.columns.unused.emplace_back(role);
          continue;
        }
        if ((e = read_string(column.value, "a column name", *target))) return e;
      }
    } else if (key == "rfThresholds") {
      simdjson::dom::object t;
      if (field.value.get_object().get(t)) return invalid("rfThresholds must be an object");
      for (auto item : t) {
        std::string_view name = item.key;
        int32_t* target = name == "activeBelowDays"   ? &out.rf.activeBelowDays
                          : name == "lapsedAboveDays" ? &out.rf.lapsedAboveDays
                          : name == "multiOrders"     ? &out.rf.multiOrders
                          : name == "highValueOrders" ? &out.rf.highValueOrders
                                                      : nullptr;
        if (!target) return invalid("unknown rfThresholds key '" + std::string(name) + "'");
        if ((e = read_int(item.value, "rfThresholds values", *target))) return e;
      }
      if (out.rf.lapsedAboveDays < out.rf.activeBelowDays)
        return invalid("rfThresholds.lapsedAboveDays must not be below activeBelowDays");
      if (out.rf.multiOrders < 2 || out.rf.highValueOrders <= out.rf.multiOrders)
        return invalid("rfThresholds need 2 <= multiOrders < highValueOrders");
    } else if (key == "segments") {
      if ((e = read_segments(field.value, out.segments))) return e;
    } else if (key == "churnRisk") {
      if ((e = read_churn_risk(field.value, out.churnRisk))) return e;
    } else if (key == "clv") {  // issue 5
      if ((e = parse_clv_options(field.value, out.clv))) return e;
    } else {
      return invalid("unknown option '" + std::string(key) + "'");
    }
  }
  // After the loop, so that the order of "format" and "delimiter" never matters (the CLIs merge objects).
  if (whitespace_table) out.delimiter = ' ';
  return check_date_range(out);
}

}  // namespace retention
