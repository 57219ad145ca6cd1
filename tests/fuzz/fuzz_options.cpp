// The options JSON (API `options`, CLI --options) and the segment rule table on arbitrary bytes; what
// parses is then used on a small shop, so every accepted option is also exercised.
#include "fuzz_common.hpp"

namespace {
const std::string kShop =
    "customer,order,date,amount,product,country\n"
    "a,1,2024-01-05,10.50,tea,UK\na,2,2024-02-05,20,cake,UK\nb,3,2023-11-01,5,tea,FR\n"
    "b,4,2024-03-01,7.25,tea,FR\nc,5,2022-06-30,100,cake,DE\nd,6,2024-03-02,-3,tea,UK\n"
    "d,7,2024-03-03,30,cake,UK\ne,8,2024-01-01,12,tea,UK\ne,9,2024-01-15,12,tea,UK\ne,10,2024-02-01,12,tea,UK\n";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string json(reinterpret_cast<const char*>(data), size);
  std::vector<retention::SegmentRule> rules;
  retention::Error segments_error = retention::parse_segments_json(json, rules);
  // An empty table is allowed (everyone is Others); more than 100 rules are not.
  if (!segments_error && rules.size() > 100) fuzz::fail("a segment table of more than 100 rules was accepted");
  retention::Options options;
  retention::Error error = retention::parse_options_json(json, options);
  if (error) {
    if (error.code != retention::ErrorCode::invalid_options) fuzz::fail("options error with another code");
    if (error.message.empty()) fuzz::fail("options error without a message");
    return 0;
  }
  fuzz::run(kShop, options, {});
  return 0;
}
