#include <doctest/doctest.h>

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
