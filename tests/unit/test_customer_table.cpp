// orders -> customers: the figures per customer and each customer's orders by date (SPEC 4).
#include <doctest/doctest.h>

#include "shop.hpp"

using namespace shop;

namespace {

// Each row of the customer table made from book `b` of shop `s`, beside that customer's reference.
template <class Check>
void each_row_against_reference(const Shop& s, const OrderBook& b, Check check) {
  const CustomerTable t = table(b, s.asOf);
  const Ref ref = reference(s);
  REQUIRE(t.size() == ref.customers.size());
  for (size_t row = 0; row < t.size(); ++row) check(t, row, ref.customers.at(id_of(b, t, row)));
}

}  // namespace

TEST_CASE("each customer's orders up to asOf are grouped and sorted by date, refunds included") {
  Shop s = hand_shop();
  s.orders.push_back({"ann", day("2024-07-01"), {{"Mug", cents(999)}}});  // after asOf: ignored
  s.asOf = day("2024-06-30");
  OrderBook b = book(s);
  CustomerTable t = table(b, s.asOf);
  REQUIRE(t.size() == 6);
  CHECK(t.ordersAfterAsOf == 1);
  CHECK(t.customersWithoutOrders == 1);  // eve
  CHECK(t.rowOf[b.order_customer()[8]] == -1);  // eve's refund
  // dan: row 3, his order then his refund
  CHECK(id_of(b, t, 3) == "dan");
  REQUIRE(t.orderStart[4] - t.orderStart[3] == 2);
  CHECK(t.orderDate[t.orderStart[3]] == day("2024-01-15"));
  CHECK(t.orderNet[t.orderStart[3] + 1] == cents(-2000));
  CHECK(t.monetary[3] == cents(5000));
  CHECK(t.frequency[3] == 1);
  // every row's orders are by date, and there are as many as the reference has
  Ref ref = reference(s);
  for (size_t row = 0; row < t.size(); ++row) {
    const RefCustomer& c = ref.customers.at(id_of(b, t, row));
    CHECK(t.orderStart[row + 1] - t.orderStart[row] == c.all.size());
    for (uint32_t k = t.orderStart[row] + 1; k < t.orderStart[row + 1]; ++k) CHECK(t.orderDate[k - 1] <= t.orderDate[k]);
  }
}

TEST_CASE("an unsorted file gives every customer's orders in date order") {
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    Shop s = random_shop(seed);
    each_row_against_reference(s, book(s), [](const CustomerTable& t, size_t row, const RefCustomer& c) {
      CHECK(t.frequency[row] == c.frequency);
      CHECK(t.monetary[row] == c.monetary);
      CHECK(t.recencyDays[row] == c.recency);
      std::vector<Date> dates(t.orderDate.begin() + t.orderStart[row], t.orderDate.begin() + t.orderStart[row + 1]);
      std::vector<Date> expected;
      for (const auto& [date, net] : c.all) expected.push_back(date);
      std::sort(expected.begin(), expected.end());
      CHECK(dates == expected);
    });
  }
}

TEST_CASE("orders of one day keep their file order within a customer, however many orders she has") {
  // 10 and 40 orders: both sides of the short-list insertion sort. Dates repeat; the net amount says
  // where an order was in the file.
  Shop s;
  for (int customers : {10, 40}) {
    const std::string who = "c" + std::to_string(customers);
    for (int i = 0; i < customers; ++i)
      s.orders.push_back({who, day("2024-01-01") + (i * 7) % 5, {{"Mug", cents(100 + i)}}});
  }
  OrderBook b = book(s);
  CustomerTable t = table(b, day("2024-01-31"));
  REQUIRE(t.size() == 2);
  for (size_t row = 0; row < 2; ++row) {
    for (uint32_t k = t.orderStart[row] + 1; k < t.orderStart[row + 1]; ++k) {
      CHECK(t.orderDate[k - 1] <= t.orderDate[k]);
      if (t.orderDate[k - 1] == t.orderDate[k]) CHECK(t.orderNet[k - 1] < t.orderNet[k]);
    }
  }
}

TEST_CASE("tens of thousands of customers: each one's orders by date, file order kept on a day") {
  // The orders are put in place bucket by bucket of a few thousand rows (index_customer_orders): here
  // about ten buckets, with customers left out, orders after asOf, and a few customers of 40 orders.
  for (uint32_t seed = 1; seed <= 2; ++seed) {
    Shop s = random_shop(seed, 30000, 40000);
    std::mt19937 rng(seed);
    for (int heavy = 0; heavy < 5; ++heavy)
      for (int k = 0; k < 40; ++k)
        s.orders.push_back({"heavy" + std::to_string(heavy), day("2022-01-01") + k % 7, {{"Mug", cents(100 + k)}}});
    std::shuffle(s.orders.begin(), s.orders.end(), rng);
    each_row_against_reference(s, book(s), [](const CustomerTable& t, size_t row, const RefCustomer& c) {
      std::vector<std::pair<Date, Money>> orders, expected = c.all;  // c.all: in file order
      for (uint32_t k = t.orderStart[row]; k < t.orderStart[row + 1]; ++k) orders.emplace_back(t.orderDate[k], t.orderNet[k]);
      std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      CHECK(orders == expected);
    });
  }
}

