// kth_smallest and smallest_at_ranks (model/select.hpp) against std::nth_element on a copy, over values that stress the
// bucket arithmetic: both extremes of the type, runs of equal values, narrow and wide ranges.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "model/select.hpp"

namespace {

template <class T>
void check_every_rank(const std::vector<T>& values) {
  std::vector<T> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  auto each = [&](auto f) {
    for (T v : values) f(v);
  };
  std::vector<size_t> ranks;
  for (size_t k = 0; k < values.size(); ++k) {
    REQUIRE(retention::kth_smallest<T>(each, k) == sorted[k]);
    ranks.push_back(k);
  }
  // Many ranks at once, in any order: the first counting pass is shared.
  std::shuffle(ranks.begin(), ranks.end(), std::mt19937_64(values.size()));
  const std::vector<T> at = retention::smallest_at_ranks<T>(each, ranks);
  for (size_t i = 0; i < ranks.size(); ++i) REQUIRE(at[i] == sorted[ranks[i]]);
}

}  // namespace

TEST_CASE("kth_smallest finds every rank exactly, whatever the range of the values") {
  std::mt19937_64 random(5);
  using Limits64 = std::numeric_limits<int64_t>;
  std::vector<int64_t> wide = {Limits64::min(), Limits64::max(), 0, -1, 1, Limits64::min() + 1, Limits64::max() - 1};
  for (int i = 0; i < 300; ++i) wide.push_back(static_cast<int64_t>(random()));
  check_every_rank(wide);

  std::vector<int64_t> cents;  // order amounts: many repeats, a long tail
  for (int i = 0; i < 400; ++i) cents.push_back(i % 7 == 0 ? 1999 : static_cast<int64_t>(random() % 100000) * (i % 13 ? 1 : 997));
  check_every_rank(cents);

  std::vector<int32_t> days;  // dates: days since 1970, with typos centuries ahead
  for (int i = 0; i < 400; ++i) days.push_back(19000 + static_cast<int32_t>(random() % 1500));
  days.push_back(84000);
  days.push_back(std::numeric_limits<int32_t>::max());
  days.push_back(std::numeric_limits<int32_t>::min());
  check_every_rank(days);

  check_every_rank(std::vector<int32_t>(50, 7));  // all equal: no pass needed
  check_every_rank(std::vector<int64_t>{42});
}

TEST_CASE("a bucket too crowded to gather is narrowed pass by pass, to the same values") {
  // 70,000 values below 2^40 and one at 2^62: the first pass's buckets are 2^46 wide, so every value
  // but one shares the first bucket, a wide range holding more values than are gathered in memory.
  std::mt19937_64 random(23);
  std::vector<int64_t> values;
  for (int i = 0; i < 70000; ++i) values.push_back(static_cast<int64_t>(random() >> 24) - (i % 3 ? 0 : 5));
  values.push_back(int64_t{1} << 62);
  std::vector<int64_t> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<size_t> ranks = {0, 1, 2, 35000, 69998, 69999, 70000};
  for (int i = 0; i < 40; ++i) ranks.push_back(random() % values.size());
  auto each = [&](auto f) {
    for (int64_t v : values) f(v);
  };
  const std::vector<int64_t> at = retention::smallest_at_ranks<int64_t>(each, ranks);
  for (size_t i = 0; i < ranks.size(); ++i) CHECK(at[i] == sorted[ranks[i]]);
}

// default_as_of selects the latest dates instead of sorting all: the same answers as the sort
// (SPEC 4 and issue 13's rule, written here over a sorted copy) on files with and without typos.
#include "model/plausibility.hpp"

TEST_CASE("default_as_of sets the same far-future orders aside as sorting every counted date would") {
  std::mt19937_64 random(17);
  int set_aside = 0;
  for (int trial = 0; trial < 300; ++trial) {
    retention::OrderBook book;
    std::vector<retention::Date> counted;
    const size_t n = 1 + random() % 400;
    for (size_t i = 0; i < n; ++i) {
      auto date = static_cast<retention::Date>(19000 + random() % 700);
      if (random() % 60 == 0) date += static_cast<retention::Date>(200 + random() % (trial % 2 ? 600 : 3000000));
      const retention::Money net = random() % 9 == 0 ? -500 : random() % 11 == 0 ? 0 : 1000;
      book.add_row("c" + std::to_string(i % 37), "", date, date, net);
      if (net > 0) counted.push_back(date);
    }
    book.finish_reading();
    const retention::DefaultAsOf got = retention::default_as_of(book);
    retention::DefaultAsOf want;
    std::sort(counted.begin(), counted.end());
    if (!counted.empty()) want.asOf = counted.back();
    const size_t m = counted.size();
    if (m >= retention::kMinOrdersForFarFuture) {
      const size_t most = std::max<size_t>(1, m / 100);
      for (size_t k = m - most; k < m; ++k)
        if (counted[k] - counted[k - 1] > 365) {
          want.asOf = counted[k - 1];
          want.farFutureOrders = static_cast<int64_t>(m - k);
          want.firstFarFuture = counted[k];
          break;
        }
    }
    REQUIRE(got.asOf == want.asOf);
    REQUIRE(got.farFutureOrders == want.farFutureOrders);
    REQUIRE(got.firstFarFuture == want.firstFarFuture);
    set_aside += want.farFutureOrders > 0;
  }
  CHECK(set_aside > 30);  // the files do exercise the rule
}
