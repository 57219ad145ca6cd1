// A string key as one 64-bit word where it fits (issue 11): shared by the string interner and the
// customer keys that are resolved after reading, so that both compare keys the same exact way.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace retention {

// Up to 8 bytes are their bytes, with the length beside them; 9 to 19 digits ("6029384756123", a
// Shopify customer id) their value, with the digit count beside it so that leading zeros count. Every
// other key is "long": its 64-bit hash, to be checked against its bytes. A key has one kind only, so
// kinds never meet.
struct WholeKey {
  static constexpr uint64_t kBytes = 1, kDigits = 2, kLong = 3;
  uint64_t word = 0;  // the bytes, the value, or the hash
  uint64_t kind = kLong;
  uint64_t length = 0;  // of a key kept whole (at most 19)

  bool whole() const { return kind != kLong; }
};

// The 8 bytes at p as a word.
inline uint64_t load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}

// The n bytes at p (n <= 8) as a little-endian word, zero above: fixed-size loads (two of them,
// overlapping), since a memcpy of a variable size is a library call in wasm, for every key.
inline uint64_t load_short(const char* p, size_t n) {
  if (n >= 4) {
    uint32_t low, high;
    std::memcpy(&low, p, 4);
    std::memcpy(&high, p + n - 4, 4);
    return low | uint64_t{high} << (8 * (n - 4));
  }
  if (n == 0) return 0;
  const auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])} << (8 * i); };
  return byte(0) | byte(n / 2) | byte(n - 1);
}

// A fast 64-bit multiply-mix hash (ids never depend on it, only speed does).
inline uint64_t hash_bytes(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xFF51AFD7ED558CCDull);
  const char* p = s.data();
  size_t n = s.size();
  for (; n >= 8; p += 8, n -= 8) {
    h = (h ^ (load8(p) * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  const uint64_t tail = load_short(p, n);  // an empty view's data() may be null: not read
  h = (h ^ (tail * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
  return h ^ (h >> 32);
}

// The digits that end a text, 8 bytes at a time: order ids ("O1000042") are split into prefix and
// number once an order, and long numeric customer ids read as numbers, on every row (issue 11); a
// loop per byte was most of an order-id lookup.
struct TrailingDigits {
  size_t count = 0;    // how many digits end the text (at most the limit asked for)
  uint64_t value = 0;  // their value
};

// 10^0 to 10^19: every power that a uint64_t holds.
inline constexpr uint64_t kPowersOfTen[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                            1000000000, 10000000000ull, 100000000000ull, 1000000000000ull,
                                            10000000000000ull, 100000000000000ull, 1000000000000000ull,
                                            10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
                                            10000000000000000000ull};

namespace digits_detail {
// The bytes of `w` that are not ASCII digits, as nonzero bytes (no carry crosses a byte).
inline uint64_t non_digit_bytes(uint64_t w) {
  constexpr uint64_t kHigh = 0xF0F0F0F0F0F0F0F0ull, kLow = 0x0F0F0F0F0F0F0F0Full;
  return ((w & kHigh) ^ 0x3030303030303030ull) | (((w & kLow) + 0x0606060606060606ull) & kHigh);
}
// The number written by 8 digit values, byte 0 the most significant (Lemire's eight-digit parse).
inline uint64_t eight_digits(uint64_t x) {
  x = x * 10 + (x >> 8);
  return (((x & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
          (((x >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >> 32;
}
}  // namespace digits_detail

// The digits ending the text held at the top of `w` (its last byte the top one; the bytes below the
// text zero, not digits, so a run never counts past them), at most `limit` (<= 8) of them.
inline TrailingDigits word_trailing_digits(uint64_t w, size_t limit = 8) {
  const uint64_t bad = digits_detail::non_digit_bytes(w);
  size_t digits = bad ? static_cast<size_t>(__builtin_clzll(bad)) / 8 : 8;
  if (digits > limit) digits = limit;
  if (digits == 0) return {};
  const uint64_t keep = ~uint64_t{0} << (8 * (8 - digits));  // the top `digits` bytes
  return {digits, digits_detail::eight_digits((w & keep) - (0x3030303030303030ull & keep))};
}

// The digits ending `s`, at most `limit` (<= 19) of them.
inline TrailingDigits trailing_digits(std::string_view s, size_t limit) {
  TrailingDigits out;
  uint64_t scale = 1;  // 10^count
  for (size_t left = s.size(); left > 0 && out.count < limit;) {
    const size_t n = left < 8 ? left : 8;
    // The n bytes before `left`, at the top of the word.
    const uint64_t w = n == 8 ? load8(s.data() + left - 8) : load_short(s.data() + left - n, n) << (8 * (8 - n));
    const TrailingDigits part = word_trailing_digits(w, limit - out.count);
    if (part.count == 0) break;
    out.value += part.value * scale;
    out.count += part.count;
    scale *= kPowersOfTen[part.count];
    if (part.count < 8) break;
    left -= 8;
  }
  return out;
}

// Always inlined: every row's keys go through it (the wasm build otherwise made it a call).
[[gnu::always_inline]] inline WholeKey whole_key(std::string_view s) {
  WholeKey key;
  key.length = s.size();
  if (s.size() <= 8) {
    key.word = load_short(s.data(), s.size());
    key.kind = WholeKey::kBytes;
    return key;
  }
  if (s.size() <= 19) {
    const TrailingDigits digits = trailing_digits(s, 19);
    if (digits.count == s.size()) {
      key.word = digits.value;
      key.kind = WholeKey::kDigits;
      return key;
    }
  }
  key.word = hash_bytes(s);
  return key;
}

// MurmurHash3's 64-bit finaliser: every bit of `h` reaches every bit of the result.
inline uint64_t mix64(uint64_t h) {
  h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDull;
  h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 33);
}

// A key's hash: every bit of a whole key must reach the low bits that pick a slot, since ids such as
// "SKU-0400" differ in their last bytes only. A long key's word is its hash already.
inline uint64_t key_home(uint64_t word, uint64_t kind, uint64_t length) {
  if (kind == WholeKey::kLong) return word;
  return mix64(word ^ (kind << 8 | length) * 0x9E3779B97F4A7C15ull);
}

}  // namespace retention
