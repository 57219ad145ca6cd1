#include "model/customer_keys.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "model/blocks.hpp"
#include "model/prefetch.hpp"
#include "model/whole_key.hpp"

namespace retention {

namespace {

constexpr int kKindShift = 5;
constexpr uint32_t kLengthMask = (1u << kKindShift) - 1;

}  // namespace

void NumberedRange::key(uint64_t value, uint64_t& word, uint8_t& kind_byte) const {
  uint32_t width = first.digits;
  if (!one_width)  // no leading zero: the value's own digits
    for (width = 1; width < 19 && value >= kPowersOfTen[width]; ++width) {
    }
  if (first.prefix_length + width > 8) {  // no prefix then: a number of 9 to 19 digits
    word = value;
    kind_byte = static_cast<uint8_t>(WholeKey::kDigits << kKindShift | width);
    return;
  }
  word = first.prefix;
  for (uint32_t d = first.prefix_length + width; d-- > first.prefix_length; value /= 10)
    word |= uint64_t{'0' + value % 10} << (8 * d);
  kind_byte = static_cast<uint8_t>(WholeKey::kBytes << kKindShift | (first.prefix_length + width));
}

namespace {

// Every bit of the key reaches every bit of the hash: the top bits pick the partition, the low bits
// the slot (a long key's word is a dense number, not a hash).
uint64_t spread(uint64_t word, uint32_t kind) { return mix64(word ^ (kind + 1) * 0x9E3779B97F4A7C15ull); }

// The number of distinct keys, within a few percent (HyperLogLog, 4,096 registers: a standard error
// of 1.6%), so that the customers' tables are sized once, in one piece.
double estimate_distinct(const ChunkedColumn<uint64_t>& words, const ChunkedColumn<uint8_t>& kinds) {
  constexpr int kIndexBits = 12;
  constexpr size_t kRegisters = size_t{1} << kIndexBits;
  std::vector<uint8_t> rank(kRegisters, 0);
  for_each_index(words.size(), [&](size_t o) {
    const uint64_t h = spread(words[o], kinds[o]);
    const uint64_t rest = h << kIndexBits | uint64_t{1} << (kIndexBits - 1);  // never 0
    auto r = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    uint8_t& reg = rank[h >> (64 - kIndexBits)];
    if (r > reg) reg = r;
  });
  double sum = 0;
  size_t zeros = 0;
  for (uint8_t r : rank) {
    sum += std::ldexp(1.0, -r);
    zeros += r == 0;
  }
  const double m = kRegisters, estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
  // Few keys: linear counting over the registers is the better estimate.
  if (estimate <= 2.5 * m && zeros) return m * std::log(m / static_cast<double>(zeros));
  return estimate;
}

// The customers, in one table per partition of the hash's top bits, all partitions in one block of
// memory (freed as one piece, for the large columns that follow). Open addressing; a partition that
// fills beyond 7/8 doubles every partition.
class CustomerTables {
 public:
  struct Slot {
    uint64_t word = 0;
    uint32_t first = 0;  // the customer's first order
    uint32_t kind = 0;   // kind byte + 1; 0 = empty
  };

  CustomerTables(int bits, double customers) : bits_(bits), used_(size_t{1} << bits) {
    // About 70% full when the estimate holds.
    const double per_partition = customers / static_cast<double>(used_.size());
    capacity_ = std::max<size_t>(16, static_cast<size_t>(per_partition / 0.7) + 1);
    slots_.resize(capacity_ * used_.size());
  }

  size_t partition(uint64_t hash) const { return bits_ ? static_cast<size_t>(hash >> (64 - bits_)) : 0; }

  // The first order of the customer keyed (word, kind), `order` when the customer is new.
  uint32_t first_order(uint64_t word, uint32_t kind, uint64_t hash, uint32_t order) {
    const size_t p = partition(hash);
    Slot* table = &slots_[p * capacity_];
    const uint32_t tag = kind + 1;
    for (size_t i = home(hash);; i = i + 1 == capacity_ ? 0 : i + 1) {
      Slot& slot = table[i];
      if (slot.kind == 0) {
        slot = {word, order, tag};
        if (++used_[p] * 8 > capacity_ * 7) grow();
        return order;
      }
      if (slot.word == word && slot.kind == tag) return slot.first;
    }
  }

  // The home slot of `hash`, asked for ahead of its lookup (model/prefetch.hpp): a lookup waits on that
  // read (60% of the loop's samples at 10M rows), and asking 16 lookups ahead took a third off the loop.
  void prefetch_home(uint64_t hash) const { prefetch(&slots_[partition(hash) * capacity_ + home(hash)]); }

  const std::vector<Slot>& slots() const { return slots_; }

