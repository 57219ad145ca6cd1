// Period over period on the summary (issue 10): the current period against the one before it and the
// same dates a year earlier, from every order of the file (before any date range is applied).
#pragma once

#include <optional>

#include "model/blocks.hpp"
#include "model/order_book.hpp"
#include "retention/report.hpp"

namespace retention {

// The current period ends on asOf (or on `to`, when earlier) and starts on `from`, or `days` days
// before its end without a range. A compared period is available only when the file covers it
// whole: it starts on or after `firstOrder`, the file's first counted order.
RETENTION_ONCE PeriodComparison compare_periods(const OrderBook& orders, Date asOf, std::optional<Date> from, std::optional<Date> to,
                                 int32_t days, std::optional<Date> firstOrder);

}  // namespace retention
