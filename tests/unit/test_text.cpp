// SPEC 3's missing values: an empty field or a spreadsheet/statistics marker, after trimming spaces.
#include <doctest/doctest.h>

#include <string>

#include "ingest/text.hpp"

using retention::is_missing;

TEST_CASE("missing values are the empty field and the markers, however they are padded") {
  for (const std::string marker : {"", "-", "NA", "N/A", "NaN", "null", "NULL", "None"})
    for (const std::string pad : {"", " ", "\t", "  ", " \r\n"}) {
      CHECK_MESSAGE(is_missing(pad + marker + pad), "'" << pad + marker + pad << "'");
      CHECK_MESSAGE(is_missing(marker + pad), "'" << marker + pad << "'");
      CHECK_MESSAGE(is_missing(pad + marker), "'" << pad + marker << "'");
    }
  for (const std::string value : {"0", "--", "na", "n/a", "nan", "Null", "none", "NONE", "nil", "N/A.", "-1",
                                  "12.50", "2024-01-01", "C1469767", " 12.50 ", "\tjane@example.com ", "null null"})
    CHECK_MESSAGE(!is_missing(value), "'" << value << "'");
}

TEST_CASE("is_space holds for ' ' and bytes 9 to 13 only, of all 256") {
  for (int b = 0; b < 256; ++b) {
    CAPTURE(b);
    CHECK(retention::is_space(static_cast<char>(b)) == (b == ' ' || (b >= 9 && b <= 13)));
  }
}

TEST_CASE("is_missing's inline test agrees with the full marker check on short texts") {
  // Every text of up to 4 bytes over the markers' own bytes, spaces and others.
  const std::string alphabet = "-NnAa/lLuoe US\t";
  std::string text;
  size_t checked = 0;
  auto check_all = [&](auto&& self, size_t length) -> void {
    CAPTURE(text);
    CHECK(is_missing(text) == retention::is_missing_marker(text));
    ++checked;
    if (length == 4) return;
    for (char c : alphabet) {
      text.push_back(c);
      self(self, length + 1);
      text.pop_back();
    }
  };
  check_all(check_all, 0);
  CHECK(checked > 50000);
  CHECK(is_missing(" NA"));
  CHECK_FALSE(is_missing("US"));
  CHECK_FALSE(is_missing("NAB"));
}
