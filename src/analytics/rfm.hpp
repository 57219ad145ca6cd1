// RFM scores and named segments (SPEC 4).
#pragma once

#include <cstdint>
#include <vector>

#include "model/customer_table.hpp"
#include "retention/report.hpp"

namespace retention {

// Tie-consistent scores for values where larger is better: with n values and w of them strictly
// smaller, score = min(5, 1 + floor(5 w / n)). Equal values get equal scores.
std::vector<uint8_t> tie_consistent_scores(const std::vector<int64_t>& values);

// Scores R, F and M, applies the rules (first match wins, Others last) and sums up each segment.
// Fills the r, f, m and segment columns of `out`.
Rfm compute_rfm(const CustomerTable& customers, const std::vector<SegmentRule>& rules, CustomerResults& out);

}  // namespace retention
