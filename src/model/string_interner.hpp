// Gives each distinct string a dense id (0, 1, 2 ... in order of first sight).
// Open addressing over arena records, the bytes in one arena: no heap node per key, 16 to 32 bytes
// of index per key plus its id and bytes, two cache misses a lookup.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace retention {

class StringInterner {
 public:
  // The id of `s`, adding it when new; `added` tells which.
  uint32_t intern(std::string_view s, bool& added) {
    const uint64_t h = hash(s);
    size_t slot = probe(s, h);
    if (slots_[slot]) {
      added = false;
      return id_at(ref_of(slots_[slot]));
    }
    auto id = static_cast<uint32_t>(strings_.size());
    const uint64_t ref = store(s, id);
    strings_.push_back(ref);
    slots_[slot] = entry(h, ref);
    added = true;
    if (strings_.size() * 2 > slots_.size()) grow();
    return id;
  }

  // The id of `s` if it was interned, else -1.
  int64_t find(std::string_view s) const {
    size_t slot = probe(s, hash(s));
    return slots_[slot] ? static_cast<int64_t>(id_at(ref_of(slots_[slot]))) : -1;
  }

  std::string_view operator[](uint32_t id) const { return view(strings_[id]); }
  size_t size() const { return strings_.size(); }

 private:
  static constexpr int kOffsetBits = 20;
  static constexpr size_t kBlock = size_t{1} << kOffsetBits;

  // A fast 64-bit multiply-mix hash (ids never depend on it, only speed does).
  static uint64_t hash(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xFF51AFD7ED558CCDull);
    const char* p = s.data();
    size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t k;
      std::memcpy(&k, p, 8);
      h = (h ^ (k * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 29;
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p, n);
    h = (h ^ (tail * 0xC2B2AE3D27D4EB4Full)) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 32);
  }

  // A slot holds the hash's top 24 bits and where the key is in the arena (+ 1; 0 is empty). The
  // key's record there starts with its id, so a lookup reads the slot and the record: two cache
  // misses, not three through an id -> record table (issue 11). The slot's position comes from the
  // hash's low bits, recomputed from the key when the table grows.
  static uint64_t entry(uint64_t h, uint64_t ref) { return (h >> 40 << 40) | (ref + 1); }
  static uint64_t ref_of(uint64_t slot) { return (slot & ((uint64_t{1} << 40) - 1)) - 1; }
  static bool same_tag(uint64_t slot, uint64_t h) { return (slot >> 40) == (h >> 40); }

  // The slot holding `s`, or the empty slot where it would go.
  size_t probe(std::string_view s, uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t slot = slots_[i];
      if (!slot || (same_tag(slot, h) && view(ref_of(slot)) == s)) return i;
    }
  }

  void grow() {
    std::vector<uint64_t> bigger(slots_.size() * 2, 0);
    const size_t mask = bigger.size() - 1;
    for (uint64_t ref : strings_) {
      const uint64_t h = hash(view(ref));
      size_t i = h & mask;
      while (bigger[i]) i = (i + 1) & mask;
      bigger[i] = entry(h, ref);
    }
    slots_.swap(bigger);
  }

  // Copies the id and `s` (a varint length, then its bytes) into the arena; returns
  // (block << kOffsetBits) | offset.
  uint64_t store(std::string_view s, uint32_t id) {
    size_t need = s.size() + 4 + 5;
    if (need > kBlock / 4) {  // a huge key gets a block of its own
      blocks_.emplace_back(new char[need]);
      used_ = kBlock;  // the next key starts a fresh block
      write(blocks_.back().get(), s, id);
      return uint64_t{blocks_.size() - 1} << kOffsetBits;
    }
    if (blocks_.empty() || used_ + need > kBlock) {
      blocks_.emplace_back(new char[kBlock]);
      used_ = 0;
    }
    uint64_t ref = (uint64_t{blocks_.size() - 1} << kOffsetBits) | used_;
    used_ += write(blocks_.back().get() + used_, s, id);
    return ref;
  }

  static size_t write(char* dest, std::string_view s, uint32_t id) {
    std::memcpy(dest, &id, 4);
    size_t n = 4;
    for (uint64_t len = s.size(); ; len >>= 7) {
      dest[n++] = static_cast<char>((len & 0x7F) | (len >= 0x80 ? 0x80 : 0));
      if (len < 0x80) break;
    }
    std::copy(s.begin(), s.end(), dest + n);
    return n + s.size();
  }

  const char* record(uint64_t ref) const {
    return blocks_[ref >> kOffsetBits].get() + (ref & (kBlock - 1));
  }

  uint32_t id_at(uint64_t ref) const {
    uint32_t id;
    std::memcpy(&id, record(ref), 4);
    return id;
  }

  std::string_view view(uint64_t ref) const {
    const char* p = record(ref) + 4;
    size_t len = 0;
    for (int shift = 0;; shift += 7) {
      auto byte = static_cast<unsigned char>(*p++);
      len |= size_t{byte & 0x7Fu} << shift;
      if (!(byte & 0x80)) break;
    }
    return {p, len};
  }

  std::vector<uint64_t> slots_ = std::vector<uint64_t>(16, 0);  // power-of-two size, at most half full
  std::vector<uint64_t> strings_;                               // per id: its record in the arena
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
};

}  // namespace retention
