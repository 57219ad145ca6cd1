// Short texts (ids such as "O1000042", "C1469767", "#1001") compared and copied with fixed-size
// loads: in wasm a memcmp or memcpy of a variable size is a library call, and the order book makes
// several per row (issue 11).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "model/whole_key.hpp"

namespace retention {

// a == b, 8 bytes at a time (the last 8 overlapping the ones before). Always inlined: compared on
// every row (the wasm build otherwise made it a call).
[[gnu::always_inline]] inline bool same_text(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n <= 8) return load_short(a.data(), n) == load_short(b.data(), n);
  for (size_t at = 0; at + 8 < n; at += 8)
    if (load8(a.data() + at) != load8(b.data() + at)) return false;
  return load8(a.data() + n - 8) == load8(b.data() + n - 8);
}

// A copy of the latest of a series of texts (the previous row's order id or customer): up to 32
// bytes in place, longer ones in a string.
class RecentText {
 public:
  void assign(std::string_view s) {
    size_ = s.size();
    if (size_ > kInPlace) {
      long_.assign(s.data(), s.size());
      return;
    }
    if (size_ <= 8) {
      store8(bytes_, load_short(s.data(), size_));
      return;
    }
    for (size_t at = 0; at + 8 < size_; at += 8) store8(bytes_ + at, load8(s.data() + at));
    store8(bytes_ + size_ - 8, load8(s.data() + size_ - 8));
  }
  std::string_view view() const { return {size_ > kInPlace ? long_.data() : bytes_, size_}; }
  [[gnu::always_inline]] bool operator==(std::string_view s) const { return same_text(view(), s); }

 private:
  static void store8(char* p, uint64_t word) { std::memcpy(p, &word, 8); }

  static constexpr size_t kInPlace = 32;
  char bytes_[kInPlace] = {};
  size_t size_ = 0;
  std::string long_;
};

}  // namespace retention
