// Calendar dates as written in the file, as days since 1970-01-01.
#pragma once

#include <optional>
#include <string_view>

#include "retention/report.hpp"

namespace retention {

Date days_from_civil(int year, unsigned month, unsigned day);
void civil_from_days(Date days, int& year, unsigned& month, unsigned& day);
bool is_valid_civil(int year, unsigned month, unsigned day);

// ISO 8601 (`2024-03-05`, `2024/03/05`, with any time and offset after it, which are ignored)
// and `YYYYMMDD`. The time of day and the offset never move the date (SPEC 3).
std::optional<Date> parse_date(std::string_view text);

}  // namespace retention
