// The engine on arbitrary bytes, cut where the input says: the last bytes pick the options and the
// split points, the rest is the file. No crash, no sanitizer report, every invariant of fuzz::run.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  retention::Options options;
  options.strict = in.ConsumeBool();
  options.clv.model = in.ConsumeBool() ? retention::ClvModel::bgnbd : retention::ClvModel::none;
  options.format = in.PickValueInArray({retention::InputFormat::automatic, retention::InputFormat::csv,
                                        retention::InputFormat::json, retention::InputFormat::ndjson,
                                        retention::InputFormat::customers});
  std::vector<size_t> cuts(in.ConsumeIntegralInRange<size_t>(0, 8));
  for (size_t& cut : cuts) cut = in.ConsumeIntegral<uint16_t>();
  std::string file = in.ConsumeRemainingBytesAsString();
  for (size_t& cut : cuts) cut = file.empty() ? 0 : cut % (file.size() + 1);
  std::sort(cuts.begin(), cuts.end());
  fuzz::run(file, options, cuts);
  return 0;
}
