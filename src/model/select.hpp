// The k-th smallest of a column's values without copying them (issue 11): a copy of the orders' dates
// or amounts, and the sort of it, was the largest passing allocation after reading.
#pragma once

#include <algorithm>
#include <cstddef>
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
// passes to f one by one, all within [lo, hi], exactly, without a copy of them. A first pass counts
// the values in 65,536 buckets of equal width; a bucket of one value answers at once, the values of
// the other ranks' buckets are gathered in one more pass (for all of them) and selected in memory,
// and a crowded bucket of a wide range is narrowed by counting passes, as the first one. Dates (up to
// 179 years apart) take one pass, order amounts two.
template <class T, class Each>
std::vector<T> smallest_at_ranks(const Each& each, T lo, T hi, const std::vector<size_t>& ranks) {
  static_assert(std::is_integral_v<T>);
  using select_detail::Buckets;
  if (lo == hi) return std::vector<T>(ranks.size(), lo);
  const Buckets<T> buckets(lo, hi);
  std::vector<size_t> counts(buckets.count(), 0);
  each([&](T v) { ++counts[buckets.of(v)]; });
  constexpr size_t kMaxGathered = size_t{1} << 16;
  std::vector<size_t> bucket(ranks.size()), within(ranks.size());
  std::vector<int32_t> gathered_at(buckets.count(), -1);  // a bucket's place in `gathered`
  std::vector<std::vector<T>> gathered;
  for (size_t i = 0; i < ranks.size(); ++i) {
    within[i] = ranks[i];
    const size_t b = bucket[i] = Buckets<T>::holding(counts, within[i]);
    if (buckets.first(b) != buckets.last(b) && counts[b] <= kMaxGathered && gathered_at[b] < 0) {
      gathered_at[b] = static_cast<int32_t>(gathered.size());
      gathered.emplace_back();
      gathered.back().reserve(counts[b]);
    }
  }
  if (!gathered.empty())
    each([&](T v) {
      if (const int32_t at = gathered_at[buckets.of(v)]; at >= 0) gathered[static_cast<size_t>(at)].push_back(v);
    });
  std::vector<T> out;
  for (size_t i = 0; i < ranks.size(); ++i) {
    const size_t b = bucket[i];
    if (buckets.first(b) == buckets.last(b)) {
      out.push_back(buckets.first(b));
    } else if (const int32_t at = gathered_at[b]; at >= 0) {
      std::vector<T>& values = gathered[static_cast<size_t>(at)];
      std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(within[i]), values.end());
      out.push_back(values[within[i]]);
    } else {
      out.push_back(select_detail::narrow<T>(each, buckets.first(b), buckets.last(b), within[i]));
    }
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
