// A column of integers kept in a narrow type while every value fits it (issue 11): product ids in 16
// bits up to 65,536 products, line amounts in 32 bits of thousandths up to 2.1 million. The first
// value that does not fit widens the column once, every value copied: exact whatever the values.
#pragma once

#include <cstdint>
#include <limits>

#include "model/chunked_column.hpp"

namespace retention {

// Values of type Wide, stored as Narrow = value / kScale where that is exact and in Narrow's range.
template <class Narrow, class Wide, Wide kScale = 1>
class NarrowColumn {
 public:
  void push_back(Wide value) {
    if (!widened_ && fits(value)) {
      narrow_.push_back(static_cast<Narrow>(value / kScale));
      return;
    }
    if (!widened_) widen();
    wide_.push_back(value);
  }
  size_t size() const { return widened_ ? wide_.size() : narrow_.size(); }
  bool widened() const { return widened_; }
  void truncate(size_t n) {
    narrow_.truncate(n);
    wide_.truncate(n);
  }

  // Calls f(column, value_of) with the column in use and how a stored element reads as a Wide.
  template <class F>
  decltype(auto) visit(F&& f) {
    if (widened_) return f(wide_, [](Wide w) { return w; });
    return f(narrow_, [](Narrow n) { return static_cast<Wide>(n) * kScale; });
  }

 private:
  static bool fits(Wide value) {
    if (value % kScale != 0) return false;
    const Wide scaled = value / kScale;
    return scaled >= static_cast<Wide>(std::numeric_limits<Narrow>::min()) &&
           scaled <= static_cast<Wide>(std::numeric_limits<Narrow>::max());
  }
  void widen() {
    for (size_t i = 0; i < narrow_.size(); ++i) wide_.push_back(static_cast<Wide>(narrow_[i]) * kScale);
    narrow_ = ChunkedColumn<Narrow>();
    widened_ = true;
  }

  ChunkedColumn<Narrow> narrow_;
  ChunkedColumn<Wide> wide_;
  bool widened_ = false;
};

}  // namespace retention
