// Differential: the whole input at once, byte by byte, and in odd chunk sizes chosen by the input must
// give the same outcome (the same report bytes, or the same error code, line and message).
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.hpp"

namespace {

std::vector<size_t> every(size_t size, size_t step) {
  std::vector<size_t> cuts;
  for (size_t at = step; at < size; at += step) cuts.push_back(at);
  return cuts;
}

void same(const fuzz::Outcome& a, const fuzz::Outcome& b, const char* how) {
  if (a.ok != b.ok || a.error.code != b.error.code || a.error.line != b.error.line ||
      a.error.message != b.error.message || a.json != b.json)
    fuzz::fail("chunking changed the outcome:", std::string(how) + ": " + a.error.message + " | " + b.error.message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  retention::Options options;
  options.clv.model = retention::ClvModel::none;  // the model reads what ingest gave: its cost buys nothing here
  options.strict = in.ConsumeBool();
  const size_t odd = 2 * in.ConsumeIntegralInRange<size_t>(1, 40) + 1;
  std::string file = in.ConsumeRemainingBytesAsString();
  fuzz::Outcome whole = fuzz::run(file, options, {});
  same(whole, fuzz::run(file, options, every(file.size(), 1)), "byte by byte");
  same(whole, fuzz::run(file, options, every(file.size(), odd)), "odd chunks");
  return 0;
}
