// The narrow product lines (model/order_lines.hpp, model/narrow_column.hpp) against plain vectors.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "model/order_lines.hpp"

using retention::Money;
using retention::NarrowColumn;
using retention::OrderLines;

namespace {

struct Expected {
  std::vector<uint32_t> orders, products;
  std::vector<Money> amounts;
};

void check_same(OrderLines& lines, const Expected& e) {
  REQUIRE(lines.size() == e.orders.size());
  std::vector<uint32_t> orders;
  lines.for_each_order([&](size_t line, uint32_t order) {
    CHECK(line == orders.size());
    orders.push_back(order);
  });
  CHECK(orders == e.orders);
  lines.products().visit([&](auto& column, auto value_of) {
    REQUIRE(column.size() == e.products.size());
    for (size_t i = 0; i < column.size(); ++i)
      if (value_of(column[i]) != e.products[i]) REQUIRE_MESSAGE(value_of(column[i]) == e.products[i], "at " << i);
  });
  lines.amounts().visit([&](auto& column, auto value_of) {
    REQUIRE(column.size() == e.amounts.size());
    for (size_t i = 0; i < column.size(); ++i)
      if (value_of(column[i]) != e.amounts[i]) REQUIRE_MESSAGE(value_of(column[i]) == e.amounts[i], "at " << i);
  });
}

// Orders as exports give them: mostly the same or the next order, sometimes far ahead (orders without
// a product between), sometimes an earlier one (a line item apart from its order).
uint32_t next_order(std::mt19937& random, uint32_t last) {
  switch (random() % 8) {
    case 0: return static_cast<uint32_t>(random() % (last + 1));  // an earlier order, or the same
    case 1: return last + 200 + static_cast<uint32_t>(random() % 400);  // 254, 255 and beyond included
    case 2: return last + 254 + static_cast<uint32_t>(random() % 3);
    case 3: case 4: return last;
    default: return last + 1;
  }
}

}  // namespace

TEST_CASE("a narrow column reads back every value, before and after it widens") {
  NarrowColumn<int32_t, Money, 1000> amounts;
  std::vector<Money> expected;
  auto push = [&](Money m) {
    amounts.push_back(m);
    expected.push_back(m);
  };
  for (Money m : {Money{0}, Money{28260000}, Money{-1000}, Money{2147483647000}, Money{-2147483648000}}) push(m);
  CHECK_FALSE(amounts.widened());
  push(1500);  // not whole thousandths: every value is kept wide from here on
  CHECK(amounts.widened());
  for (Money m : {Money{2147483648000}, Money{-9000000000000000}, Money{7}}) push(m);
  amounts.visit([&](auto& column, auto value_of) {
    REQUIRE(column.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) CHECK(value_of(column[i]) == expected[i]);
  });
  for (Money beyond : {Money{2147483648000}, Money{-2147483649000}}) {
    NarrowColumn<int32_t, Money, 1000> column;
    column.push_back(1000);
    column.push_back(beyond);  // whole thousandths, but beyond 32 bits
    CHECK(column.widened());
  }
  NarrowColumn<uint16_t, uint32_t> products;
  for (uint32_t p : {0u, 65535u}) products.push_back(p);
  CHECK_FALSE(products.widened());
  products.push_back(65536);
  CHECK(products.widened());
}

TEST_CASE("a narrow column updated in place reads back every value, and widens on the first that does not fit") {
  for (const Money odd : {Money{2147483648000}, Money{1500}}) {  // beyond 32 bits; not whole thousandths
    CAPTURE(odd);
    std::mt19937 random(7);
    NarrowColumn<int32_t, Money, 1000> nets;
    std::vector<Money> expected;
    for (size_t i = 0; i < 70000; ++i) {  // past one block
      const Money m = static_cast<Money>(random() % 2000001) * 1000 - 1000000000;
      nets.push_back(m);
      expected.push_back(m);
    }
    for (size_t step = 0; step < 200000; ++step) {
      const size_t i = random() % expected.size();
      // An order's rows add up (OrderBook::add_row); once, the sum is one that does not fit.
      const Money sum = step == 150000 ? odd : nets[i] + static_cast<Money>(random() % 20001) * 1000 - 10000000;
      if (step == 150000) CHECK_FALSE(nets.widened());
      nets.set(i, sum);
      expected[i] = sum;
    }
    CHECK(nets.widened());
    REQUIRE(nets.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) CHECK(nets[i] == expected[i]);
  }
}

