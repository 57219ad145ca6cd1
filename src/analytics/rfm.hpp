// RFM scores and named segments (SPEC 4).
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// Mid-rank quintile scores for values where larger is better (SPEC 4): with n values, w of them
// strictly smaller and t equal (itself included), score = min(5, 1 + floor(5 (w + t/2) / n)).
// Equal values get equal scores; when all tie, everyone scores 3.
std::vector<uint8_t> mid_rank_scores(const std::vector<int64_t>& values);

// Scores R, F and M, applies the rules (first match wins, Others last; a rule limited to customers
// outside the active band skips those with recencyDays < activeBelowDays) and sums up each segment.
// Fills the r, f, m and segment columns of `out`.
RETENTION_ONCE Rfm compute_rfm(const CustomerTable& customers, const std::vector<SegmentRule>& rules, int32_t activeBelowDays,
                CustomerResults& out);

}  // namespace retention
