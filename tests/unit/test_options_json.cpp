// Options JSON: segment rule tables and churn-risk multipliers.
#include <doctest/doctest.h>

#include "retention/report.hpp"

using retention::Options;
using retention::parse_options_json;
using retention::parse_segments_json;
using retention::SegmentRule;

namespace {
std::string error_of(const std::string& json) {
  Options o;
  return parse_options_json(json, o).message;
}
}  // namespace

TEST_CASE("the default rule table is the one SPEC 4 lists") {
  Options o;
  REQUIRE(o.segments.size() == 10);
  CHECK(o.segments[0].name == "Champions");
  CHECK(o.segments[5].name == "Can't Lose Them");
  CHECK(o.segments[5].f == std::array<int32_t, 2>{3, 4});
  CHECK(o.segments[9].name == "Lost");
  CHECK(o.segments[9].r == std::array<int32_t, 2>{1, 1});
  // SPEC 4 (2026-11-30): the four lapsed-type segments only outside the active band
  for (const SegmentRule& rule : o.segments) {
    CAPTURE(rule.name);
    const bool lapsed_type = rule.name == "Can't Lose Them" || rule.name == "At Risk" ||
                             rule.name == "About To Sleep" || rule.name == "Lost";
    CHECK(rule.outsideActiveBand == lapsed_type);
  }
}

TEST_CASE("a rule table replaces the default; missing ranges mean any score") {
  Options o;
  REQUIRE_FALSE(parse_options_json(
      R"({"segments":[{"name":"VIP","r":[4,5],"m":[5,5]},{"name":"Rest","f":[1.0,5],"outsideActiveBand":true}]})", o));
  REQUIRE(o.segments.size() == 2);
  CHECK(o.segments[0].r == std::array<int32_t, 2>{4, 5});
  CHECK_FALSE(o.segments[0].outsideActiveBand);
  CHECK(o.segments[1].outsideActiveBand);
  CHECK(o.segments[0].f == std::array<int32_t, 2>{1, 5});
  CHECK(o.segments[1].f == std::array<int32_t, 2>{1, 5});
  std::vector<SegmentRule> rules;
  // A rule may carry its own plain-language texts (issue 10).
  REQUIRE_FALSE(parse_segments_json(R"([{"name":"VIP","description":"Our best.","action":"Early access, monthly."}])", rules));
  CHECK(rules[0].description == "Our best.");
  CHECK(rules[0].action == "Early access, monthly.");
  CHECK(parse_segments_json(R"([{"name":"VIP","action":5}])", rules));
  REQUIRE_FALSE(parse_segments_json(R"({"segments":[{"name":"A"}]})", rules));
  CHECK(rules.size() == 1);
  REQUIRE_FALSE(parse_segments_json(R"([{"name":"B"},{"name":"C"}])", rules));
  CHECK(rules.size() == 2);
}

TEST_CASE("bad rule tables are refused with a message naming the rule") {
  CHECK(error_of(R"({"segments":{}})") == "invalid options: segments must be an array of rules");
  CHECK(error_of(R"({"segments":[{"r":[1,5]}]})") == "invalid options: segments[0] needs a name");
  CHECK(error_of(R"({"segments":[{"name":"A"},{"name":"B","r":[3,2]}]})") ==
        "invalid options: segments[1].r must be [lo, hi] with 1 <= lo <= hi <= 5");
  CHECK(error_of(R"({"segments":[{"name":"A","m":[0,5]}]})") ==
        "invalid options: segments[0].m must be [lo, hi] with 1 <= lo <= hi <= 5");
  CHECK(error_of(R"({"segments":[{"name":"A","f":[1.5,5]}]})") ==
        "invalid options: segments[0].f must be [lo, hi] with 1 <= lo <= hi <= 5");
  CHECK(error_of(R"({"segments":[{"name":"A","x":1}]})") == "invalid options: unknown key 'x' in segments[0]");
  CHECK(error_of(R"({"segments":[{"name":"A","outsideActiveBand":1}]})") ==
        "invalid options: segments[0].outsideActiveBand must be true or false");
  CHECK(error_of(R"({"segments":[{"name":"A"},{"name":"A"}]})") ==
        "invalid options: the segment name 'A' is used twice");
  CHECK(error_of(R"({"segments":[{"name":"Others"}]})") ==
        "invalid options: 'Others' is the segment of customers no rule matches; pick another name");
  CHECK(error_of(R"({"segments":[{"name":"active/single"}]})") ==
        "invalid options: 'active/single' is the name of an RF cell; pick another name");
  std::vector<SegmentRule> rules;
  CHECK(parse_segments_json("[{", rules).message == "invalid options: segments: not valid JSON");
}

TEST_CASE("churn-risk multipliers") {
  Options o;
  REQUIRE_FALSE(parse_options_json(R"({"churnRisk":{"green":2,"amber":4.5}})", o));
  CHECK(o.churnRisk.green == 2);
  CHECK(o.churnRisk.amber == 4.5);
  CHECK(error_of(R"({"churnRisk":{"green":5}})") == "invalid options: churnRisk.green must not be above churnRisk.amber");
  CHECK(error_of(R"({"churnRisk":{"red":5}})") == "invalid options: unknown churnRisk key 'red'");
  CHECK(error_of(R"({"churnRisk":{"green":0}})") ==
        "invalid options: churnRisk multipliers must be numbers above 0 and at most 1000");
}

TEST_CASE("the churn-risk basis is P(alive) unless gaps are asked for") {
  Options o;
  REQUIRE_FALSE(parse_options_json("{}", o));
  CHECK(o.churnRisk.basis == retention::ChurnBasis::pAlive);
  CHECK(o.churnRisk.pAliveGreen == 0.5);
  CHECK(o.churnRisk.pAliveAmber == 0.2);
  REQUIRE_FALSE(parse_options_json(R"({"churnRisk":{"basis":"gaps","pAliveGreen":0.6,"pAliveAmber":0.3}})", o));
  CHECK(o.churnRisk.basis == retention::ChurnBasis::gaps);
  CHECK(o.churnRisk.pAliveGreen == 0.6);
  CHECK(o.churnRisk.pAliveAmber == 0.3);
  CHECK(error_of(R"({"churnRisk":{"basis":"auto"}})") == "invalid options: churnRisk.basis must be \"gaps\" or \"pAlive\"");
}

TEST_CASE("a column role set to false is switched off") {
  retention::Options options;
  REQUIRE_FALSE(retention::parse_options_json(R"({"columns":{"refund":false,"order":true,"customer":"Email"}})", options));
  CHECK(options.columns.unused == std::vector<std::string>{"refund"});
  CHECK(options.columns.customer == "Email");
  CHECK(options.columns.order.empty());
}

TEST_CASE("the order of format and delimiter in the options object does not matter") {
  // The CLIs lay flags over --options, which may move keys: format "text" means a whitespace table either way.
  for (const char* json : {R"({"format":"text","delimiter":","})", R"({"delimiter":",","format":"text"})",
                           R"({"delimiter":"auto","format":"text"})"}) {
    CAPTURE(json);
    Options o;
    REQUIRE_FALSE(parse_options_json(json, o));
    CHECK(o.delimiter == ' ');
    CHECK(o.format == retention::InputFormat::csv);
  }
  Options o;
  REQUIRE_FALSE(parse_options_json(R"({"format":"csv","delimiter":";"})", o));
  CHECK(o.delimiter == ';');
}
