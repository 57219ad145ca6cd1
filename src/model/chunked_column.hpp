// An append-only column in blocks of a fixed size (issue 11): growing never copies what is stored
// and never holds twice the column, as a doubling std::vector does at every growth (at 10M product
// lines that was 400 MB at once). Random access costs a shift and a mask.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace retention {

template <class T>
class ChunkedColumn {
 public:
  ChunkedColumn() = default;
  ChunkedColumn(ChunkedColumn&& other) noexcept { *this = std::move(other); }
  ChunkedColumn& operator=(ChunkedColumn&& other) noexcept {
    blocks_ = std::exchange(other.blocks_, {});
    size_ = std::exchange(other.size_, 0);
    next_ = std::exchange(other.next_, nullptr);
    block_end_ = std::exchange(other.block_end_, nullptr);
    return *this;
  }
  ChunkedColumn(const ChunkedColumn& other) { *this = other; }
  ChunkedColumn& operator=(const ChunkedColumn& other) {
    if (this == &other) return *this;
    blocks_.clear();
    for (const auto& block : other.blocks_) {
      blocks_.emplace_back(new T[kBlock]);
      std::copy(block.get(), block.get() + kBlock, blocks_.back().get());
    }
    size_ = other.size_;
    find_tail();
    return *this;
  }

  // The next free place is kept as a pointer: a push is a store and a bump (several a row while reading).
  void push_back(const T& value) {
    if (next_ == block_end_) {
      blocks_.emplace_back(new T[kBlock]);
      next_ = blocks_.back().get();
      block_end_ = next_ + kBlock;
    }
    *next_++ = value;
    ++size_;
  }
  // Makes the column `n` values long when shorter, the values added unset: for a writer that fills
  // it out of order.
  void grow_to(size_t n) {
    if (n <= size_) return;
    while (blocks_.size() < ((n + kMask) >> kShift)) blocks_.emplace_back(new T[kBlock]);
    size_ = n;
    find_tail();
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return blocks_[i >> kShift][i & kMask]; }
  T& back() { return (*this)[size_ - 1]; }
  const T& operator[](size_t i) const { return blocks_[i >> kShift][i & kMask]; }
  // Keeps the first `n` values and frees the blocks past them.
  void truncate(size_t n) {
    if (n >= size_) return;
    size_ = n;
    blocks_.resize((n + kMask) >> kShift);
    find_tail();
  }
  void clear() { truncate(0); }
  // For a reader that consumes the column front to back: frees the blocks wholly before `n`, whose
  // values must not be read again.
  void free_before(size_t n) {
    for (size_t b = 0; b < (n >> kShift) && b < blocks_.size(); ++b) blocks_[b].reset();
  }

 private:
  static constexpr size_t kShift = 16;  // 65,536 values a block
  static constexpr size_t kBlock = size_t{1} << kShift;
  static constexpr size_t kMask = kBlock - 1;

  // After the blocks changed: the place after the last value, none when the last block is full.
  void find_tail() {
    if (size_ & kMask) {
      next_ = blocks_.back().get() + (size_ & kMask);
      block_end_ = blocks_.back().get() + kBlock;
    } else {
      next_ = block_end_ = nullptr;
    }
  }

  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t size_ = 0;
  T* next_ = nullptr;  // where the next value goes, in the last block
  T* block_end_ = nullptr;
};

}  // namespace retention
