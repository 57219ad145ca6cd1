#include "model/order_lines.hpp"

namespace retention {

void OrderLines::keep_orders(const std::vector<uint32_t>& moved_to, uint32_t none) {
  // In place: line `kept` is written after line `line` >= kept was read (for_each_order reads a
  // line's step before it calls back). The kept orders are numbered anew, and so their steps too.
  products_.visit([&](auto& products, auto) {
    amounts_.visit([&](auto& amounts, auto) {
      std::vector<uint32_t> relisted;
      uint32_t last = 0;
      size_t kept = 0;
      for_each_order([&](size_t line, uint32_t order) {
        if (moved_to[order] == none) return;
        steps_[kept] = step_to(moved_to[order], last, relisted);
        products[kept] = products[line];
        amounts[kept] = amounts[line];
        ++kept;
      });
      steps_.truncate(kept);
      products.truncate(kept);
      amounts.truncate(kept);
      listed_ = std::move(relisted);
      last_order_ = last;
    });
  });
}

}  // namespace retention
