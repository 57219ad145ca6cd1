// Order id -> order, exactly, without keeping the ids' bytes where they follow a pattern (issue 11).
//
// Most exports number their orders: "#1001", "536365", "C536379", "O1000042", "WC-20931". Such an id
// is a short prefix and up to 15 trailing digits, and encodes exactly into 64 bits (prefix number,
// digit count, value: "007" and "7" differ). Exports also list their orders in id order, ascending or
// descending, so each prefix keeps a sorted run: a new id beyond the run's end is new without a
// lookup and is appended (at most 12 bytes an order, no hashing, no random access; next to nothing
// for consecutive ids of consecutive orders, kept as stretches). An id that falls inside
// the run goes to a hash table of encoded keys; an id that does not encode (UUIDs, Stripe's random
// ids, long prefixes) to a string interner. Every path compares whole keys, so no two ids ever merge
// by accident.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/string_interner.hpp"

namespace retention {

class OrderIdIndex {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr size_t kMaxPrefixBytes = 15;

  // What find() learnt about an id, so that add() right after it does not encode it again.
  struct Lookup {
    bool encoded = false;
    uint64_t key = 0;
    size_t run = 0;
  };

  // The order named `id`, or kNone. `id` is not empty.
  uint32_t find(std::string_view id) const {
    Lookup lookup;
    return find(id, lookup);
  }
  uint32_t find(std::string_view id, Lookup& lookup) const;
  // Records that `id`, not found before, names `order`.
  void add(std::string_view id, uint32_t order) {
    Lookup lookup;
    find(id, lookup);
    add(id, lookup, order);
  }
  // The same with the lookup of find(id), nothing added in between.
  void add(std::string_view id, const Lookup& lookup, uint32_t order);

 private:
  static constexpr size_t kMaxPrefixes = 255;

  // One prefix's ids in file order while they keep one direction; keys stored so the run ascends.
  // Consecutive ids of consecutive orders (#1001, #1002 ... most exports) are one stretch: its first
  // key and length in 64 bits, its first order beside it. An id after a gap starts a stretch, so a
  // run costs at most 12 bytes an order and a numbered export next to none.
  struct Run {
    std::string prefix;
    int direction = 0;  // +1 ascending, -1 descending, 0 not known yet (one id so far)
    std::vector<uint64_t> stretch_keys;  // first key (its low kKeyBits) << kCountBits | length - 1
    std::vector<uint32_t> stretch_orders;
  };
  static constexpr int kKeyBits = 54, kCountBits = 10;  // a key's bits above kKeyBits are the run's
  static constexpr uint64_t kKeyMask = (uint64_t{1} << kKeyBits) - 1;
  static uint64_t first_key(uint64_t stretch) { return stretch >> kCountBits; }
  static uint64_t length(uint64_t stretch) { return (stretch & ((uint64_t{1} << kCountBits) - 1)) + 1; }
  static uint64_t end_key(uint64_t stretch) { return first_key(stretch) + length(stretch); }  // one past
  // Appends `stored` (already in run order, ascending past the run's last) and its order.
  static void append(Run& run, uint64_t stored, uint32_t order);

  // The key of `id` and its prefix's run, or false when it does not encode.
  bool encode(std::string_view id, uint64_t& key, size_t& run) const;
  size_t add_prefix(std::string_view prefix);
  static uint64_t in_run_order(const Run& run, uint64_t key) { return run.direction < 0 ? ~key : key; }
  uint32_t find_in_run(const Run& run, uint64_t key) const;

  // Open addressing over encoded keys that fell inside a run; at most half full.
  uint32_t find_key(uint64_t key) const;
  void insert_key(uint64_t key, uint32_t order);
  // The table at `slots` slots.
  void rehash(size_t slots);

  std::vector<Run> runs_;
  mutable size_t last_run_ = 0;  // the prefix of the previous id: usually the next one's too
  std::vector<uint64_t> slot_keys_;
  std::vector<uint32_t> slot_orders_;  // kNone: empty
  size_t keys_used_ = 0;
  StringInterner other_ids_;
  std::vector<uint32_t> order_of_other_;
};

}  // namespace retention
