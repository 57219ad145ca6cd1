// Issue 13: no silent wrong number. What keeps every money sum exact, and which dates are too far
// from the rest of the data to be trusted.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include "model/blocks.hpp"
#include "model/order_book.hpp"
#include "retention/report.hpp"

namespace retention {

// Every money sum the analyses make (an order's net, a customer's monetary, the revenue of a cell,
// segment, cohort, span, attribute value or product, the summary's revenue, Pareto's totals) adds a
// subset of the rows' amounts, so none can exceed the sum of their absolute values. The engine
// keeps that sum within int64 (a 128-bit running total), rejecting a row that would pass it: every
// later sum is then exact without a check in each analysis.
class MoneyBudget {
 public:
  // False (and nothing taken) when the row would push either total past int64's limit. Inline: one a row.
  bool take(Money amount, Money line_amount) {
    // Each total stays at most int64's maximum (< 2^63) and a magnitude is at most 2^63: their sum
    // fits in 64 unsigned bits.
    constexpr uint64_t kLimit = std::numeric_limits<Money>::max();
    auto magnitude = [](Money m) { return m < 0 ? 0 - static_cast<uint64_t>(m) : static_cast<uint64_t>(m); };
    const uint64_t amounts = amounts_ + magnitude(amount), lines = lines_ + magnitude(line_amount);
    if (amounts > kLimit || lines > kLimit) return false;
    amounts_ = amounts;
    lines_ = lines;
    return true;
  }

 private:
  uint64_t amounts_ = 0, lines_ = 0;  // sums of magnitudes
};

// The default asOf (SPEC 4: the latest counted order) once orders dated far beyond all the others are
// set aside: when the latest counted orders (at most 1% of them, at least one, in a file of at least
// kMinOrdersForFarFuture) follow the rest after a gap of more than a year, they are taken for typos
// (2204 for 2024), left after asOf (so ignored and counted) and reported. Without such a gap: the
// latest counted order's date. None when no order counts.
constexpr size_t kMinOrdersForFarFuture = 20;
struct DefaultAsOf {
  std::optional<Date> asOf;
  int64_t farFutureOrders = 0;
  std::optional<Date> firstFarFuture;
};
RETENTION_ONCE DefaultAsOf default_as_of(const OrderBook& orders);

}  // namespace retention
