// JSON and NDJSON input on arbitrary bytes, as a document and as lines, with one split point.
#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  retention::Options options;
  options.clv.model = retention::ClvModel::none;
  options.format = in.ConsumeBool() ? retention::InputFormat::json : retention::InputFormat::ndjson;
  const size_t cut = in.ConsumeIntegral<uint16_t>();
  std::string file = in.ConsumeRemainingBytesAsString();
  fuzz::Outcome outcome = fuzz::run(file, options, {cut % (file.size() + 1)});
  if (!outcome.ok && outcome.error.code != retention::ErrorCode::invalid_json &&
      outcome.error.code != retention::ErrorCode::not_text && outcome.error.code != retention::ErrorCode::missing_column &&
      outcome.error.code != retention::ErrorCode::empty_input && outcome.error.code != retention::ErrorCode::no_data_rows &&
      outcome.error.code != retention::ErrorCode::no_orders && outcome.error.code != retention::ErrorCode::rejected_row)
    fuzz::fail("unexpected error code", retention::error_code_name(outcome.error.code));
  return 0;
}
