// LSD radix sorts for the analyses' integer keys (days, counts, money): linear where std::sort is
// n log n (issue 11). 11 bits a pass, and only up to the highest bit in which the keys differ, so a
// narrow range (days of a few years) costs two passes. Any correct sort gives the same sorted array:
// swapping one in changes no result.
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "model/blocks.hpp"

namespace retention {

// Sorts `keys` (unsigned) ascending, moving `values` (when given) alongside; stable.
template <class Key, class Value>
void radix_sort_by_key(std::vector<Key>& keys, std::vector<Value>* values) {
  static_assert(std::is_unsigned_v<Key>);
  constexpr int kDigit = 11;
  constexpr Key kMask = (Key{1} << kDigit) - 1;
  constexpr int kBits = 8 * sizeof(Key);
  if (keys.size() < 2) return;
  Key differ = 0;
  for_each_index(keys.size(), [&](size_t i) { differ |= keys[i] ^ keys[0]; });
  std::vector<Key> keys_out(keys.size());
  std::vector<Value> values_out(values ? values->size() : 0);
  std::vector<size_t> start(kMask + 1);
  for (int shift = 0; shift < kBits && (differ >> shift) != 0; shift += kDigit) {
    if (((differ >> shift) & kMask) == 0) continue;  // every key has this digit
    std::fill(start.begin(), start.end(), 0);
    for_each_index(keys.size(), [&](size_t i) { ++start[(keys[i] >> shift) & kMask]; });
    size_t sum = 0;
    for (size_t& s : start) {
      const size_t count = s;
      s = sum;
      sum += count;
    }
    for_each_index(keys.size(), [&](size_t i) {
      const size_t at = start[(keys[i] >> shift) & kMask]++;
      keys_out[at] = keys[i];
      if (values) values_out[at] = (*values)[i];
    });
    keys.swap(keys_out);
    if (values) values->swap(values_out);
  }
}

// An integer as a key of its width that sorts as the integer does (the sign bit flipped).
template <class Int>
std::make_unsigned_t<Int> sort_key(Int v) {
  using Key = std::make_unsigned_t<Int>;
  if constexpr (std::is_signed_v<Int>)
    return static_cast<Key>(static_cast<Key>(v) ^ (Key{1} << (8 * sizeof(Int) - 1)));
  else
    return v;
}

template <class Int>
Int from_sort_key(std::make_unsigned_t<Int> key) {
  using Key = std::make_unsigned_t<Int>;
  if constexpr (std::is_signed_v<Int>)
    return static_cast<Int>(static_cast<Key>(key ^ (Key{1} << (8 * sizeof(Int) - 1))));
  else
    return key;
}

// Sorts integers ascending.
template <class Int>
void radix_sort(std::vector<Int>& v) {
  std::vector<std::make_unsigned_t<Int>> keys(v.size());
  for_each_index(v.size(), [&](size_t i) { keys[i] = sort_key(v[i]); });
  radix_sort_by_key<std::make_unsigned_t<Int>, uint8_t>(keys, nullptr);
  for_each_index(v.size(), [&](size_t i) { v[i] = from_sort_key<Int>(keys[i]); });
}

}  // namespace retention