TEST_CASE("a narrow array holds its values narrow or wide, as the caller expects, and widens on a value that does not fit") {
  const std::vector<Money> fitting{0, -1000, 2147483647000, -2147483648000, 28260000};
  const std::vector<Money> wide{0, 1500, 2147483648000, -9000000000000000};
  for (const bool narrow : {true, false}) {
    const std::vector<Money>& values = narrow ? fitting : wide;
    bool fits = true;
    for (Money m : values) fits = fits && retention::fits_narrow<int32_t, Money, 1000>(m);
    CHECK(fits == narrow);
    retention::NarrowArray<int32_t, Money, 1000> array;
    array.assign(values.size(), fits);
    REQUIRE(array.size() == values.size());
    for (size_t i = 0; i < values.size(); ++i) CHECK(array[i] == 0);
    for (size_t i = values.size(); i-- > 0;) array.set(i, values[i]);
    for (size_t i = 0; i < values.size(); ++i) CHECK(array[i] == values[i]);
  }
  // Said narrow, then given a value that does not fit: widened, the values set before kept.
  retention::NarrowArray<int32_t, Money, 1000> array;
  array.assign(3, true);
  array.set(0, 28260000);
  array.set(2, -1000);
  array.set(1, 1500);
  CHECK(array[0] == 28260000);
  CHECK(array[1] == 1500);
  CHECK(array[2] == -1000);
}

TEST_CASE("order lines give back each line's order, product and amount") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    std::mt19937 random(seed);
    OrderLines lines;
    Expected e;
    uint32_t order = 0;
    // Seed 2 passes 65,535 products and seed 3 has amounts of a tenth of a cent: both widen.
    for (size_t i = 0; i < 200000; ++i) {
      order = next_order(random, order);
      const uint32_t product = static_cast<uint32_t>(random() % (seed == 2 ? 70000 : 1000));
      const Money amount = (static_cast<Money>(random() % 2000000) - 100000) * (seed == 3 ? 100 : 10000);
      lines.add(order, product, amount);
      e.orders.push_back(order);
      e.products.push_back(product);
      e.amounts.push_back(amount);
    }
    CHECK(lines.products().widened() == (seed == 2));
    CHECK(lines.amounts().widened() == (seed == 3));
    check_same(lines, e);

    // Keeping some orders, numbered anew in order (as a date range does): the lines of the others go.
    const uint32_t none = UINT32_MAX;
    uint32_t orders = 0;
    for (uint32_t o : e.orders) orders = std::max(orders, o + 1);
    std::vector<uint32_t> moved_to(orders, none);
    uint32_t kept = 0;
    for (uint32_t o = 0; o < orders; ++o)
      if (random() % 3) moved_to[o] = kept++;
    Expected k;
    for (size_t i = 0; i < e.orders.size(); ++i) {
      if (moved_to[e.orders[i]] == none) continue;
      k.orders.push_back(moved_to[e.orders[i]]);
      k.products.push_back(e.products[i]);
      k.amounts.push_back(e.amounts[i]);
    }
    lines.keep_orders(moved_to, none);
    check_same(lines, k);
    // Lines added after keep_orders follow the kept ones.
    lines.add(kept, 7, 10000);
    lines.add(0, 8, 20000);
    k.orders.insert(k.orders.end(), {kept, 0});
    k.products.insert(k.products.end(), {7, 8});
    k.amounts.insert(k.amounts.end(), {10000, 20000});
    check_same(lines, k);
  }
}
