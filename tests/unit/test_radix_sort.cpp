#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "model/radix_sort.hpp"

using retention::radix_sort;
using retention::radix_sort_by_key;

TEST_CASE("radix sorts give std::sort's order for narrow, wide, negative and extreme integers") {
  std::mt19937_64 random(5);
  for (size_t n : {0, 1, 2, 17, 5000}) {
    std::vector<int32_t> days(n);
    std::vector<int64_t> money(n);
    std::vector<uint32_t> counts(n);
    for (size_t i = 0; i < n; ++i) {
      days[i] = static_cast<int32_t>(random() % 3000) - 1500;
      money[i] = static_cast<int64_t>(random());
      counts[i] = static_cast<uint32_t>(random() % 7);
    }
    if (n > 3) {
      money[0] = std::numeric_limits<int64_t>::min();
      money[1] = std::numeric_limits<int64_t>::max();
      money[2] = -1;
      money[3] = 0;
    }
    auto check = [](auto v) {
      auto expected = v;
      std::sort(expected.begin(), expected.end());
      radix_sort(v);
      CHECK(v == expected);
    };
    check(days);
    check(money);
    check(counts);
  }
}

TEST_CASE("sorting by key keeps equal keys in their first order and moves the values alongside") {
  std::vector<uint64_t> keys = {5, 3, 5, 1, 3, 5, uint64_t{1} << 40, 0};
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  radix_sort_by_key(keys, &values);
  CHECK(keys == std::vector<uint64_t>{0, 1, 3, 3, 5, 5, 5, uint64_t{1} << 40});
  CHECK(values == std::vector<uint32_t>{7, 3, 1, 4, 0, 2, 5, 6});
}
