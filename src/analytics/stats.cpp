#include "analytics/stats.hpp"

#include <algorithm>
#include <cmath>

namespace retention {

double quantile_sorted(const std::vector<int32_t>& sorted, double q) {
  double h = static_cast<double>(sorted.size() - 1) * q;
  double below = std::floor(h);
  auto lo = static_cast<size_t>(below);
  size_t hi = lo + 1 < sorted.size() ? lo + 1 : lo;
  double a = sorted[lo], b = sorted[hi], t = h - below;
  // numpy's _lerp: from the nearer end, so that t = 1 gives b exactly.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

Money average_money(Money sum, int64_t count) {
  if (count == 0) return 0;
  Money quotient = sum / count, remainder = sum % count;
  // |remainder| * 2 >= count rounds away from zero; written to avoid overflow.
  Money magnitude = remainder < 0 ? -remainder : remainder;
  if (magnitude != 0 && magnitude >= count - magnitude) quotient += sum < 0 ? -1 : 1;  // 2|r| >= count, no overflow
  return quotient;
}

Money median_money(const Money* first, const Money* last) {
  auto n = last - first;
  if (n == 0) return 0;
  if (n % 2) return first[n / 2];
  return average_money(first[n / 2 - 1] + first[n / 2], 2);
}

Money select_median_money(Money* first, Money* last) {
  const auto n = last - first;
  if (n == 0) return 0;
  Money* middle = first + n / 2;
  std::nth_element(first, middle, last);
  if (n % 2) return *middle;
  // Everything before the middle is <= it: the lower middle value is the largest of them.
  return average_money(*std::max_element(first, middle) + *middle, 2);
}

}  // namespace retention
