#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "analytics/stats.hpp"

using retention::average_money;
using retention::Money;
using retention::quantile_sorted;

TEST_CASE("quantiles interpolate linearly between the closest ranks, as numpy.quantile does by default") {
  const std::vector<int32_t> gaps{0, 31, 91, 506};
  CHECK(quantile_sorted(gaps, 0.5) == 61);
  CHECK(quantile_sorted(gaps, 0.75) == 194.75);
  CHECK(quantile_sorted(gaps, 0.9) == doctest::Approx(381.5).epsilon(1e-12));
  CHECK(quantile_sorted(gaps, 0) == 0);
  CHECK(quantile_sorted(gaps, 1) == 506);
  CHECK(quantile_sorted({7}, 0.9) == 7);
  CHECK(quantile_sorted({1, 2}, 0.5) == 1.5);
  // numpy.quantile(range(1, 11), 0.9) == 9.1
  CHECK(quantile_sorted({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9) == doctest::Approx(9.1).epsilon(1e-12));
}

TEST_CASE("money averages round to the nearest millionth, halves away from zero") {
  CHECK(average_money(10, 4) == 3);   // 2.5 -> 3
  CHECK(average_money(-10, 4) == -3);
  CHECK(average_money(9, 4) == 2);    // 2.25
  CHECK(average_money(11, 4) == 3);   // 2.75
  CHECK(average_money(7, 1) == 7);
  CHECK(average_money(5, 0) == 0);
}

TEST_CASE("the median of an even count is the mean of the two middle values") {
  const std::vector<Money> odd{1, 5, 9}, even{1, 4, 7, 100}, halves{2, 3};
  CHECK(retention::median_money(odd.data(), odd.data() + odd.size()) == 5);
  CHECK(retention::median_money(even.data(), even.data() + even.size()) == 6);  // (4 + 7) / 2 = 5.5 -> 6
  CHECK(retention::median_money(halves.data(), halves.data() + 2) == 3);
}

TEST_CASE("the median by selection is the median of the sorted values") {
  std::vector<Money> odd{9, 1, 5}, even{100, 7, 1, 4}, ties{3, 3, 1, 3}, none;
  CHECK(retention::select_median_money(odd.data(), odd.data() + odd.size()) == 5);
  CHECK(retention::select_median_money(even.data(), even.data() + even.size()) == 6);
  CHECK(retention::select_median_money(ties.data(), ties.data() + ties.size()) == 3);
  CHECK(retention::select_median_money(none.data(), none.data()) == 0);
  for (uint32_t seed = 1; seed <= 50; ++seed) {
    std::vector<Money> values(seed);
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<Money>((i * 2654435761u + seed) % 97) - 40;
    std::vector<Money> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    CHECK(retention::select_median_money(values.data(), values.data() + values.size()) ==
          retention::median_money(sorted.data(), sorted.data() + sorted.size()));
  }
}
