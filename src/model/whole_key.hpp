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

inline WholeKey whole_key(std::string_view s) {
  WholeKey key;
  key.length = s.size();
  if (s.size() <= 8) {
    key.word = load_short(s.data(), s.size());
    key.kind = WholeKey::kBytes;
    return key;
  }
  if (s.size() <= 19) {
    uint64_t value = 0;
    bool digits = true;
    for (char c : s) {
      digits = digits && c >= '0' && c <= '9';
      value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    if (digits) {
      key.word = value;
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
