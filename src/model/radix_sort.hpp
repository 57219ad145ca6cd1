// LSD radix sorts for the analyses' integer keys (days, counts, money): linear where std::sort is
// n log n (issue 11). 11 bits a pass, and only up to the highest bit in which the keys differ, so a
// narrow range (days of a few years) costs two passes. Any correct sort gives the same sorted array:
// swapping one in changes no result.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

namespace retention {

// Sorts `keys` ascending, moving `values` (when given) alongside; stable.
template <class Value>
void radix_sort_by_key(std::vector<uint64_t>& keys, std::vector<Value>* values) {
  constexpr int kDigit = 11;
  constexpr uint64_t kMask = (uint64_t{1} << kDigit) - 1;
  if (keys.size() < 2) return;
  uint64_t differ = 0;
  for (uint64_t k : keys) differ |= k ^ keys[0];
  std::vector<uint64_t> keys_out(keys.size());
  std::vector<Value> values_out(values ? values->size() : 0);
  std::vector<size_t> start(kMask + 1);
  for (int shift = 0; shift < 64 && (differ >> shift) != 0; shift += kDigit) {
    if (((differ >> shift) & kMask) == 0) continue;  // every key has this digit
    std::fill(start.begin(), start.end(), 0);
    for (uint64_t k : keys) ++start[(k >> shift) & kMask];
    size_t sum = 0;
    for (size_t& s : start) {
      const size_t count = s;
      s = sum;
      sum += count;
    }
    for (size_t i = 0; i < keys.size(); ++i) {
      const size_t at = start[(keys[i] >> shift) & kMask]++;
      keys_out[at] = keys[i];
      if (values) values_out[at] = (*values)[i];
    }
    keys.swap(keys_out);
    if (values) values->swap(values_out);
  }
}

// An integer as a key that sorts as the integer does (the sign bit flipped).
template <class Int>
uint64_t sort_key(Int v) {
  static_assert(std::is_integral_v<Int> && sizeof(Int) <= 8);
  if constexpr (std::is_signed_v<Int>)
    return static_cast<uint64_t>(static_cast<int64_t>(v)) ^ (uint64_t{1} << 63);
  else
    return static_cast<uint64_t>(v);
}

template <class Int>
Int from_sort_key(uint64_t key) {
  if constexpr (std::is_signed_v<Int>)
    return static_cast<Int>(static_cast<int64_t>(key ^ (uint64_t{1} << 63)));
  else
    return static_cast<Int>(key);
}

// Sorts integers ascending.
template <class Int>
void radix_sort(std::vector<Int>& v) {
  std::vector<uint64_t> keys(v.size());
  for (size_t i = 0; i < v.size(); ++i) keys[i] = sort_key(v[i]);
  radix_sort_by_key<uint8_t>(keys, nullptr);
  for (size_t i = 0; i < v.size(); ++i) v[i] = from_sort_key<Int>(keys[i]);
}

}  // namespace retention