 private:
  // The slot a search starts from: the hash's low 32 bits scaled to the capacity.
  size_t home(uint64_t hash) const { return static_cast<size_t>((hash & 0xFFFFFFFFu) * capacity_ >> 32); }

  void grow() {
    const std::vector<Slot> old = std::move(slots_);
    capacity_ *= 2;
    slots_ = std::vector<Slot>(capacity_ * used_.size());
    for (const Slot& slot : old) {
      if (!slot.kind) continue;
      const uint64_t hash = spread(slot.word, slot.kind - 1);
      Slot* table = &slots_[partition(hash) * capacity_];
      size_t i = home(hash);
      while (table[i].kind) i = i + 1 == capacity_ ? 0 : i + 1;
      table[i] = slot;
    }
  }

  int bits_;
  std::vector<uint32_t> used_;
  size_t capacity_ = 0;
  std::vector<Slot> slots_;
};

// The rank of a set bit among the set bits: a customer's id is the rank of its first order.
class FirstOrders {
 public:
  explicit FirstOrders(size_t orders) : bits_((orders + 63) / 64), before_(bits_.size()) {}
  void set(uint32_t order) { bits_[order >> 6] |= uint64_t{1} << (order & 63); }
  // Once every first order is set: ranks them, and returns how many there are (the customers).
  size_t count() {
    uint32_t total = 0;
    for_each_index(bits_.size(), [&](size_t w) {
      before_[w] = total;
      total += static_cast<uint32_t>(__builtin_popcountll(bits_[w]));
    });
    return total;
  }
  uint32_t rank(uint32_t order) const {
    const uint64_t below = bits_[order >> 6] & ((uint64_t{1} << (order & 63)) - 1);
    return before_[order >> 6] + static_cast<uint32_t>(__builtin_popcountll(below));
  }

