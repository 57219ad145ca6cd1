// Runs the engine on a text fed in pieces, for the tests that check whole reports.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "retention/engine.hpp"

namespace test {

struct Run {
  bool ok = false;
  retention::Error error;
  retention::Report report;
  std::string json;
};

// Feeds `text` cut at the byte offsets `cuts` (ascending), then finishes.
inline Run analyse(const std::string& text, const retention::Options& options = {}, std::vector<size_t> cuts = {}) {
  retention::Engine engine(options);
  Run run;
  size_t start = 0;
  cuts.push_back(text.size());
  bool ok = true;
  for (size_t cut : cuts) {
    if (ok) ok = engine.feed(text.data() + start, cut - start);
    start = cut;
  }
  run.ok = ok && engine.finish();
  run.error = engine.error();
  run.report = engine.report();
  if (run.ok) run.json = retention::to_json(run.report);
  return run;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace test
