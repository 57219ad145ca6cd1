// Small exact statistics shared by the analyses.
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "retention/report.hpp"

namespace retention {

// numpy.quantile's default ("linear"): interpolates between the closest ranks of sorted, non-empty values.
double quantile_sorted(const std::vector<int32_t>& sorted, double q);
// sum / count to the nearest millionth, halves away from zero; 0 when count is 0.
Money average_money(Money sum, int64_t count);
// The median of sorted values [first, last): the middle one, or the mean of the two middle ones (rounded as above).
Money median_money(const Money* first, const Money* last);
// The same median of unsorted values, by selection (linear on average); reorders [first, last).
RETENTION_ONCE Money select_median_money(Money* first, Money* last);

}  // namespace retention
