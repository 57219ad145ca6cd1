// Calendar periods for the time-based analyses: months, quarters and years as consecutive integers.
#pragma once

#include <cstdint>
#include <string>

#include "retention/report.hpp"

namespace retention {

int32_t month_index(Date d);  // year * 12 + month - 1
int32_t year_index(Date d);
int32_t quarter_of_month(int32_t month);  // year * 4 + (month - 1) / 3
int32_t year_of_month(int32_t month);
Date month_start(int32_t month);
std::string month_label(int32_t month);      // "2024-03"
std::string quarter_label(int32_t quarter);  // "2024-Q1"
std::string year_label(int32_t year);        // "2024"
// The same day of the same month a year before; 29 February becomes 28 February.
Date one_year_earlier(Date d);

}  // namespace retention
