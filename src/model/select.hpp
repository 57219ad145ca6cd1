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

// [lo, hi] split into at most 65,536 buckets of equal width (a power of two).
template <class T>
struct Buckets {
  using U = std::make_unsigned_t<T>;
  T lo, hi;
  int shift = 0;

  Buckets(T low, T high) : lo(low), hi(high) {
    while ((span(hi) >> shift) >> 16) ++shift;
  }
  uint64_t span(T v) const { return static_cast<U>(static_cast<U>(v) - static_cast<U>(lo)); }
  size_t count() const { return static_cast<size_t>(span(hi) >> shift) + 1; }
  size_t of(T v) const { return static_cast<size_t>(span(v) >> shift); }
  T first(size_t b) const { return static_cast<T>(static_cast<U>(lo) + (static_cast<U>(b) << shift)); }
  T last(size_t b) const {
    const uint64_t width = (uint64_t{1} << shift) - 1;
    return span(hi) - span(first(b)) > width ? static_cast<T>(static_cast<U>(first(b)) + width) : hi;
  }
  // The bucket holding rank k, given each bucket's count; k becomes the rank within it.
  static size_t holding(const std::vector<size_t>& counts, size_t& k) {
    size_t b = 0;
    while (k >= counts[b]) k -= counts[b++];
    return b;
  }
};

// The value of rank k among the values inside [lo, hi], narrowing the range pass by pass.
template <class T, class Each>
T narrow(const Each& each, T lo, T hi, size_t k) {
  std::vector<size_t> counts;
  while (lo < hi) {
    const Buckets<T> buckets(lo, hi);
    counts.assign(buckets.count(), 0);
    each([&](T v) {
      if (v >= lo && v <= hi) ++counts[buckets.of(v)];
    });
    const size_t b = Buckets<T>::holding(counts, k);
    lo = buckets.first(b);
    hi = buckets.last(b);
  }
  return lo;
}

}  // namespace select_detail

// The values of the given ranks (0-based, each below the count) among the values that `each(f)`
// passes to f one by one, all within [lo, hi], exactly, without a copy of them. Each pass counts the
// values in 65,536 buckets of the range still open and keeps the bucket holding the rank: dates (up to
// 179 years apart) and most order amounts take one pass, any 64-bit range at most four. The first
// pass serves every rank.
template <class T, class Each>
std::vector<T> smallest_at_ranks(const Each& each, T lo, T hi, const std::vector<size_t>& ranks) {
  static_assert(std::is_integral_v<T>);
  if (lo == hi) return std::vector<T>(ranks.size(), lo);
  const select_detail::Buckets<T> buckets(lo, hi);
  std::vector<size_t> counts(buckets.count(), 0);
  each([&](T v) { ++counts[buckets.of(v)]; });
  std::vector<T> out;
  for (size_t k : ranks) {
    const size_t b = select_detail::Buckets<T>::holding(counts, k);
    out.push_back(select_detail::narrow<T>(each, buckets.first(b), buckets.last(b), k));
  }
  return out;
}

// The same when the extremes are not known: one pass more finds them.
template <class T, class Each>
std::vector<T> smallest_at_ranks(const Each& each, const std::vector<size_t>& ranks) {
  T lo = std::numeric_limits<T>::max(), hi = std::numeric_limits<T>::min();
  each([&](T v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  });
  return smallest_at_ranks<T>(each, lo, hi, ranks);
}

// The k-th smallest (0-based) of the values that `each(f)` passes to f (k below their count).
template <class T, class Each>
T kth_smallest(const Each& each, size_t k) {
  return smallest_at_ranks<T>(each, {k})[0];
}

}  // namespace retention
