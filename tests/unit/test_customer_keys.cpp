// The orders' customers, keyed while reading and numbered after it (issue 11): every key kind stays
// exact, the numbers follow first sight as interning while reading gave them, and each customer's
// attribute is the first value in row order, whatever the order of the rows.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/customer_keys.hpp"
#include "model/order_book.hpp"
#include "tricky_keys.hpp"

using retention::ChunkedColumn;
using retention::CustomerKeys;
using retention::CustomerNames;

namespace {

// Keys of every kind, each met several times, in an order that spreads first sightings over the file.
std::vector<std::string> order_customers(size_t orders, bool long_only) {
  std::vector<std::string> keys;
  std::mt19937_64 random(orders);
  if (!long_only)
    for (const std::string& key : test::tricky_keys()) keys.push_back(key);
  while (keys.size() < orders) {
    const uint64_t n = random() % (orders / 3 + 1);
    switch (long_only ? 3 : n % 5) {
      case 0: keys.push_back("C" + std::to_string(n)); break;
      case 1: keys.push_back(std::to_string(n * 1000003 + 100000000000ull)); break;
      case 2: keys.push_back(std::string(n % 4, '0') + std::to_string(n % 1000)); break;
      case 3: keys.push_back("customer" + std::to_string(n) + "@example.com"); break;
      default: keys.push_back(std::to_string(n)); break;
    }
  }
  return keys;
}

// `by_number`: whether the keys must be numbered through their numbers (true) or the tables (false).
void check_resolved(const std::vector<std::string>& keys, double expected_customers,
                    std::optional<bool> by_number = std::nullopt) {
  CustomerKeys customer_keys;
  for (const std::string& key : keys) customer_keys.add(key);
  for (size_t o = 0; o < keys.size(); o += 97) {
    REQUIRE(customer_keys.is(o, keys[o]));
    REQUIRE_FALSE(customer_keys.is(o, keys[o] + "x"));
    REQUIRE(customer_keys.is(o, keys[(o + 1) % keys.size()]) == (keys[o] == keys[(o + 1) % keys.size()]));
  }
  CustomerNames names;
  bool went_by_number = false;
  const ChunkedColumn<uint32_t> ids = customer_keys.resolve(names, expected_customers, &went_by_number);
  if (by_number) REQUIRE_MESSAGE(went_by_number == *by_number, "first key " << keys[0] << " of " << keys.size());
  std::unordered_map<std::string, uint32_t> first_sight;
  REQUIRE(ids.size() == keys.size());
  for (size_t o = 0; o < keys.size(); ++o) {
    auto [at, added] = first_sight.emplace(keys[o], static_cast<uint32_t>(first_sight.size()));
    REQUIRE_MESSAGE(ids[o] == at->second, "order " << o << " key " << keys[o].substr(0, 40));
  }
  REQUIRE(names.size() == first_sight.size());
  for (const auto& [key, id] : first_sight) {
    REQUIRE(names[id] == key);
    REQUIRE(names.length(id) == key.size());
  }
  CHECK(customer_keys.size() == 0);  // nothing left behind
}

// `orders` keys make(n), n drawn from [0, spread), each met about three times.
template <class Make>
std::vector<std::string> numbered_customers(size_t orders, uint64_t spread, Make make) {
  std::vector<std::string> keys;
  std::mt19937_64 random(orders + spread);
  for (size_t o = 0; o < orders; ++o) keys.push_back(make(random() % spread));
  return keys;
}

std::string padded(uint64_t n, size_t width) {
  std::string digits = std::to_string(n);
  return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

}  // namespace

TEST_CASE("customers numbered in a dense range are resolved by their numbers, as the tables number them") {
  auto with_prefix = [](uint64_t n) { return "C" + std::to_string(n); };
  check_resolved(numbered_customers(3000, 1000, with_prefix), -1, true);
  // Across blocks of orders (2^20), the last one a part.
  check_resolved(numbered_customers(2300000, 700000, with_prefix), -1, true);
  // Zero-padded to one width, "C0000007": the width tells none apart, the number does.
  check_resolved(numbered_customers(5000, 2000, [](uint64_t n) { return "C" + padded(n, 7); }), -1, true);
  check_resolved(numbered_customers(5000, 100, [](uint64_t n) { return padded(n, 2); }), -1, true);
  // Plain numbers from 8 digits (kept as bytes) to 9 (kept as a value), and 13-digit ids in a run.
  check_resolved(numbered_customers(5000, 5000, [](uint64_t n) { return std::to_string(99997500 + n); }), -1, true);
  check_resolved(numbered_customers(5000, 4000, [](uint64_t n) { return std::to_string(6029384756123 + n); }), -1,
                 true);
  check_resolved(numbered_customers(5000, 4000, [](uint64_t n) { return "AB-" + std::to_string(n); }), -1, true);
}

TEST_CASE("customers whose numbers do not tell them apart or spread wide are resolved by the tables") {
  // "7", "07" and "007": one number, three customers.
  check_resolved(numbered_customers(5000, 3000, [](uint64_t n) { return padded(n % 1000, 1 + n / 1000); }), -1,
                 false);
  check_resolved(numbered_customers(5000, 2000, [](uint64_t n) { return "C" + padded(n % 100, 2 + n % 3); }), -1,
                 false);
  // Two prefixes, a key without digits, a range far wider than the orders, an email among numbers.
  check_resolved(numbered_customers(5000, 2000, [](uint64_t n) { return (n % 2 ? "C" : "D") + std::to_string(n); }),
                 -1, false);
  check_resolved(numbered_customers(5000, 2000, [](uint64_t n) { return n == 77 ? "C" : "C" + std::to_string(n); }),
                 -1, false);
  check_resolved(numbered_customers(5000, 2000, [](uint64_t n) { return std::to_string(n * 1000003 + 1); }), -1,
                 false);
  // 13-digit ids further apart than a 32-bit difference from the first: no longer kept as numbers from there.
  check_resolved(
      numbered_customers(5000, 2000, [](uint64_t n) { return std::to_string(6000000000000 + n * 10000000); }), -1,
      false);
  check_resolved(numbered_customers(5000, 2000,
                                    [](uint64_t n) { return n == 5 ? "a@example.com" : "C" + std::to_string(n); }),
                 -1, false);
}

TEST_CASE("resolved customers are numbered by first sight, exactly, across key kinds and blocks") {
  check_resolved(order_customers(1000, false), -1);
  // More orders than two blocks and one partition hold (2^20 orders a block, 16,384 a partition), the
  // last block a part.
  check_resolved(order_customers(2300000, false), -1);
}

TEST_CASE("resolving gives the same numbers when the tables must grow past their estimate") {
  check_resolved(order_customers(50000, false), 1);
}

TEST_CASE("a file whose customers are all emails keeps their first-sight numbers") {
  check_resolved(order_customers(20000, true), -1);
}

TEST_CASE("a customer's attribute is the first value in row order, whichever of its orders a row adds to") {
  // Rows of orders met again later (line items apart, an order's first row without the value), shared
  // orders and values beyond the first 254: the reference reads the rows one by one.
  std::mt19937_64 random(29);
  for (int trial = 0; trial < 60; ++trial) {
    retention::OrderBook book(1);
    std::map<std::string, std::string> first_customer_of_order;
    std::map<std::string, std::string> want;  // customer -> its value
    const size_t rows = 50 + random() % 400;
    const size_t values = trial % 3 == 0 ? 400 : 6;
    for (size_t r = 0; r < rows; ++r) {
      const std::string order_id = "#" + std::to_string(random() % (rows / 2 + 1));
      const std::string customer = "c" + std::to_string(random() % 25);
      const uint32_t order = book.add_row(customer, order_id, 19000, 19000, 1000);
      const std::string owner = first_customer_of_order.emplace(order_id, customer).first->second;
      if (random() % 3 == 0) continue;  // no value on this row
      const std::string value = "v" + std::to_string(random() % values);
      book.set_order_attribute(order, 0, value);
      want.emplace(owner, value);
    }
    book.finish_reading();
    std::map<std::string, std::string> got;
    const auto& of_customer = book.customer_attribute(0);
    for (uint32_t c = 0; c < book.customer_count(); ++c)
      if (c < of_customer.size() && of_customer[c] >= 0)
        got.emplace(book.customer_id(c), std::string(book.attribute_value(0, static_cast<uint32_t>(of_customer[c]))));
    REQUIRE(got == want);
  }
}

TEST_CASE("a short key's word holds its bytes in order, zero above, at every length") {
  std::mt19937 random(3);
  char bytes[8];
  for (int round = 0; round < 200; ++round) {
    for (char& b : bytes) b = static_cast<char>(random());
    for (size_t n = 0; n <= 8; ++n) {
      uint64_t expected = 0;
      for (size_t i = 0; i < n; ++i) expected |= uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * i);
      CHECK(retention::load_short(bytes, n) == expected);
    }
  }
}

