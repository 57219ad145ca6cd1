// The k-th smallest of a column's values without copying them (issue 11): a copy of the orders' dates
// or amounts, and the sort of it, was the largest passing allocation after reading.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

namespace retention {

namespace select_detail {

constexpr int kBucketBits = 16;

// Narrows [lo, hi], which holds the value of rank k among the values inside it, pass by pass.
template <class T, class Each>
T narrow(const Each& each, T lo, T hi, size_t k) {
  using U = std::make_unsigned_t<T>;
  std::vector<size_t> counts;
  while (lo < hi) {
    const uint64_t range = static_cast<U>(static_cast<U>(hi) - static_cast<U>(lo));
    int shift = 0;
    while ((range >> shift) >> kBucketBits) ++shift;
    counts.assign(static_cast<size_t>(range >> shift) + 1, 0);
    each([&](T v) {
      if (v >= lo && v <= hi) ++counts[static_cast<size_t>(static_cast<U>(static_cast<U>(v) - static_cast<U>(lo)) >> shift)];
    });
    size_t bucket = 0;
    while (k >= counts[bucket]) k -= counts[bucket++];
    const T first = static_cast<T>(static_cast<U>(lo) + (static_cast<U>(bucket) << shift));
    const uint64_t width = (uint64_t{1} << shift) - 1;
    if (static_cast<U>(static_cast<U>(hi) - static_cast<U>(first)) > width) hi = static_cast<T>(static_cast<U>(first) + width);
    lo = first;
  }
  return lo;
}

}  // namespace select_detail

// The values of the given ranks (0-based, each below the count) among the values that `each(f)`
// passes to f one by one, exactly, without a copy of them. Each pass counts the values in 65,536
// buckets of the range still open and keeps the bucket holding the rank: after a pass for the extremes,
// dates (up to 179 years apart) and most order amounts take one more pass, any 64-bit range at most
// four. The first counting pass serves every rank.
template <class T, class Each>
std::vector<T> smallest_at_ranks(const Each& each, const std::vector<size_t>& ranks) {
  static_assert(std::is_integral_v<T>);
  T lo = std::numeric_limits<T>::max(), hi = std::numeric_limits<T>::min();
  each([&](T v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  });
  std::vector<T> out;
  if (ranks.size() == 1 || lo == hi) {
    for (size_t k : ranks) out.push_back(select_detail::narrow<T>(each, lo, hi, k));
    return out;
  }
  // The first pass, shared: each rank then narrows its own bucket.
  using U = std::make_unsigned_t<T>;
  const uint64_t range = static_cast<U>(static_cast<U>(hi) - static_cast<U>(lo));
  int shift = 0;
  while ((range >> shift) >> select_detail::kBucketBits) ++shift;
  std::vector<size_t> counts(static_cast<size_t>(range >> shift) + 1, 0);
  each([&](T v) { ++counts[static_cast<size_t>(static_cast<U>(static_cast<U>(v) - static_cast<U>(lo)) >> shift)]; });
  for (size_t k : ranks) {
    size_t bucket = 0;
    while (k >= counts[bucket]) k -= counts[bucket++];
    const T first = static_cast<T>(static_cast<U>(lo) + (static_cast<U>(bucket) << shift));
    const uint64_t width = (uint64_t{1} << shift) - 1;
    const T last = static_cast<U>(static_cast<U>(hi) - static_cast<U>(first)) > width
                       ? static_cast<T>(static_cast<U>(first) + width)
                       : hi;
    out.push_back(select_detail::narrow<T>(each, first, last, k));
  }
  return out;
}

// The k-th smallest (0-based) of the values that `each(f)` passes to f (k below their count).
template <class T, class Each>
T kth_smallest(const Each& each, size_t k) {
  return smallest_at_ranks<T>(each, {k})[0];
}

}  // namespace retention
