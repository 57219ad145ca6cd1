// The BTYD summary: by hand, from the raw CDNOW purchases against lifetimes' summary file, and
// from the order book (counted orders only); the compression into weighted histories.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "analytics/clv/summary.hpp"
#include "cdnow.hpp"

using retention::Date;
using retention::kMoneyScale;
using retention::TimeUnit;
using retention::clv::compress;
using retention::clv::CustomerSummary;
using retention::clv::summarise;

TEST_CASE("same-day orders merge; the first purchase starts the clock; the holdout counts days after the calibration end") {
  using cdnow::day;
  // c0: two orders on 01-01 (one transaction of 15), 01-08 (20); holdout 01-15; 01-20 is after the holdout.
  // c1: one order on 01-09. c2: first order after the calibration end. The last entry is no transaction.
  std::vector<int32_t> customer{0, 0, 0, 0, 0, 1, 2, -1};
  std::vector<Date> date{day("2024-01-01"), day("2024-01-01"), day("2024-01-08"), day("2024-01-15"),
                         day("2024-01-20"), day("2024-01-09"), day("2024-01-12"), day("2024-01-02")};
  std::vector<retention::Money> value{10, 5, 20, 30, 7, 100, 50, 1};
  for (auto& v : value) v *= kMoneyScale;
  for (TimeUnit unit : {TimeUnit::days, TimeUnit::weeks}) {
    double k = unit == TimeUnit::weeks ? 7 : 1;
    auto s = summarise(3, customer, date, value, {day("2024-01-10"), day("2024-01-18"), unit});
    CHECK(s.x == std::vector<int32_t>{1, 0, -1});
    CHECK(s.tx[0] == doctest::Approx(7 / k));
    CHECK(s.T[0] == doctest::Approx(9 / k));
    CHECK(s.zbar[0] == 20);
    CHECK(s.holdout[0] == 1);
    CHECK(s.tx[1] == 0);
    CHECK(s.T[1] == doctest::Approx(1 / k));
    CHECK(s.zbar[1] == 0);
    CHECK_FALSE(s.observed(2));
    CHECK(s.mergedOrders == 1);
  }
}

TEST_CASE("the summary of the raw CDNOW purchases is lifetimes' summary file") {
  CustomerSummary ours = cdnow::exact_summary();
  CustomerSummary theirs = cdnow::summary();  // ID,x,t_x,T,zbar rounded to 2 decimals
  REQUIRE(ours.size() == theirs.size());
  size_t repeaters = 0;
  double zbar_sum = 0;
  for (size_t i = 0; i < ours.size(); ++i) {
    CAPTURE(i + 1);
    CHECK(ours.x[i] == theirs.x[i]);
    CHECK(std::fabs(ours.tx[i] - theirs.tx[i]) <= 0.005);
    CHECK(std::fabs(ours.T[i] - theirs.T[i]) <= 0.005);
    CHECK(std::fabs(ours.zbar[i] - theirs.zbar[i]) <= 0.005 + 1e-9);
    if (ours.x[i] > 0) {
      ++repeaters;
      zbar_sum += ours.zbar[i];
    }
  }
  CHECK(repeaters == 946);
  CHECK(std::fabs(zbar_sum / 946 - 35.0786) < 0.001);  // 35.0786 is the mean of the values rounded to cents
  // Every purchase is a first, a repeat, a holdout transaction or merged into one of them.
  int64_t days = 0;
  for (size_t i = 0; i < ours.size(); ++i) days += ours.x[i] + 1 + ours.holdout[i];
  CHECK(days + ours.mergedOrders == 6919);
}

