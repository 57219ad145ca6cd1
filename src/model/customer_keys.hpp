// Each order's customer, named while reading and numbered after it (issue 11).
//
// Looking each order's customer up in one table of millions as the rows arrive costs a random memory
// access per order, and a TLB miss with it: the largest single cost of reading (1.9 s of a 12 s
// profile in wasm at 10M rows). Reading therefore only appends each order's customer key; once every row is
// read the keys are resolved in blocks, each block's keys grouped by the top bits of their hash into
// partitions whose tables are small, and the customers are numbered by their first order: the same
// first-sight numbering as interning while reading. Keys are compared whole (model/whole_key.hpp),
// never by hash alone; a long key (an email, a UUID) is interned as it is read and its number stands
// for it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/chunked_column.hpp"
#include "model/string_interner.hpp"
#include "model/whole_key.hpp"

namespace retention {

// A key read as a prefix and a number: "C1469767" is "C" and 1469767 in 7 digits; "6029384756123" no
// prefix and its value. Customer ids are often numbered so (WooCommerce's user ids, the Online Retail
// set's CustomerID, ERP exports' "C000123"), and numbers in a dense range index an array directly.
struct NumberedKey {
  uint64_t prefix = 0;  // the prefix's bytes, as a whole key's word holds them
  uint32_t prefix_length = 0;
  uint32_t digits = 0;
  uint64_t value = 0;
};

// Keys that are one prefix and numbers that tell them apart (none written with a leading zero, or all
// of one width: "C7" and "C007" are two customers of one number).
struct NumberedRange {
  NumberedKey first;  // the first key: the prefix and, when one_width, the width of all
  bool one_width = true;
  bool leading_zero = false;
  uint64_t lowest = 0, highest = 0;

  // The key numbered `value` as the customer's id: a whole key's word and kind byte, as the key had.
  void key(uint64_t value, uint64_t& word, uint8_t& kind_byte) const;
};

// The customers' ids by number, as CustomerKeys::resolve() numbered them: a whole key as its word (9
// bytes a customer, no copy of the text), a long key as its text.
class CustomerNames {
 public:
  size_t size() const { return words_.size(); }
  std::string operator[](uint32_t id) const;
  size_t length(uint32_t id) const;

 private:
  friend class CustomerKeys;
  std::vector<uint64_t> words_;
  std::vector<uint8_t> kinds_;
  StringInterner long_keys_;
};

class CustomerKeys {
 public:
  // Names the customer of the next order.
  void add(std::string_view customer);
  // Whether `customer` is the customer of `order` (exactly).
  bool is(size_t order, std::string_view customer) const;
  size_t size() const { return numbering_ ? numbers_.size() : words_.size(); }

  // Every order's customer as a dense id (0, 1, 2 ... in order of first sight), and the customers' ids
  // by number in `names`. Leaves no key behind. `expected_customers`, when given, replaces the
  // estimate the tables are sized by (for tests of their growth). Keys that are one prefix and numbers
  // in a dense range ("C1469767") are numbered through an array indexed by their number instead of the
  // tables: `by_number`, when given, says which way it went (for tests).
  ChunkedColumn<uint32_t> resolve(CustomerNames& names, double expected_customers = -1, bool* by_number = nullptr);

 private:
  // Whether `key` keeps the keys so far one prefix and numbers that tell them apart; then its number is kept.
  bool keep_numbered(const WholeKey& key);
  // Every key so far from its number into words_ and kinds_, for the tables.
  void stop_numbering();
  uint64_t number_at(size_t order) const {
    return numbered_.first.value + static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(numbers_[order])));
  }
  ChunkedColumn<uint32_t> resolve_by_number(CustomerNames& names);

  // While every key is one prefix and a number (NumberedRange), each order's number is kept as its
  // difference from the first key's (4 bytes an order), and words_ and kinds_ stay empty: 5 bytes an
  // order less while reading, in a common case (37 MB at 10M rows; fresh memory is what wasm time goes
  // to, issue 11). The first key that does not fit moves every key so far into words_ and kinds_.
  bool numbering_ = true;
  NumberedRange numbered_;
  ChunkedColumn<uint32_t> numbers_;
  ChunkedColumn<uint64_t> words_;  // WholeKey::word, or a long key's number in long_keys_
  ChunkedColumn<uint8_t> kinds_;   // WholeKey::kind << 5 | length (0 for a long key)
  StringInterner long_keys_;
  size_t whole_keys_ = 0;
};

}  // namespace retention