 private:
  std::vector<uint64_t> bits_;
  std::vector<uint32_t> before_;
};

// False for a key without trailing digits or a long key.
bool read_numbered(const WholeKey& whole, NumberedKey& key) {
  const auto length = static_cast<uint32_t>(whole.length);
  if (whole.kind == WholeKey::kDigits) {
    key = {0, 0, length, whole.word};
    return true;
  }
  if (whole.kind != WholeKey::kBytes || length == 0) return false;
  // The digits read from the word itself, its last byte moved to the top: through trailing_digits()
  // on a copy of its bytes it was 4% of the 10M-row run in wasm (issue 11).
  const TrailingDigits digits = word_trailing_digits(whole.word << (8 * (8 - length)));
  if (digits.count == 0) return false;
  const auto prefix_length = static_cast<uint32_t>(length - digits.count);  // below 8: a digit follows
  key = {whole.word & ((uint64_t{1} << (8 * prefix_length)) - 1), prefix_length,
         static_cast<uint32_t>(digits.count), digits.value};
  return true;
}

}  // namespace

std::string CustomerNames::operator[](uint32_t id) const {
  const uint32_t kind = kinds_[id], length = kind & kLengthMask;
  uint64_t word = words_[id];
  switch (kind >> kKindShift) {
    case WholeKey::kBytes: {
      std::string name(length, '\0');
      if (length) std::memcpy(&name[0], &word, length);
      return name;
    }
    case WholeKey::kDigits: {
      std::string name(length, '0');
      for (uint32_t d = length; d-- > 0; word /= 10) name[d] = static_cast<char>('0' + word % 10);
      return name;
    }
    default:
      return std::string(long_keys_[static_cast<uint32_t>(word)]);
  }
}

size_t CustomerNames::length(uint32_t id) const {
  const uint32_t kind = kinds_[id];
  if (kind >> kKindShift == WholeKey::kLong) return long_keys_[static_cast<uint32_t>(words_[id])].size();
  return kind & kLengthMask;
}

bool CustomerKeys::keep_numbered(const WholeKey& whole) {
  NumberedKey key;
  if (!read_numbered(whole, key)) return false;
  NumberedRange& range = numbered_;
  if (numbers_.size() == 0) {
    range = NumberedRange{};
    range.first = key;
    range.lowest = range.highest = key.value;
  } else if (key.prefix != range.first.prefix || key.prefix_length != range.first.prefix_length) {
    return false;
  }
  // Kept as a 32-bit difference from the first number: a wider range is not dense anyway.
  constexpr uint64_t kMaxDistance = uint64_t{1} << 31;
  if (key.value >= range.first.value ? key.value - range.first.value >= kMaxDistance
                                     : range.first.value - key.value > kMaxDistance)
    return false;
  const bool one_width = range.one_width && key.digits == range.first.digits;
  const bool leading_zero = range.leading_zero || (key.digits > 1 && key.value < kPowersOfTen[key.digits - 1]);
  if (leading_zero && !one_width) return false;  // "C7" and "C007": one number, two customers
  range.one_width = one_width;
  range.leading_zero = leading_zero;
  range.lowest = std::min(range.lowest, key.value);
  range.highest = std::max(range.highest, key.value);
  numbers_.push_back(static_cast<uint32_t>(key.value - range.first.value));  // wraps below the first
  return true;
}

void CustomerKeys::stop_numbering() {
  numbering_ = false;
  const size_t n = numbers_.size();
  for (size_t o = 0; o < n; ++o) {
    uint64_t word = 0;
    uint8_t kind_byte = 0;
    numbered_.key(number_at(o), word, kind_byte);
    words_.push_back(word);
    kinds_.push_back(kind_byte);
    if ((o + 1) % 65536 == 0) numbers_.free_before(o + 1);  // now and then: it walks the blocks before
  }
  whole_keys_ += n;
  numbers_ = ChunkedColumn<uint32_t>();
}

void CustomerKeys::add(std::string_view customer) {
  WholeKey key = whole_key(customer);
  if (numbering_) {
    if (keep_numbered(key)) return;
    stop_numbering();
  }
  if (key.whole()) {
    ++whole_keys_;
  } else {
    bool added = false;
    key.word = long_keys_.intern(customer, key, added);
    key.length = 0;
  }
  words_.push_back(key.word);
  kinds_.push_back(static_cast<uint8_t>(key.kind << kKindShift | key.length));
}

bool CustomerKeys::is(size_t order, std::string_view customer) const {
  uint64_t word = 0;
  uint32_t kind = 0;
  if (numbering_) {
    uint8_t kind_byte = 0;
    numbered_.key(number_at(order), word, kind_byte);
    kind = kind_byte;
  } else {
    word = words_[order];
    kind = kinds_[order];
  }
  if (kind >> kKindShift == WholeKey::kLong) return long_keys_[static_cast<uint32_t>(word)] == customer;
  const WholeKey key = whole_key(customer);
  return key.whole() && key.word == word && (key.kind << kKindShift | key.length) == kind;
}

ChunkedColumn<uint32_t> CustomerKeys::resolve(CustomerNames& names, double expected_customers, bool* by_number) {
  if (numbering_ && numbers_.size()) {
    // Numbers in a range of at most about twice the orders: an array of 4 bytes a number then numbers
    // the customers, smaller than the tables.
    const uint64_t orders = numbers_.size();
    if (numbered_.highest - numbered_.lowest < std::min<uint64_t>(2 * orders + 1024, uint64_t{1} << 31)) {
      if (by_number) *by_number = true;
      return resolve_by_number(names);
    }
  }
  if (numbering_) stop_numbering();
  // Blocks of 2^20 orders (a 14 MB scratch); partitions of about 16,384 orders in all, so that a
  // partition's table holds at most that many customers and a block's lookups in it stay within a few
  // pages (on this machine a lookup in one table of millions cost a TLB miss and a cache miss). The
  // larger the block, the more of a block's lookups find their table's lines already in cache: 2^20
  // orders took a quarter fewer samples than 2^18 at 10M rows; 2^21 fewer still, but its scratch set
  // the wasm peak (issue 11).
  constexpr size_t kBlock = size_t{1} << 20;
  constexpr int kMaxPartitionBits = 10;
  const size_t n = words_.size();
  if (whole_keys_ == 0) {  // only long keys: numbered by first sight as they were read
    ChunkedColumn<uint32_t> out;
    for (size_t o = 0; o < n; ++o) out.push_back(static_cast<uint32_t>(words_[o]));
    names.words_.resize(long_keys_.size());
    for (uint32_t id = 0; id < long_keys_.size(); ++id) names.words_[id] = id;
    names.kinds_.assign(long_keys_.size(), static_cast<uint8_t>(WholeKey::kLong << kKindShift));
    names.long_keys_ = std::move(long_keys_);
    names.long_keys_.forget_lookups();
    *this = CustomerKeys();
    return out;
  }
  if (by_number) *by_number = false;
  const double expected = expected_customers >= 0 ? expected_customers : estimate_distinct(words_, kinds_);
  // Reserved before the tables, which are then freed as one piece beside the other freed scratch.
  names.words_.reserve(static_cast<size_t>(expected * 1.05));
  names.kinds_.reserve(names.words_.capacity());
  int bits = 0;
  while (bits < kMaxPartitionBits && (n >> bits) > 16384) ++bits;
  const size_t partitions = size_t{1} << bits;
  CustomerTables tables(bits, expected);
  // A block's keys grouped by partition: each key's word, and its index in the block << 8 | kind.
  std::vector<uint64_t> grouped_words(std::min(n, kBlock));
  std::vector<uint32_t> grouped_at(grouped_words.size());
  std::vector<uint16_t> partition_of(grouped_words.size());
  std::vector<size_t> start(partitions + 1);
  ChunkedColumn<uint32_t> out;
  for_each_block(n, [&](size_t begin, size_t end) RETENTION_BLOCK_BODY {
    const size_t count = end - begin;
    std::fill(start.begin(), start.end(), 0);
    for (size_t i = 0; i < count; ++i) {
      partition_of[i] = static_cast<uint16_t>(tables.partition(spread(words_[begin + i], kinds_[begin + i])));
      ++start[partition_of[i] + 1];
      out.push_back(0);
    }
    for (size_t p = 0; p < partitions; ++p) start[p + 1] += start[p];
    std::vector<size_t> cursor(start.begin(), start.end() - 1);
    for (size_t i = 0; i < count; ++i) {
      const size_t at = cursor[partition_of[i]]++;
      grouped_words[at] = words_[begin + i];
      grouped_at[at] = static_cast<uint32_t>(i << 8 | kinds_[begin + i]);
    }
    for (size_t e = 0; e < count; ++e) {
      if (const size_t ahead = e + kPrefetchAhead; ahead < count)
        tables.prefetch_home(spread(grouped_words[ahead], grouped_at[ahead] & 0xFF));
      const uint64_t word = grouped_words[e];
      const uint32_t kind = grouped_at[e] & 0xFF, i = grouped_at[e] >> 8;
      out[begin + i] = tables.first_order(word, kind, spread(word, kind), static_cast<uint32_t>(begin + i));
    }
    words_.free_before(begin + count);
    kinds_.free_before(begin + count);
  }, kBlock);
  grouped_words = std::vector<uint64_t>();
  grouped_at = std::vector<uint32_t>();
  partition_of = std::vector<uint16_t>();

  // A customer's id is the rank of its first order among all first orders.
  FirstOrders firsts(n);
  const auto& slots = tables.slots();
  for_each_index(slots.size(), [&](size_t s) {
    if (slots[s].kind) firsts.set(slots[s].first);
  });
  const size_t customers = firsts.count();
  names.words_.resize(customers);
  names.kinds_.resize(customers);
  for_each_index(slots.size(), [&](size_t s) {
    if (!slots[s].kind) return;
    const uint32_t id = firsts.rank(slots[s].first);
    names.words_[id] = slots[s].word;
    names.kinds_[id] = static_cast<uint8_t>(slots[s].kind - 1);
  });
  tables = CustomerTables(0, 0);
  names.long_keys_ = std::move(long_keys_);
  names.long_keys_.forget_lookups();
  for_each_index(n, [&](size_t o) { out[o] = firsts.rank(out[o]); });
  *this = CustomerKeys();
  return out;
}

// Each order's number in place of its difference, then per number its customer's first order, looked up
// a few numbers ahead (model/prefetch.hpp), as the tables are.
ChunkedColumn<uint32_t> CustomerKeys::resolve_by_number(CustomerNames& names) {
  constexpr uint32_t kUnseen = UINT32_MAX;
  const NumberedRange range = numbered_;
  const size_t n = numbers_.size();
  // Per number its customer's first order, then its customer; each order's number in `out` meanwhile.
  std::vector<uint32_t> first(static_cast<size_t>(range.highest - range.lowest + 1), kUnseen);
  for_each_index(n, [&](size_t o) { numbers_[o] = static_cast<uint32_t>(number_at(o) - range.lowest); });
  ChunkedColumn<uint32_t> out = std::move(numbers_);
  for_each_block(n, [&](size_t begin, size_t end) RETENTION_BLOCK_BODY {
    for (size_t o = begin; o < end; ++o) {
      if (o + kPrefetchAhead < end) prefetch(&first[out[o + kPrefetchAhead]]);
      uint32_t& first_order = first[out[o]];
      if (first_order == kUnseen) first_order = static_cast<uint32_t>(o);
    }
  });
  *this = CustomerKeys();
  // A customer's id is the rank of its first order among all first orders, as the tables number them.
  FirstOrders firsts(n);
  for_each_index(first.size(), [&](size_t number) {
    if (first[number] != kUnseen) firsts.set(first[number]);
  });
  const size_t customers = firsts.count();
  names.words_.resize(customers);
  names.kinds_.resize(customers);
  for_each_index(first.size(), [&](size_t number) {
    if (first[number] == kUnseen) return;
    const uint32_t id = firsts.rank(first[number]);
    range.key(range.lowest + number, names.words_[id], names.kinds_[id]);
    first[number] = id;
  });
  for_each_block(n, [&](size_t begin, size_t end) RETENTION_BLOCK_BODY {
    for (size_t o = begin; o < end; ++o) {
      if (o + kPrefetchAhead < end) prefetch(&first[out[o + kPrefetchAhead]]);
      out[o] = first[out[o]];
    }
  });
  return out;
}

}  // namespace retention
