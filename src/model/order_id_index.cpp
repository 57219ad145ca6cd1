#include "model/order_id_index.hpp"

#include <algorithm>

#include "model/short_text.hpp"
#include "model/whole_key.hpp"

namespace retention {

namespace {

constexpr size_t kMaxDigits = 15;  // 10^15 < 2^50: prefix number (8 bits), digit count (4), value (50)

// Where the trailing digits of `id` (at most kMaxDigits) start, and their value. False when `id`
// does not encode (no trailing digit, or a prefix longer than kMaxPrefixBytes).
bool split_digits(std::string_view id, size_t& start, uint64_t& value) {
  const TrailingDigits digits = trailing_digits(id, kMaxDigits);
  start = id.size() - digits.count;
  value = digits.value;
  return digits.count > 0 && start <= OrderIdIndex::kMaxPrefixBytes;
}

uint64_t slot_hash(uint64_t key) {
  key *= 0x9E3779B97F4A7C15ull;
  return key ^ (key >> 31);
}

}  // namespace

bool OrderIdIndex::encode(std::string_view id, uint64_t& key, size_t& run) const {
  size_t start = 0;
  uint64_t value = 0;
  if (!split_digits(id, start, value)) return false;
  const std::string_view prefix = id.substr(0, start);
  if (last_run_ >= runs_.size() || !same_text(runs_[last_run_].prefix, prefix)) {
    auto found = std::find_if(runs_.begin(), runs_.end(), [&](const Run& r) { return same_text(r.prefix, prefix); });
    if (found == runs_.end()) return false;
    last_run_ = static_cast<size_t>(found - runs_.begin());
  }
  run = last_run_;
  key = (uint64_t{run} << 54) | (uint64_t{id.size() - start} << 50) | value;
  return true;
}

size_t OrderIdIndex::add_prefix(std::string_view prefix) {
  runs_.push_back({});
  runs_.back().prefix.assign(prefix.data(), prefix.size());
  return runs_.size() - 1;
}

uint32_t OrderIdIndex::find_in_run(const Run& run, uint64_t key) const {
  if (run.stretch_keys.empty()) return kNone;
  const uint64_t stored = in_run_order(run, key) & kKeyMask;
  // Beyond the run's end: a new id in a numbered export, found new without a search.
  if (stored >= end_key(run.stretch_keys.back())) return kNone;
  // The last stretch starting at or before `stored`.
  auto after = std::upper_bound(run.stretch_keys.begin(), run.stretch_keys.end(), stored,
                                [](uint64_t k, uint64_t stretch) { return k < first_key(stretch); });
  if (after == run.stretch_keys.begin()) return kNone;
  const uint64_t stretch = *(after - 1);
  if (stored >= end_key(stretch)) return kNone;
  return run.stretch_orders[static_cast<size_t>(after - 1 - run.stretch_keys.begin())] +
         static_cast<uint32_t>(stored - first_key(stretch));
}

void OrderIdIndex::append(Run& run, uint64_t stored, uint32_t order) {
  stored &= kKeyMask;
  if (!run.stretch_keys.empty()) {
    uint64_t& last = run.stretch_keys.back();
    const uint64_t n = length(last);
    if (n < (uint64_t{1} << kCountBits) && stored == end_key(last) && order == run.stretch_orders.back() + n) {
      ++last;
      return;
    }
  }
  run.stretch_keys.push_back(stored << kCountBits);
  run.stretch_orders.push_back(order);
}

uint32_t OrderIdIndex::find(std::string_view id, Lookup& lookup) const {
  lookup.encoded = encode(id, lookup.key, lookup.run);
  if (!lookup.encoded) {
    int64_t other = other_ids_.find(id);
    return other < 0 ? kNone : order_of_other_[static_cast<size_t>(other)];
  }
  uint32_t order = find_in_run(runs_[lookup.run], lookup.key);
  return order != kNone || keys_used_ == 0 ? order : find_key(lookup.key);
}

void OrderIdIndex::add(std::string_view id, const Lookup& lookup, uint32_t order) {
  uint64_t key = lookup.key;
  size_t r = lookup.run;
  if (!lookup.encoded) {
    size_t start = 0;
    uint64_t value = 0;
    if (!split_digits(id, start, value) || runs_.size() >= kMaxPrefixes) {
      bool added = false;
      other_ids_.intern(id, added);
      order_of_other_.push_back(order);
      return;
    }
    add_prefix(id.substr(0, start));
    encode(id, key, r);
  }
  Run& run = runs_[r];
  if (run.direction == 0 && !run.stretch_keys.empty()) {  // the second id: one stretch of one id so far
    const uint64_t first = first_key(run.stretch_keys[0]);
    run.direction = (key & kKeyMask) > first ? 1 : -1;
    if (run.direction < 0) run.stretch_keys[0] = (~first & kKeyMask) << kCountBits;
  }
  const uint64_t stored = in_run_order(run, key) & kKeyMask;
  if (run.stretch_keys.empty() || stored >= end_key(run.stretch_keys.back())) {
    append(run, stored, order);
  } else {
    insert_key(key, order);
  }
}

uint32_t OrderIdIndex::find_key(uint64_t key) const {
  const size_t mask = slot_keys_.size() - 1;
  for (size_t i = slot_hash(key) & mask;; i = (i + 1) & mask) {
    if (slot_orders_[i] == kNone) return kNone;
    if (slot_keys_[i] == key) return slot_orders_[i];
  }
}

void OrderIdIndex::insert_key(uint64_t key, uint32_t order) {
  if ((keys_used_ + 1) * 2 > slot_keys_.size()) rehash(std::max<size_t>(16, slot_keys_.size() * 2));
  const size_t mask = slot_keys_.size() - 1;
  size_t i = slot_hash(key) & mask;
  while (slot_orders_[i] != kNone) i = (i + 1) & mask;
  slot_keys_[i] = key;
  slot_orders_[i] = order;
  ++keys_used_;
}

void OrderIdIndex::rehash(size_t slots) {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> orders;
  keys.swap(slot_keys_);
  orders.swap(slot_orders_);
  slot_keys_.assign(slots, 0);
  slot_orders_.assign(slots, kNone);
  keys_used_ = 0;
  for (size_t i = 0; i < keys.size(); ++i)
    if (orders[i] != kNone) insert_key(keys[i], orders[i]);
}

}  // namespace retention
