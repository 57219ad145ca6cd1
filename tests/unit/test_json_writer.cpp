#include <doctest/doctest.h>

#include "report/json_writer.hpp"

using retention::JsonWriter;

TEST_CASE("money prints as an exact decimal without trailing zeros") {
  CHECK(retention::format_money(0) == "0");
  CHECK(retention::format_money(1234500000) == "1234.5");
  CHECK(retention::format_money(-12000000) == "-12");
  CHECK(retention::format_money(1) == "0.000001");
  CHECK(retention::format_money(-500000) == "-0.5");
}

TEST_CASE("ratios print rounded to six decimals") {
  CHECK(retention::format_ratio(2.0 / 3.0) == "0.666667");
  CHECK(retention::format_ratio(1) == "1");
  CHECK(retention::format_ratio(0.125) == "0.125");
}

TEST_CASE("strings are escaped and nesting gets its commas") {
  JsonWriter w;
  w.begin_object().key("a").string("say \"hi\"\n\\").key("b").begin_array().integer(1).null().boolean(true);
  w.begin_object().end_object().end_array().end_object();
  CHECK(w.take() == "{\"a\":\"say \\\"hi\\\"\\n\\\\\",\"b\":[1,null,true,{}]}");
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD; valid UTF-8 passes through") {
  JsonWriter w;
  w.string("Zo\xEB \xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80 \xC0\xAF \xED\xA0\x80");
  CHECK(w.take() == "\"Zo\xEF\xBF\xBD \xC3\xAB \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBD\xEF\xBF\xBD "
                    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}
