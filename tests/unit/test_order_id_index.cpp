#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/order_id_index.hpp"

using retention::OrderIdIndex;

namespace {

// Adds `ids` in turn as the order book does (find, then add when new) and checks every answer, and
// then every id and a set of near misses, against a plain hash map of the strings.
void check_against_map(const std::vector<std::string>& ids, const std::vector<std::string>& never_added) {
  OrderIdIndex index;
  std::unordered_map<std::string, uint32_t> expected;
  for (const std::string& id : ids) {
    auto known = expected.find(id);
    const uint32_t found = index.find(id);
    if (known == expected.end()) {
      REQUIRE_MESSAGE(found == OrderIdIndex::kNone, "a new id was found: " << id);
      const auto order = static_cast<uint32_t>(expected.size());
      index.add(id, order);
      expected.emplace(id, order);
    } else {
      REQUIRE_MESSAGE(found == known->second, "id " << id);
    }
  }
  for (const auto& [id, order] : expected) REQUIRE_MESSAGE(index.find(id) == order, "id " << id);
  for (const std::string& id : never_added)
    if (!expected.count(id)) REQUIRE_MESSAGE(index.find(id) == OrderIdIndex::kNone, "never added: " << id);
}

std::string numbered(const std::string& prefix, uint64_t n, int width = 0) {
  std::string digits = std::to_string(n);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  return prefix + digits;
}

}  // namespace

TEST_CASE("order ids in ascending, descending and shuffled order with repeats are found exactly") {
  std::mt19937_64 random(7);
  for (const std::string prefix : {"", "#", "O", "C", "WC-", "order/", "\xC3\xA9-"}) {
    std::vector<std::string> ascending, descending, shuffled, misses;
    for (uint64_t n = 0; n < 3000; ++n) {
      ascending.push_back(numbered(prefix, 1000 + n * 3));
      descending.push_back(numbered(prefix, 100000 - n * 7));
      misses.push_back(numbered(prefix, 1001 + n * 3));
      misses.push_back(numbered(prefix, 99999 - n * 7));
    }
    shuffled = ascending;
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    // Line items: an order's rows again, next to each other or far apart.
    std::vector<std::string> with_repeats;
    for (size_t i = 0; i < descending.size(); ++i) {
      with_repeats.push_back(descending[i]);
      if (i % 5 == 0) with_repeats.push_back(descending[i]);
      if (i % 11 == 0) with_repeats.push_back(descending[random() % (i + 1)]);
    }
    check_against_map(ascending, misses);
    check_against_map(with_repeats, misses);
    check_against_map(shuffled, misses);
    // Out-of-order ids after an ascending run: the run keeps growing, the others go to the table.
    std::vector<std::string> mixed = ascending;
    for (size_t i = 0; i < 500; ++i) mixed.insert(mixed.begin() + static_cast<long>(random() % mixed.size()), numbered(prefix, random() % 20000));
    check_against_map(mixed, misses);
  }
}

TEST_CASE("ids that differ only in leading zeros, long digit runs or their prefix stay apart") {
  std::vector<std::string> ids = {"7", "07", "007", "0", "00", "A7", "A07", "a7", "7A", "A", "",
                                  "123456789012345", "0123456789012345", "9123456789012345",
                                  "1000000000000000000001", "2000000000000000000001", "18446744073709551617",
                                  "99999999999999999999999999", "x999999999999999", "x0999999999999999",
                                  "a-very-long-prefix-indeed-1", "a-very-long-prefix-indeed-2", "#1001", "#1001 ",
                                  " #1001", "#10 01", "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                                  "ch_3MqBmK2eZvKYlo2C0tR3Zx1A", "pi_1", "pi_01", "pi_1"};
  std::vector<std::string> misses = {"0007", "A007", "B7", "1234567890123450", "3000000000000000000001", "#1002",
                                     "pi_001", "a-very-long-prefix-indeed-3", "ch_3MqBmK2eZvKYlo2C0tR3Zx1B"};
  check_against_map(ids, misses);
  std::vector<std::string> reversed(ids.rbegin(), ids.rend());
  check_against_map(reversed, misses);
}

TEST_CASE("more prefixes than the index numbers: the rest are kept as strings, still exact") {
  std::mt19937_64 random(11);
  std::vector<std::string> ids, misses;
  for (int p = 0; p < 400; ++p)
    for (int n = 0; n < 5; ++n) {
      ids.push_back(numbered("shop" + std::to_string(p * 13) + "x", random() % 50, 3));
      misses.push_back(numbered("shop" + std::to_string(p * 13 + 1) + "x", n));
    }
  check_against_map(ids, misses);
}

TEST_CASE("consecutive ids are kept as stretches and found exactly, across gaps, digit counts and directions") {
  std::mt19937_64 random(13);
  std::vector<std::string> ascending, descending, interleaved, misses;
  uint64_t n = 1;
  for (int i = 0; i < 5000; ++i, ++n) {
    if (random() % 300 == 0) {  // a gap, as a deleted or test order leaves
      misses.push_back(numbered("#", n));
      ++n;
    }
    ascending.push_back(numbered("#", n));
    if (i % 4 == 0) ascending.push_back(numbered("#", n));  // a line item of the same order
  }
  misses.push_back(numbered("#", 0));
  misses.push_back(numbered("#", n));
  misses.push_back(numbered("#", n + 1));
  misses.push_back("#01");  // leading zero: another id
  for (uint64_t k = 0; k < 3000; ++k) descending.push_back(numbered("R", 90000 - k));
  misses.push_back(numbered("R", 90001));
  misses.push_back(numbered("R", 87000));
  // Two shops' numbering in one file: each prefix's ids are consecutive, their orders are not.
  for (uint64_t k = 0; k < 2000; ++k) interleaved.push_back(numbered(k % 2 ? "A-" : "B-", 100 + k / 2));
  check_against_map(ascending, misses);
  check_against_map(descending, misses);
  check_against_map(interleaved, {"A-99", "B-1100", "A-1100"});
}
