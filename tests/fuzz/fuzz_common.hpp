// Shared by the libFuzzer targets (issue 13): run the engine and check the invariants every run must
// keep, whatever the bytes. A broken invariant aborts, which libFuzzer reports as a finding.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <simdjson.h>

#include "retention/engine.hpp"

namespace fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz invariant broken: %s %s\n", what, detail.c_str());
  std::abort();
}

struct Outcome {
  bool ok = false;
  retention::Error error;
  std::string json, text;
};

// Feeds `data` cut at `cuts` (ascending offsets), finishes, and renders what there is to render.
inline Outcome run(const std::string& data, const retention::Options& options, const std::vector<size_t>& cuts) {
  retention::Engine engine(options);
  Outcome out;
  size_t start = 0;
  bool ok = true;
  for (size_t i = 0; i <= cuts.size() && ok; ++i) {
    size_t end = i < cuts.size() ? cuts[i] : data.size();
    if (end < start || end > data.size()) end = start;
    ok = engine.feed(data.data() + start, end - start);
    start = end;
  }
  out.ok = ok && engine.finish();
  out.error = engine.error();
  if (out.ok == static_cast<bool>(out.error)) fail("finish() and error() disagree");
  if (!out.ok) {
    if (out.error.message.empty()) fail("an error without a message");
    return out;
  }
  const retention::Report& report = engine.report();
  out.json = retention::to_json(report);
  out.text = retention::to_text(report);
  const retention::Summary& s = report.summary;
  if (s.rowsRejected < 0 || s.customers < 0 || s.orders < s.customers) fail("summary counts out of order");
  // The revenue is the sum of the analysed customers' monetary values, exactly (SPEC 5).
  const retention::CustomerResults& customers = engine.customers();
  if (customers.size() != static_cast<size_t>(s.customers)) fail("per-customer table size");
  retention::Money sum = 0;
  for (retention::Money m : customers.monetary) sum += m;
  if (sum != s.revenue) fail("revenue is not the sum of monetary");
  for (int32_t f : customers.frequency)
    if (f < 1) fail("an analysed customer without a counted order");
  // The report is one valid JSON document (valid UTF-8 included).
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(out.json).get(doc)) fail("the report is not valid JSON", out.json.substr(0, 200));
  std::string csv;
  for (const char* segment : {"active/single", "Champions", "Others"})
    (void)retention::export_segment_csv(report, engine.customers(), segment, csv);
  return out;
}

}  // namespace fuzz
