// Gives each distinct string a dense id (0, 1, 2 ... in order of first sight).
// Open addressing over whole short keys or arena records, the bytes in one arena: no heap node per
// key, 32 to 64 bytes of index per key plus its id and bytes; one cache miss a lookup for a key of up
// to 8 bytes or 19 digits, two for a longer one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "model/whole_key.hpp"

namespace retention {

class StringInterner {
 public:
  // The id of `s`, adding it when new; `added` tells which.
  uint32_t intern(std::string_view s, bool& added) { return intern(s, whole_key(s), added); }
  // The same for a caller that has encoded `s` already (key = whole_key(s)).
  // Always inlined, with probe(): products and attribute values are interned on every row.
  [[gnu::always_inline]] uint32_t intern(std::string_view s, const WholeKey& key, bool& added) {
    const size_t at = probe(s, key);
    if (slots_[at].meta) {
      added = false;
      return id_in(slots_[at]);
    }
    auto id = static_cast<uint32_t>(strings_.size());
    const uint64_t ref = store(s, id);
    strings_.push_back(ref);
    slots_[at] = {key.word, key.kind == kLong ? kLong << kKindShift | ref : key.kind << kKindShift | key.length << 32 | id};
    added = true;
    if (too_full()) grow();
    return id;
  }

  // The id of `s` if it was interned, else -1.
  int64_t find(std::string_view s) const {
    const Slot& slot = slots_[probe(s, whole_key(s))];
    return slot.meta ? static_cast<int64_t>(id_in(slot)) : -1;
  }

  std::string_view operator[](uint32_t id) const { return view(strings_[id]); }
  size_t size() const { return strings_.size(); }
  // The mean number of slots a lookup of a present key reads: near 1.5 for a table at most half full
  // whose keys are spread well, near 1.07 for one at most an eighth full (checks for tests).
  double mean_probe_length() const {
    const size_t mask = slots_.size() - 1;
    double total = 0;
    for (size_t i = 0; i < slots_.size(); ++i) {
      const Slot& slot = slots_[i];
      if (!slot.meta) continue;
      total += static_cast<double>(((i - (home_in(slot) & mask)) & mask) + 1);
    }
    return strings_.empty() ? 0 : total / static_cast<double>(strings_.size());
  }

  // Frees the lookup table once no string will be looked up or added again: the strings stay, by id.
  void forget_lookups() { slots_ = std::vector<Slot>(); }

 private:
  // At most an eighth full while the table is small (up to 2^16 slots, 1 MB), at most half full beyond.
  // Products and attribute values are interned on every row from a table of a few hundred: sparse,
  // 9 lookups in 10 read one slot instead of 2 in 3, and the probe loop's exit mispredicts less
  // (500 products: 12 -> 6 ns a lookup natively). Millions of emails keep 32 to 64 bytes a key.
  static constexpr size_t kSparseSlots = size_t{1} << 16;
  bool too_full() const {
    return strings_.size() * (slots_.size() <= kSparseSlots ? 8 : 2) > slots_.size();
  }

  static constexpr int kOffsetBits = 20;
  static constexpr size_t kBlock = size_t{1} << kOffsetBits;

  // A key kept whole (model/whole_key.hpp) is found by reading its slot alone: one cache miss, the
  // cost of a lookup among millions of customers (issue 11). A long key's slot holds its hash, checked
  // against its bytes in the arena: two misses.
  static constexpr uint64_t kLong = WholeKey::kLong;
  static constexpr int kKindShift = 62;
  // meta: the kind (top 2 bits, 0 = empty), then for a whole key its length (bits 32..36) and id, for
  // a long key where its record is in the arena (which starts with the id).
  struct Slot {
    uint64_t word = 0;
    uint64_t meta = 0;
  };

  static uint64_t kind_of(const Slot& slot) { return slot.meta >> kKindShift; }
  static uint64_t ref_in(const Slot& slot) { return slot.meta & ((uint64_t{1} << 40) - 1); }
  uint32_t id_in(const Slot& slot) const {
    return kind_of(slot) == kLong ? id_at(ref_in(slot)) : static_cast<uint32_t>(slot.meta);
  }
  static uint64_t home_in(const Slot& slot) {
    const uint64_t kind = kind_of(slot);
    return key_home(slot.word, kind, kind == kLong ? 0 : slot.meta >> 32 & 0x1F);
  }

  // The slot holding `s`, or the empty slot where it would go.
  [[gnu::always_inline]] size_t probe(std::string_view s, const WholeKey& key) const {
    const size_t mask = slots_.size() - 1;
    const uint64_t whole = key.kind << kKindShift | key.length << 32;
    constexpr uint64_t kWholeMask = uint64_t{3} << kKindShift | uint64_t{0x1F} << 32;
    for (size_t i = key_home(key.word, key.kind, key.length) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (!slot.meta) return i;
      if (slot.word != key.word) continue;
      if (key.kind == kLong ? kind_of(slot) == kLong && view(ref_in(slot)) == s : (slot.meta & kWholeMask) == whole)
        return i;
    }
  }

  void grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (const Slot& slot : slots_) {
      if (!slot.meta) continue;
      size_t i = home_in(slot) & mask;
      while (bigger[i].meta) i = (i + 1) & mask;
      bigger[i] = slot;
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
    return blocks_[static_cast<size_t>(ref >> kOffsetBits)].get() + (ref & (kBlock - 1));
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

  std::vector<Slot> slots_ = std::vector<Slot>(16);  // power-of-two size, at most half full
  std::vector<uint64_t> strings_;                               // per id: its record in the arena
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
};

}  // namespace retention
