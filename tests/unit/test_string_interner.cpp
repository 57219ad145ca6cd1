// The string interner keeps short keys whole in its slots and longer ones in its arena (issue 11):
// whatever the kind, two different strings never share an id and ids follow first sight.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/string_interner.hpp"
#include "tricky_keys.hpp"

using retention::StringInterner;


TEST_CASE("the interner gives each distinct string one id, in order of first sight, across key kinds") {
  StringInterner interner;
  std::unordered_map<std::string, uint32_t> expected;
  std::vector<std::string> keys = test::tricky_keys();
  std::mt19937_64 random(11);
  // Many numbered, short and long keys, each seen several times, in an order that grows the table often.
  for (int i = 0; i < 60000; ++i) {
    const uint64_t n = random() % 20000;
    switch (i % 5) {
      case 0: keys.push_back("C" + std::to_string(n)); break;
      case 1: keys.push_back(std::to_string(n * 1000003 + 100000000000ull)); break;
      case 2: keys.push_back(std::string(n % 4, '0') + std::to_string(n % 1000)); break;
      case 3: keys.push_back("customer" + std::to_string(n) + "@example.com"); break;
      default: keys.push_back(std::to_string(n)); break;
    }
  }
  for (const std::string& key : keys) {
    bool added = false;
    const uint32_t id = interner.intern(key, added);
    auto [at, is_new] = expected.emplace(key, static_cast<uint32_t>(expected.size()));
    REQUIRE_MESSAGE(added == is_new, key.size() << " bytes: " << key.substr(0, 40));
    REQUIRE(id == at->second);
  }
  REQUIRE(interner.size() == expected.size());
  for (const auto& [key, id] : expected) {
    CHECK(interner[id] == key);
    CHECK(interner.find(key) == id);
  }
  CHECK(interner.find("C99999999") == -1);
  CHECK(interner.find("99999999999999") == -1);
  CHECK(interner.find(std::string("7\0", 2)) == -1);
  CHECK(interner.find("no.one@example.com") == -1);
}

TEST_CASE("keys that differ only in their last bytes or digits are spread over the table") {
  // Product SKUs, numbered customers and long numeric ids: a placement that ignores some bytes of a
  // key piles them on a few slots, and every lookup then walks a long run.
  StringInterner skus, customers, numbers, emails;
  bool added = false;
  for (int i = 0; i < 50000; ++i) {
    std::string n = std::to_string(i);
    skus.intern("SKU-" + std::string(4 - std::min<size_t>(4, n.size() % 5), '0') + n, added);
    customers.intern("C" + std::to_string(1000000 + i), added);
    numbers.intern(std::to_string(6029384756123ull + static_cast<uint64_t>(i) * 1000), added);
    emails.intern("customer" + n + "@example.com", added);
  }
  for (const StringInterner* interner : {&skus, &customers, &numbers, &emails})
    CHECK(interner->mean_probe_length() < 2.5);
}

TEST_CASE("a small table stays sparse: a lookup among a few hundred values reads one slot nearly always") {
  StringInterner products;
  bool added = false;
  for (int i = 0; i < 500; ++i) products.intern("SKU-" + std::to_string(1000 + i), added);
  CHECK(products.mean_probe_length() < 1.2);  // at most half full it is about 1.5
}
