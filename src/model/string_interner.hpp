// Gives each distinct string a dense id (0, 1, 2 ... in order of first sight).
// Open addressing over ids, the bytes in one arena: no heap node per key, few cache misses.
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
    uint32_t h = hash(s);
    size_t slot = probe(s, h);
    if (slots_[slot]) {
      added = false;
      return id_of(slots_[slot]);
    }
    auto id = static_cast<uint32_t>(strings_.size());
    strings_.push_back(store(s));
    slots_[slot] = entry(h, id);
    added = true;
    if (strings_.size() * 2 > slots_.size()) grow();
    return id;
  }

  // The id of `s` if it was interned, else -1.
  int64_t find(std::string_view s) const {
    size_t slot = probe(s, hash(s));
    return slots_[slot] ? static_cast<int64_t>(id_of(slots_[slot])) : -1;
  }

  std::string_view operator[](uint32_t id) const { return strings_[id]; }
  size_t size() const { return strings_.size(); }

 private:
  static constexpr size_t kBlock = 1 << 20;

  // A fast 64-bit multiply-mix hash folded to 32 bits (ids never depend on it, only speed does).
  static uint32_t hash(std::string_view s) {
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
    h ^= h >> 32;
    return static_cast<uint32_t>(h);
  }

  // A slot holds the key's hash (high half) and its id + 1 (low half); 0 is empty.
  static uint64_t entry(uint32_t h, uint32_t id) { return (uint64_t{h} << 32) | (uint64_t{id} + 1); }
  static uint32_t id_of(uint64_t slot) { return static_cast<uint32_t>(slot) - 1; }
  static uint32_t hash_of(uint64_t slot) { return static_cast<uint32_t>(slot >> 32); }

  // The slot holding `s`, or the empty slot where it would go.
  size_t probe(std::string_view s, uint32_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      uint64_t slot = slots_[i];
      if (!slot || (hash_of(slot) == h && strings_[id_of(slot)] == s)) return i;
    }
  }

  void grow() {
    std::vector<uint64_t> bigger(slots_.size() * 2, 0);
    const size_t mask = bigger.size() - 1;
    for (uint64_t slot : slots_) {
      if (!slot) continue;
      size_t i = hash_of(slot) & mask;
      while (bigger[i]) i = (i + 1) & mask;
      bigger[i] = slot;
    }
    slots_.swap(bigger);
  }

  std::string_view store(std::string_view s) {
    if (s.size() > kBlock / 4) {  // a huge key gets a block of its own
      large_.emplace_back(new char[s.size()]);
      std::copy(s.begin(), s.end(), large_.back().get());
      return {large_.back().get(), s.size()};
    }
    if (blocks_.empty() || used_ + s.size() > kBlock) {
      blocks_.emplace_back(new char[kBlock]);
      used_ = 0;
    }
    char* dest = blocks_.back().get() + used_;
    std::copy(s.begin(), s.end(), dest);
    used_ += s.size();
    return {dest, s.size()};
  }

  std::vector<uint64_t> slots_ = std::vector<uint64_t>(16, 0);  // power-of-two size, at most half full
  std::vector<std::string_view> strings_;                       // per id, into the arena
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::unique_ptr<char[]>> large_;
  size_t used_ = 0;
};

}  // namespace retention
