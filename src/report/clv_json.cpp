#include "report/clv_json.hpp"

#include <simdjson.h>

#include "ingest/dates.hpp"

namespace retention {

namespace {

const char* model_name(ClvModel model) {
  switch (model) {
    case ClvModel::bgnbd: return "bgnbd";
    case ClvModel::mbgnbd: return "mbgnbd";
    case ClvModel::pareto_nbd: return "pareto-nbd";
    case ClvModel::none: break;
  }
  return "none";
}

void write_fit(JsonWriter& w, const char* key, const char* name, const ModelFit& fit) {
  w.key(key).begin_object();
  w.key("model").string(name);
  w.key("customers").number(fit.customers);
  w.key("distinctRows").integer(static_cast<int64_t>(fit.distinctRows));
  if (!fit.error.empty()) {
    w.key("error").string(fit.error);
    w.end_object();
    return;
  }
  auto named = [&](const char* k, const std::vector<double>& values) {
    w.key(k).begin_object();
    for (size_t i = 0; i < fit.names.size(); ++i) w.key(fit.names[i]).number(values[i]);
    w.end_object();
  };
  named("parameters", fit.parameters);
  named("standardErrors", fit.standardErrors);
  w.key("logLikelihood").number(fit.logLikelihood);
  const Convergence& c = fit.convergence;
  w.key("convergence").begin_object();
  w.key("converged").boolean(c.converged);
  w.key("optimizer").string(c.optimizer);
  w.key("iterations").integer(c.iterations);
  w.key("evaluations").integer(c.evaluations);
  w.key("starts").integer(c.starts);
  if (c.sampledCustomers > 0) {  // only large files search on a sample first
    w.key("sampledCustomers").integer(c.sampledCustomers);
    w.key("sampleEvaluations").integer(c.sampleEvaluations);
  }
  w.key("gradientNorm").number(c.gradientNorm);
  w.end_object();
  w.end_object();
}

void write_validation(JsonWriter& w, const HoldoutValidation& v, const char* name) {
  w.key("validation").begin_object();
  w.key("calibrationEnd").date(v.calibrationEnd);
  w.key("holdoutEnd").date(v.holdoutEnd);
  w.key("holdoutLength").number(v.holdoutLength);
  if (!v.error.empty()) {
    w.key("error").string(v.error);
    w.end_object();
    return;
  }
  write_fit(w, "transactions", name, v.fit);
  // Mean holdout purchases per customer, by calibration frequency (0 .. 6, then 7 and more).
  w.key("byFrequency").begin_array();
  for (const FrequencyBucket& b : v.byFrequency) {
    w.begin_object().key("frequency").integer(b.frequency).key("customers").integer(b.customers);
    w.key("actual").number(b.actual).key("predicted").number(b.predicted).end_object();
  }
  w.end_array();
  w.key("total").begin_object().key("actual").number(v.actualTotal).key("predicted").number(v.predictedTotal);
  w.end_object();
  w.key("perCustomer").begin_object().key("meanAbsoluteError").number(v.meanAbsoluteError);
  w.key("rootMeanSquareError").number(v.rootMeanSquareError).end_object();
  w.end_object();
}

Error invalid(const std::string& message) { return {ErrorCode::invalid_options, "invalid options: clv." + message, 0}; }

}  // namespace

void write_model_section(JsonWriter& w, const ModelReport& m, const std::vector<std::string>& segment_names) {
  const ClvOptions& o = m.options;
  if (o.model == ClvModel::none) return;
  const char* name = model_name(o.model);
  w.key("model").begin_object();
  w.key("model").string(name);
  w.key("timeUnit").string(o.timeUnit == TimeUnit::weeks ? "weeks" : "days");
  w.key("horizonMonths").integer(o.horizonMonths);
  w.key("monthlyDiscountRate").number(o.monthlyDiscountRate);
  w.key("penalty").number(o.penalty);
  if (!m.error.empty()) {
    w.key("message").string(m.message);
    w.key("error").string(m.error);
  } else {
    w.key("sameDayOrdersMerged").integer(m.sameDayOrdersMerged);
    write_fit(w, "transactions", name, m.transactions);
    write_fit(w, "spend", "gamma-gamma", m.spend);
    w.key("spendModel").string(m.spendModel == SpendModel::gamma_gamma ? "gamma-gamma" : "shrunk-mean");
    if (m.spendModel == SpendModel::shrunk_mean) {
      w.key("spendMessage").string(m.spendMessage);
      w.key("populationMeanOrderValue").number(m.populationMeanOrderValue);
    }
    w.key("prediction").begin_object();
    w.key("meanPAlive").number(m.meanPAlive);
    w.key("expectedPurchases").number(m.expectedPurchases);
    w.key("clv");
    if (m.valued) w.number(m.clv);
    else w.null();
    auto groups = [&](const char* key, const char* label, const std::vector<ModelReport::Group>& list, auto name) {
      w.key(key).begin_array();
      for (size_t i = 0; i < list.size(); ++i) {
        w.begin_object().key(label).string(name(i)).key("customers").integer(list[i].customers);
        w.key("meanPAlive");
        if (list[i].customers) w.number(list[i].meanPAlive);
        else w.null();
        w.key("meanClv");
        if (list[i].customers && m.valued) w.number(list[i].meanClv);
        else w.null();
        w.end_object();
      }
      w.end_array();
    };
    groups("byRfCell", "cell", m.byRfCell, [](size_t i) { return rf_cell_name(i); });
    groups("bySegment", "segment", m.bySegment, [&](size_t i) { return i < segment_names.size() ? segment_names[i] : ""; });
    w.end_object();
  }
  if (m.validation) write_validation(w, *m.validation, name);
  w.end_object();
}

Error parse_clv_options(simdjson::dom::element value, ClvOptions& out) {
  simdjson::dom::object object;
  if (value.get_object().get(object)) return {ErrorCode::invalid_options, "invalid options: clv must be an object", 0};
  for (auto field : object) {
    std::string_view key = field.key;
    std::string_view text;
    double number = 0;
    if (key == "model") {
      if (field.value.get_string().get(text)) return invalid("model must be a string");
      if (text == "bgnbd") out.model = ClvModel::bgnbd;
      else if (text == "mbgnbd") out.model = ClvModel::mbgnbd;
      else if (text == "pareto-nbd") out.model = ClvModel::pareto_nbd;
      else if (text == "none") out.model = ClvModel::none;
      else return invalid("model must be mbgnbd, bgnbd, pareto-nbd or none");
    } else if (key == "timeUnit") {
      if (field.value.get_string().get(text) || (text != "weeks" && text != "days"))
        return invalid("timeUnit must be weeks or days");
      out.timeUnit = text == "weeks" ? TimeUnit::weeks : TimeUnit::days;
    } else if (key == "horizonMonths") {
      int64_t months = 0;
      if (field.value.get_int64().get(months) || months < 1 || months > 1200)
        return invalid("horizonMonths must be a whole number from 1 to 1200");
      out.horizonMonths = static_cast<int32_t>(months);
    } else if (key == "monthlyDiscountRate") {
      if (field.value.get_double().get(number) || !(number >= 0 && number < 1))
        return invalid("monthlyDiscountRate must be a number from 0 to below 1 (0.01 is 1% a month)");
      out.monthlyDiscountRate = number;
    } else if (key == "penalty") {
      if (field.value.get_double().get(number) || !(number >= 0 && number <= 1e6))
        return invalid("penalty must be a number from 0 to 1e6");
      out.penalty = number;
    } else if (key == "calibrationEnd") {
      if (field.value.is_null()) {
        out.calibrationEnd.reset();
        continue;
      }
      std::optional<Date> date;
      if (!field.value.get_string().get(text)) date = parse_date(text);
      if (!date) return invalid("calibrationEnd must be a date (YYYY-MM-DD) or null");
      out.calibrationEnd = *date;
    } else {
      return invalid(std::string(key) + " is not an option (model, timeUnit, horizonMonths, monthlyDiscountRate, "
                                       "penalty, calibrationEnd)");
    }
  }
  return {};
}

}  // namespace retention