TEST_CASE("tens of thousands of customers: the figures summed bucket by bucket, in several sweeps, are the reference's") {
  // build_customer_rows sums the orders in buckets of 8,192 customers, the buckets in sweeps of at most
  // 1.5 orders a customer, or of the largest bucket. About 4 orders a customer here: 2 sweeps or more.
  // One customer of 60,000 orders makes her bucket larger than 1.5 orders a customer in the seeds
  // where her orders are up to asOf; half the seeds have orders after asOf.
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    CAPTURE(seed);
    Shop s = random_shop(seed, 30000, 40000);
    for (int k = 0; k < 60000; ++k) s.orders.push_back({"heavy", day("2022-01-01") + k % 500, {{"Mug", cents(100 + k)}}});
    std::shuffle(s.orders.begin(), s.orders.end(), std::mt19937(seed));
    const OrderBook b = book(s);
    const CustomerTable t = table(b, s.asOf);
    const Ref ref = reference(s);
    int64_t after_as_of = 0;
    for (const RawOrder& o : s.orders) after_as_of += o.date > t.asOf;
    CHECK(t.ordersAfterAsOf == after_as_of);
    CHECK(t.size() + t.customersWithoutOrders <= b.customer_count());
    each_row_against_reference(s, b, [](const CustomerTable& t, size_t row, const RefCustomer& c) {
      CHECK(t.frequency[row] == c.frequency);
      CHECK(t.monetary[row] == c.monetary);
      CHECK(t.firstOrder[row] == c.first);
      CHECK(t.lastOrder[row] == c.last);
      CHECK(t.recencyDays[row] == c.recency);
      CHECK(t.orderStart[row + 1] - t.orderStart[row] == c.all.size());
    });
  }
}

TEST_CASE("the figures per customer made again from each row's orders are the same") {
  for (uint32_t seed = 1; seed <= 10; ++seed) {
    Shop s = random_shop(seed);
    OrderBook b = book(s);
    const CustomerTable t = table(b, s.asOf);
    CustomerTable again = t;
    again.free_figures();
    CHECK(again.monetary.capacity() == 0);
    retention::sum_customer_orders(again);
    CHECK(again.frequency == t.frequency);
    CHECK(again.monetary == t.monetary);
    CHECK(again.firstOrder == t.firstOrder);
    CHECK(again.lastOrder == t.lastOrder);
    CHECK(again.recencyDays == t.recencyDays);
  }
}

TEST_CASE("orders whose net leaves 32 bits of thousandths keep their exact amounts in the book and the table") {
  // Order nets are stored narrow while every one fits (model/narrow_column.hpp): a net of a tenth of a
  // cent, or two lines that each fit and add up beyond 2,147,483.647, widen the book's column and the
  // table's copy; a negative one too. Each against the reference, row by row.
  const std::vector<std::vector<Money>> odd_orders{
      {cents(1), 100}, {cents(150000000), cents(100000000)}, {-cents(150000000), -cents(100000000)}};
  for (size_t variant = 0; variant <= odd_orders.size(); ++variant) {
    CAPTURE(variant);
    Shop s = random_shop(static_cast<uint32_t>(variant + 3));
    if (variant < odd_orders.size()) {
      RawOrder& o = s.orders[s.orders.size() / 2];
      o.lines.clear();
      for (Money m : odd_orders[variant]) o.lines.push_back({"Mug", m});
    }
    OrderBook b = book(s);
    for (size_t o = 0; o < s.orders.size(); ++o) CHECK(b.order_net()[o] == s.orders[o].net());
    CHECK(b.order_net().widened() == (variant < odd_orders.size()));
    each_row_against_reference(s, b, [](const CustomerTable& t, size_t row, const RefCustomer& c) {
      CHECK(t.monetary[row] == c.monetary);
      std::vector<std::pair<Date, Money>> orders, expected = c.all;
      for (uint32_t k = t.orderStart[row]; k < t.orderStart[row + 1]; ++k) orders.emplace_back(t.orderDate[k], t.orderNet[k]);
      std::sort(orders.begin(), orders.end());
      std::sort(expected.begin(), expected.end());
      CHECK(orders == expected);
    });
  }
}
