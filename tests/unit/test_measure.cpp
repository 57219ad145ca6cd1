// options.measure (issue 11): the run's stages and peak memory in diagnostics.measured, and nothing of
// them in a default report (which must stay byte-identical between the native and wasm builds).
#include <doctest/doctest.h>

#include <string>

#include "engine_run.hpp"
#include "retention/report.hpp"

namespace {

const std::string kFixture = std::string(RETENTION_FIXTURES) + "/generic-orders.csv";

}  // namespace

TEST_CASE("measure adds the input size, each stage's seconds and the peak memory; a default report has none") {
  const std::string text = test::read_file(kFixture);
  const test::Run plain = test::analyse(text);
  REQUIRE(plain.ok);
  CHECK_FALSE(plain.report.measured);
  CHECK(plain.json.find("\"measured\"") == std::string::npos);

  retention::Options options;
  options.measure = true;
  const test::Run measured = test::analyse(text, options, {10, 200});
  REQUIRE(measured.ok);
  REQUIRE(measured.report.measured);
  const retention::Report::Measured& m = *measured.report.measured;
  CHECK(m.inputBytes == static_cast<int64_t>(text.size()));
  CHECK(m.peakMemoryBytes > 0);
  REQUIRE(m.stages.size() == 5);
  const char* names[] = {"read", "customers", "value.fit", "value", "analyses"};  // a part ends before its whole
  for (size_t i = 0; i < 5; ++i) {
    CHECK(m.stages[i].name == names[i]);
    CHECK(m.stages[i].seconds >= 0);
  }
  CHECK(m.stages[2].seconds <= m.stages[3].seconds);
  CHECK(measured.json.find("\"measured\":{\"inputBytes\":" + std::to_string(text.size())) != std::string::npos);
  // Everything else is the same report.
  const size_t cut = measured.json.find(",\"measured\"");
  REQUIRE(cut != std::string::npos);
  CHECK(measured.json.substr(0, cut) + "}}" == plain.json);

  retention::Options parsed;
  CHECK(!retention::parse_options_json("{\"measure\":true}", parsed));
  CHECK(parsed.measure);
  CHECK(retention::parse_options_json("{\"measure\":1}", parsed).message == "invalid options: measure must be true or false");
}
