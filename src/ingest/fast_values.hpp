// Fast paths for the two values on every row: an ISO date and a plain decimal amount. Each
// accepts only text whose meaning is beyond doubt and gives exactly what the general reader
// (read_date, parse_money) gives for it; anything else returns false and goes to that reader.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "retention/report.hpp"

namespace retention {

// `YYYY-MM-DD`, alone or followed by `T` or a space and a time (`10:22:33Z`, `9:05 -0400`).
bool fast_iso_date(std::string_view text, Date& out);

// After an ISO date's 10 bytes: nothing, or what fast_iso_date accepts as the start of a time.
bool iso_time_follows(std::string_view text);

// fast_iso_date remembering the last date it read: an order's rows, and exports sorted by date,
// repeat the day, whose digits need no second check or conversion (issue 11). Gives what
// fast_iso_date gives for every text.
class IsoDates {
 public:
  bool read(std::string_view text, Date& out) {
    uint64_t head = 0;
    uint16_t tail = 0;
    if (text.size() >= 10) {
      std::memcpy(&head, text.data(), 8);
      std::memcpy(&tail, text.data() + 8, 2);
      if (known_ && head == head_ && tail == tail_ && iso_time_follows(text)) {
        out = day_;
        return true;
      }
    }
    if (!fast_iso_date(text, out)) return false;
    known_ = true;
    head_ = head;
    tail_ = tail;
    day_ = out;
    return true;
  }

 private:
  bool known_ = false;
  uint64_t head_ = 0;  // the last date's first 8 bytes, then its last 2
  uint16_t tail_ = 0;
  Date day_ = 0;
};

// `[-]digits[<decimal>digits]`: at most 12 whole digits and 6 decimals, nothing else (no sign
// other than a leading minus, no grouping, no currency), read exactly into millionths.
bool fast_plain_decimal(std::string_view text, char decimal, Money& out);

}  // namespace retention
