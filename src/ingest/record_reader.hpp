// bytes -> records, whatever the format: CSV and text tables (csv_reader), JSON and NDJSON (json_reader).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

// A record's fields, in room kept from record to record: once the room is there, adding a field is
// a store and an increment. std::vector's emplace_back stayed a call per field natively (7% of
// reading's instructions), and copying a record's fields into one was a memmove call per record in
// wasm (2% of a 10M-row run; issue 11).
class RecordFields {
 public:
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::string_view& operator[](size_t i) const { return room_[i]; }
  std::string_view& operator[](size_t i) { return room_[i]; }
  const std::string_view* begin() const { return room_.data(); }
  const std::string_view* end() const { return room_.data() + size_; }

  void clear() { size_ = 0; }
  void push_back(std::string_view field) {
    if (size_ == room_.size()) grow();
    room_[size_++] = field;
  }
  template <class It>
  void assign(It first, It last) {
    clear();
    for (; first != last; ++first) push_back(*first);
  }
  void assign(size_t n, std::string_view field) {
    clear();
    for (size_t i = 0; i < n; ++i) push_back(field);
  }

 private:
  void grow() { room_.resize(room_.size() < 16 ? 16 : 2 * room_.size()); }

  std::vector<std::string_view> room_;
  size_t size_ = 0;
};

// One record: the header first, then one per row. Fields point into the chunk being read (or the
// reader's buffer, for a field cut by a chunk's end or holding doubled quotes) and live until the
// sink returns.
struct CsvRecord {
  int64_t line = 0;  // file line where the record starts (1-based)
  RecordFields fields;
};

// Returns false to stop reading (e.g. strict mode hit a bad row).
using RecordSink = std::function<bool(const CsvRecord&)>;

// The same as an interface: the engine implements it, so a CSV record costs one virtual call
// rather than a std::function call and the lambda behind it.
class RecordConsumer {
 public:
  virtual ~RecordConsumer() = default;
  virtual bool on_record(const CsvRecord& record) = 0;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // Reads a chunk split anywhere; returns false once the sink asked to stop or the input is broken.
  virtual bool feed(std::string_view chunk) = 0;
  // End of input: emits what is left; reports input that cannot be read.
  virtual Error finish() = 0;
  // Set when feed() returned false because the input itself is broken.
  virtual Error error() const { return {}; }
};

}  // namespace retention
