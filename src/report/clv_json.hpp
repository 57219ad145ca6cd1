// The report's "model" section and the "clv" options (issue 5): kept apart from the other
// sections so the lifetime-value models plug into report_json.cpp and options_json.cpp by one call each.
#pragma once

#include <string>
#include <vector>

#include "report/json_writer.hpp"
#include "retention/report.hpp"

namespace simdjson::dom {
class element;
}

namespace retention {

// "model": {...}; writes nothing when the model is none.
void write_model_section(JsonWriter& w, const ModelReport& model, const std::vector<std::string>& segment_names);

// {"model": "bgnbd" | "pareto-nbd" | "none", "timeUnit": "weeks" | "days", "horizonMonths",
//  "monthlyDiscountRate", "penalty", "calibrationEnd": "YYYY-MM-DD" | null}
Error parse_clv_options(simdjson::dom::element value, ClvOptions& out);

}  // namespace retention
