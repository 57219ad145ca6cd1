// bytes -> records, whatever the format: CSV and text tables (csv_reader), JSON and NDJSON (json_reader).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

// One record: the header first, then one per row. Fields point into the chunk being read (or the
// reader's buffer, for a field cut by a chunk's end or holding doubled quotes) and live until the
// sink returns.
struct CsvRecord {
  int64_t line = 0;  // file line where the record starts (1-based)
  std::vector<std::string_view> fields;
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
