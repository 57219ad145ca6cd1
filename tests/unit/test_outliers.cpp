// Data quality's outliers (Tukey's far-out fence, Q3 + 3 x IQR of the counted orders' amounts, and the
// five largest): the engine selects the quartiles without a copy of the amounts, checked here against
// numpy.quantile's default (linear) method written out over a sorted copy.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "engine_run.hpp"
#include "ingest/dates.hpp"
#include "ingest/money.hpp"

namespace {

struct Order {
  int id;
  std::string customer;
  retention::Date date;
  long long cents;
};

double linear_quantile(const std::vector<long long>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<size_t>(pos);
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return static_cast<double>(sorted[lo]) + (pos - static_cast<double>(lo)) * static_cast<double>(sorted[hi] - sorted[lo]);
}

}  // namespace

TEST_CASE("the outlier fence and the largest orders match the quartiles of a sorted copy") {
  std::mt19937_64 random(23);
  const retention::Date first = *retention::read_date("2023-01-01").month_first;
  int with_outliers = 0;
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<Order> orders;
    std::string csv = "order_id,customer,date,amount\n";
    const int n = 15 + static_cast<int>(random() % 300);
    for (int i = 0; i < n; ++i) {
      // Amounts with ties, refunds, zeros and a long tail; a wide range in every third file.
      long long cents = 100 * static_cast<long long>(1 + random() % 60) + (i % 4 ? 99 : 0);
      if (random() % 25 == 0) cents *= 40;
      if (trial % 3 == 2 && random() % 10 == 0) cents *= 1000000;
      if (random() % 12 == 0) cents = -cents;
      if (random() % 30 == 0) cents = 0;
      Order o{i, "c" + std::to_string(random() % 40), first + static_cast<retention::Date>(random() % 500), cents};
      orders.push_back(o);
      csv += "#" + std::to_string(o.id) + "," + o.customer + "," + retention::format_date(o.date) + "," +
             (cents < 0 ? "-" : "") + std::to_string(std::llabs(cents) / 100) + "." +
             (std::llabs(cents) % 100 < 10 ? "0" : "") + std::to_string(std::llabs(cents) % 100) + "\n";
    }
    const test::Run run = test::analyse(csv);
    constexpr long long kPerCent = retention::kMoneyScale / 100;
    REQUIRE_MESSAGE(run.ok, run.error.message);
    const auto& quality = run.report.dataQuality;
    std::vector<long long> amounts;
    for (const Order& o : orders)
      if (o.cents > 0) amounts.push_back(o.cents);  // the default asOf is the latest counted order
    if (amounts.size() < 20) {
      CHECK(quality.outlierThreshold == 0);
      CHECK(quality.largestOrders.empty());
      continue;
    }
    std::vector<long long> sorted = amounts;
    std::sort(sorted.begin(), sorted.end());
    const double q1 = linear_quantile(sorted, 0.25), q3 = linear_quantile(sorted, 0.75);
    const long long fence = std::llround((q3 + 3 * (q3 - q1)) * kPerCent);
    CHECK(quality.outlierThreshold == fence);
    CHECK(quality.outlierOrders == std::count_if(amounts.begin(), amounts.end(), [&](long long a) { return a * kPerCent > fence; }));
    with_outliers += quality.outlierOrders > 0;
    // The largest five: by amount, the earlier order first among equals.
    std::vector<Order> counted;
    for (const Order& o : orders)
      if (o.cents > 0) counted.push_back(o);
    std::stable_sort(counted.begin(), counted.end(), [](const Order& a, const Order& b) { return a.cents > b.cents; });
    REQUIRE(quality.largestOrders.size() == 5);
    for (size_t i = 0; i < 5; ++i) {
      CHECK(quality.largestOrders[i].amount == counted[i].cents * kPerCent);
      CHECK(quality.largestOrders[i].customer == counted[i].customer);
      CHECK(quality.largestOrders[i].date == counted[i].date);
    }
  }
  CHECK(with_outliers > 10);
}