TEST_CASE("the digits ending a text, read 8 bytes at a time, are those a byte loop finds") {
  // Bytes next to the digits' range ('/' and ':'), bytes whose low half is a digit's ('@', 0xB5), and
  // bytes that carry or borrow (0x00, 0xFF) around runs of every length, under every limit used.
  std::mt19937 random(12);
  const std::string others = std::string("/:@xO#-") + '\0' + '\xFF' + '\xB5' + '\xF9';
  for (int round = 0; round < 20000; ++round) {
    std::string text(random() % 30, '0');
    for (char& c : text) c = random() % 3 ? static_cast<char>('0' + random() % 10) : others[random() % others.size()];
    for (size_t limit : {size_t{15}, size_t{19}}) {
      size_t count = 0;
      uint64_t value = 0, scale = 1;
      for (size_t i = text.size(); i > 0 && count < limit && text[i - 1] >= '0' && text[i - 1] <= '9'; --i, ++count) {
        value += static_cast<uint64_t>(text[i - 1] - '0') * scale;
        scale *= 10;
      }
      CAPTURE(text);
      const retention::TrailingDigits got = retention::trailing_digits(text, limit);
      REQUIRE(got.count == count);
      REQUIRE(got.value == value);
    }
  }
  CHECK(retention::trailing_digits("9999999999999999999", 19).value == 9999999999999999999ull);
  CHECK(retention::trailing_digits("O1000042", 15).count == 7);
  CHECK(retention::trailing_digits("", 15).count == 0);
}
