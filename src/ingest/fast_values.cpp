#include "ingest/fast_values.hpp"

#include <cstdint>

#include "ingest/dates.hpp"

namespace retention {

namespace {

inline unsigned digit(char c) { return static_cast<unsigned>(static_cast<unsigned char>(c) - '0'); }
inline bool is_digit(char c) { return digit(c) < 10; }

}  // namespace

bool iso_time_follows(std::string_view s) {
  if (s.size() == 10) return true;
  // The time as read_date accepts it: `T` or a space, a digit, and a colon within two more bytes.
  if (s.size() < 13 || (s[10] != 'T' && s[10] != ' ') || !is_digit(s[11])) return false;
  return s[12] == ':' || (is_digit(s[12]) && s.size() > 13 && s[13] == ':');
}

bool fast_iso_date(std::string_view s, Date& out) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(s[i])) return false;
  if (!iso_time_follows(s)) return false;
  const int year = static_cast<int>(digit(s[0]) * 1000 + digit(s[1]) * 100 + digit(s[2]) * 10 + digit(s[3]));
  const unsigned month = digit(s[5]) * 10 + digit(s[6]), day = digit(s[8]) * 10 + digit(s[9]);
  if (!is_valid_civil(year, month, day)) return false;  // the general reader words the rejection
  out = days_from_civil(year, month, day);
  return true;
}

bool fast_plain_decimal(std::string_view s, char decimal, Money& out) {
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  i += negative;
  uint64_t units = 0;
  const size_t whole_start = i;
  while (i < s.size() && is_digit(s[i])) units = units * 10 + digit(s[i++]);
  const size_t whole = i - whole_start;
  if (whole == 0 || whole > 12) return false;
  uint64_t micros = 0;
  if (i < s.size()) {
    if (s[i] != decimal) return false;
    const size_t fraction_start = ++i;
    while (i < s.size() && is_digit(s[i])) micros = micros * 10 + digit(s[i++]);
    const size_t fraction = i - fraction_start;
    if (i != s.size() || fraction == 0 || fraction > 6) return false;
    for (size_t f = fraction; f < 6; ++f) micros *= 10;
  }
  const auto value = static_cast<Money>(units * static_cast<uint64_t>(kMoneyScale) + micros);
  out = negative ? -value : value;
  return true;
}

}  // namespace retention
