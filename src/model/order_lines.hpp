// The product lines of an order book: one per row with a product (SPEC 4, top products), in row order.
//
// The largest column of a book with products (10M lines at 10M rows), so kept narrow (issue 11): an
// order as its distance from the previous line's order in one byte (the next order is 1 away, a line
// of the same order 0; others are listed aside), a product id in 16 bits and an amount in 32 bits of
// thousandths while they fit (model/narrow_column.hpp). 7 bytes a line instead of 16.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "model/blocks.hpp"
#include "model/chunked_column.hpp"
#include "model/narrow_column.hpp"
#include "retention/report.hpp"

namespace retention {

class OrderLines {
 public:
  using Products = NarrowColumn<uint16_t, uint32_t>;
  using Amounts = NarrowColumn<int32_t, Money, kMoneyScale / 1000>;

  void add(uint32_t order, uint32_t product, Money amount) {
    steps_.push_back(step_to(order, last_order_, listed_));
    products_.push_back(product);
    amounts_.push_back(amount);
  }
  size_t size() const { return steps_.size(); }

  // Calls f(line, order) for every line, in order.
  template <class F>
  void for_each_order(F f) const {
    uint32_t order = 0;
    size_t next = 0;
    for_each_index(steps_.size(), [&](size_t line) {
      const uint8_t step = steps_[line];
      order = step == kListed ? listed_[next++] : order + step;
      f(line, order);
    });
  }

  // Keeps the lines of orders whose moved_to[order] is not `none`, as lines of order moved_to[order].
  void keep_orders(const std::vector<uint32_t>& moved_to, uint32_t none);

  // For the last reader (top products), which regroups them in place: the orders are read first
  // (for_each_order), then freed.
  void free_orders() {
    steps_ = ChunkedColumn<uint8_t>();
    listed_ = std::vector<uint32_t>();
  }
  Products& products() { return products_; }
  Amounts& amounts() { return amounts_; }

 private:
  static constexpr uint8_t kListed = UINT8_MAX;

  // The step byte of a line of `order` after a line of `last` (then `order`): kListed, with the order
  // listed aside, when it is not 0 to kListed - 1 orders on.
  static uint8_t step_to(uint32_t order, uint32_t& last, std::vector<uint32_t>& listed) {
    const uint32_t step = order - last;  // wraps for an earlier order
    last = order;
    if (step < kListed) return static_cast<uint8_t>(step);
    listed.push_back(order);
    return kListed;
  }

  ChunkedColumn<uint8_t> steps_;  // order - the previous line's order, kListed when listed aside
  std::vector<uint32_t> listed_;  // the orders of the kListed steps, in line order
  uint32_t last_order_ = 0;
  Products products_;
  Amounts amounts_;
};

}  // namespace retention
