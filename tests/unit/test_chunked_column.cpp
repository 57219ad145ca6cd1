// The block column (model/chunked_column.hpp) against std::vector through every operation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "model/chunked_column.hpp"

using retention::ChunkedColumn;

namespace {

constexpr size_t kBlock = 65536;

void check_same(const ChunkedColumn<uint32_t>& column, const std::vector<uint32_t>& expected) {
  REQUIRE(column.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i)
    if (column[i] != expected[i]) REQUIRE_MESSAGE(column[i] == expected[i], "at " << i);
}

}  // namespace

TEST_CASE("a block column holds what a vector holds through pushes, truncation, copies and moves") {
  std::mt19937 random(9);
  ChunkedColumn<uint32_t> column;
  std::vector<uint32_t> expected;
  // Sizes at, just below and just past block ends, where the place of the next push is found again.
  for (size_t target : {size_t{1}, kBlock - 1, kBlock, kBlock + 1, 2 * kBlock, 3 * kBlock + 5}) {
    while (expected.size() < target) {
      const auto v = static_cast<uint32_t>(random());
      column.push_back(v);
      expected.push_back(v);
    }
    check_same(column, expected);
    CHECK(column.back() == expected.back());

    ChunkedColumn<uint32_t> copy = column;  // copied, then grown: the original stays as it was
    copy.push_back(7);
    CHECK(copy.back() == 7);
    check_same(column, expected);

    ChunkedColumn<uint32_t> moved = std::move(copy);
    CHECK(moved.size() == expected.size() + 1);
    CHECK(copy.empty());  // NOLINT(bugprone-use-after-move): a moved-from column is empty and usable
    copy.push_back(3);
    CHECK(copy.size() == 1);
    CHECK(copy[0] == 3);
  }
  for (size_t keep : {3 * kBlock, 2 * kBlock + 17, kBlock, size_t{5}, size_t{0}}) {
    column.truncate(keep);
    expected.resize(keep);
    check_same(column, expected);
    for (int i = 0; i < 10; ++i) {  // pushes after a cut continue right after the values kept
      column.push_back(static_cast<uint32_t>(i));
      expected.push_back(static_cast<uint32_t>(i));
    }
    check_same(column, expected);
    column.truncate(keep);
    expected.resize(keep);
  }
}

TEST_CASE("a copy of a column whose last block is full takes its next value in a new block") {
  ChunkedColumn<uint32_t> column;
  for (uint32_t i = 0; i < kBlock; ++i) column.push_back(i);
  ChunkedColumn<uint32_t> copy = column;
  copy.back() = 99;
  CHECK(copy[kBlock - 1] == 99);
  CHECK(column[kBlock - 1] == kBlock - 1);
  copy.push_back(100);
  CHECK(copy.size() == kBlock + 1);
  CHECK(copy[kBlock] == 100);
  CHECK(copy[kBlock - 1] == 99);
}

TEST_CASE("a block column grown to a size is written out of order and pushed to after") {
  // Sizes at, just below and just past block ends: the place of the next push follows the new size.
  for (size_t n : {size_t{0}, size_t{5}, kBlock - 1, kBlock, kBlock + 1, 3 * kBlock}) {
    CAPTURE(n);
    ChunkedColumn<uint32_t> column;
    column.push_back(1);
    column.grow_to(n);
    const size_t size = std::max<size_t>(n, 1);
    std::vector<uint32_t> expected(size);
    for (size_t i = size; i-- > 0;) column[i] = expected[i] = static_cast<uint32_t>(i * 7 + 3);  // last first
    column.grow_to(size / 2);  // never shrinks
    column.push_back(9);
    expected.push_back(9);
    check_same(column, expected);
  }
}
