// Short texts compared and copied word by word (model/short_text.hpp) against std::string.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "model/short_text.hpp"

using retention::RecentText;
using retention::same_text;

TEST_CASE("same_text agrees with ==, at every length, whichever byte differs") {
  std::mt19937 random(7);
  for (size_t n = 0; n <= 70; ++n) {
    std::string a(n, 'x');
    for (char& c : a) c = static_cast<char>(random());
    CHECK(same_text(a, std::string(a)));
    for (size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = static_cast<char>(b[at] ^ 1);
      CHECK_FALSE(same_text(a, b));
    }
    CHECK_FALSE(same_text(a, a + "x"));
    if (n) CHECK_FALSE(same_text(a, a.substr(0, n - 1)));
  }
}

TEST_CASE("a recent text keeps the bytes of the latest text assigned, short or long") {
  std::mt19937 random(8);
  RecentText recent;
  CHECK(recent.view().empty());
  CHECK(recent == "");
  for (int round = 0; round < 500; ++round) {
    std::string text(random() % 60, 'x');
    for (char& c : text) c = static_cast<char>('a' + random() % 26);
    {
      const std::string gone = text;  // the source goes away: the copy must not point into it
      recent.assign(gone);
    }
    CHECK(recent.view() == text);
    CHECK(recent == text);
    CHECK_FALSE(recent == text + "y");
  }
}
