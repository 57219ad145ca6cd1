// Columns of integers kept in a narrow type while every value fits it (issue 11): product ids in 16
// bits up to 65,536 products, line and order amounts in 32 bits of thousandths up to 2.1 million. The
// first value that does not fit widens the column once, every value copied: exact whatever the values.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "model/chunked_column.hpp"

namespace retention {

// Whether `value` is stored exactly as Narrow = value / kScale.
template <class Narrow, class Wide, Wide kScale>
bool fits_narrow(Wide value) {
  if (value % kScale != 0) return false;
  const Wide scaled = value / kScale;
  return scaled >= static_cast<Wide>(std::numeric_limits<Narrow>::min()) &&
         scaled <= static_cast<Wide>(std::numeric_limits<Narrow>::max());
}

// An append-only column of values of type Wide, stored as Narrow = value / kScale while every value fits.
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
  // Random access, for a column read or updated in place (an order's net as its rows arrive).
  Wide operator[](size_t i) const { return widened_ ? wide_[i] : static_cast<Wide>(narrow_[i]) * kScale; }
  void set(size_t i, Wide value) {
    if (!widened_ && fits(value)) {
      narrow_[i] = static_cast<Narrow>(value / kScale);
      return;
    }
    if (!widened_) widen();
    wide_[i] = value;
  }
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
  static bool fits(Wide value) { return fits_narrow<Narrow, Wide, kScale>(value); }
  void widen() {
    for (size_t i = 0; i < narrow_.size(); ++i) wide_.push_back(static_cast<Wide>(narrow_[i]) * kScale);
    narrow_ = ChunkedColumn<Narrow>();
    widened_ = true;
  }

  ChunkedColumn<Narrow> narrow_;
  ChunkedColumn<Wide> wide_;
  bool widened_ = false;
};

// A fixed number of values of type Wide in one piece, stored as Narrow = value / kScale when the caller,
// who knows the values before setting them, expects every one to fit; a value that does not widens the
// array, every value copied, as NarrowColumn does.
template <class Narrow, class Wide, Wide kScale = 1>
class NarrowArray {
 public:
  // `n` values, all 0.
  void assign(size_t n, bool narrow) {
    narrow_ = narrow ? std::vector<Narrow>(n) : std::vector<Narrow>();
    wide_ = narrow ? std::vector<Wide>() : std::vector<Wide>(n);
  }
  size_t size() const { return narrow_.size() + wide_.size(); }
  Wide operator[](size_t i) const { return wide_.empty() ? static_cast<Wide>(narrow_[i]) * kScale : wide_[i]; }
  void set(size_t i, Wide value) {
    if (wide_.empty() && fits_narrow<Narrow, Wide, kScale>(value)) {
      narrow_[i] = static_cast<Narrow>(value / kScale);
      return;
    }
    if (wide_.empty()) widen();
    wide_[i] = value;
  }

 private:
  void widen() {
    wide_.assign(narrow_.begin(), narrow_.end());
    for (Wide& w : wide_) w *= kScale;
    narrow_ = std::vector<Narrow>();
  }

  std::vector<Narrow> narrow_;
  std::vector<Wide> wide_;
};

}  // namespace retention