TEST_CASE("from the order book only orders with a positive amount count, as SPEC 4 says") {
  auto log = cdnow::transactions();
  retention::OrderBook orders;
  for (size_t i = 0; i < log.customer.size(); ++i)
    orders.add_row(std::to_string(log.customer[i] + 1), "", log.date[i], log.date[i], log.value[i]);
  orders.finish_reading();
  retention::CustomerTable customers;
  REQUIRE_FALSE(retention::build_customer_table(orders, cdnow::day("1998-06-30"), customers));
  // Eight CDNOW customers bought only CDs worth $0.00: no counted order, so not customers here.
  CHECK(customers.size() == 2357 - 8);
  auto ours = retention::clv::summarise_orders(
      customers, {cdnow::day("1997-09-30"), cdnow::day("1998-06-30"), TimeUnit::weeks});
  CustomerSummary all = cdnow::exact_summary();
  for (size_t row = 0; row < customers.size(); ++row) {
    size_t id = std::stoul(orders.customer_id(customers.customer[row])) - 1;
    CAPTURE(id + 1);
    CHECK(ours.x[row] == all.x[id]);
    CHECK(ours.tx[row] == all.tx[id]);
    CHECK(ours.T[row] == all.T[id]);
    CHECK(ours.zbar[row] == all.zbar[id]);
    CHECK(ours.holdout[row] == all.holdout[id]);
  }
}

TEST_CASE("identical histories become one weighted row") {
  CustomerSummary s;
  s.x = {0, 1, 0, 1, 1, -1};
  s.tx = {0, 2, 0, 2, 3, 0};
  s.T = {5, 5, 5, 5, 5, 0};
  s.zbar.assign(6, 0);
  s.holdout.assign(6, 0);
  auto h = compress(s);
  CHECK(h.xs == std::vector<int32_t>{0, 1});
  CHECK(h.times == std::vector<double>{0, 2, 3, 5});
  REQUIRE(h.rows.size() == 3);
  CHECK(h.rows[0].weight == 2);  // (0, 0, 5)
  CHECK(h.rows[1].weight == 2);  // (1, 2, 5)
  CHECK(h.rows[2].weight == 1);  // (1, 3, 5)
  CHECK(h.rowOf == std::vector<uint32_t>{0, 1, 0, 1, 2, retention::clv::Histories::kNone});
  CHECK(h.customers == 5);
  CHECK(h.repeatCustomers == 3);
  CHECK(h.repeat_rate() == doctest::Approx(3.0 / 25));
  auto pairs = retention::clv::pair_index(h);
  CHECK(pairs.keys.size() == 5);  // (x, t): (0, 0) (0, 5) (1, 2) (1, 3) (1, 5)
  CHECK(h.times[pairs.time(pairs.of_tx[2])] == 3);
  CHECK(h.xs[pairs.x(pairs.of_T[2])] == 1);
}

TEST_CASE("histories: keys packed in 64 bits and keys sorted field by field give the same rows") {
  // Random summaries with repeats among them, customers left out, and times that are not whole.
  uint64_t state = 99;
  auto next = [&](uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  for (size_t n : {size_t{1}, size_t{50}, size_t{5000}}) {
    CAPTURE(n);
    CustomerSummary s;
    for (size_t i = 0; i < n; ++i) {
      s.x.push_back(next(8) == 0 ? -1 : static_cast<int32_t>(next(6)));
      const double T = static_cast<double>(next(60)) / (next(2) ? 7 : 1);
      s.T.push_back(T);
      s.tx.push_back(s.x.back() > 0 ? T * static_cast<double>(next(100)) / 100 : 0);
    }
    s.zbar.assign(n, 0);
    s.holdout.assign(n, 0);
    const auto packed = compress(s), sorted = compress(s, false);
    CHECK(packed.xs == sorted.xs);
    CHECK(packed.times == sorted.times);
    CHECK(packed.rowOf == sorted.rowOf);
    REQUIRE(packed.rows.size() == sorted.rows.size());
    for (size_t r = 0; r < packed.rows.size(); ++r) {
      CHECK(packed.rows[r].x == sorted.rows[r].x);
      CHECK(packed.rows[r].tx == sorted.rows[r].tx);
      CHECK(packed.rows[r].T == sorted.rows[r].T);
      CHECK(packed.rows[r].weight == sorted.rows[r].weight);
    }
    // Every customer kept is in the row of its own history.
    for (size_t i = 0; i < n; ++i) {
      if (s.x[i] < 0) {
        CHECK(packed.rowOf[i] == retention::clv::Histories::kNone);
        continue;
      }
      const auto& row = packed.rows[packed.rowOf[i]];
      CHECK(packed.xs[row.x] == s.x[i]);
      CHECK(packed.times[row.tx] == s.tx[i]);
      CHECK(packed.times[row.T] == s.T[i]);
    }
  }
}
