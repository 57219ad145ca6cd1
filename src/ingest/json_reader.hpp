// bytes -> records for JSON (an array of objects, or an object holding one) and NDJSON / JSON Lines.
// Objects are flattened (`{"customer": {"email": ..}}` -> column `customer.email`); numbers keep
// their exact text, so amounts are read as written. The header is the union of the keys of the
// first records, in order of first sight.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/record_reader.hpp"

namespace retention {

class JsonReader : public RecordReader {
 public:
  // `max_held`: the most bytes held at once (the document, or one line): beyond it input_too_large.
  JsonReader(bool ndjson, RecordSink sink, size_t max_held = kMaxHeldBytes);
  ~JsonReader() override;

  // NDJSON is parsed line by line as it arrives; a JSON document is held until finish().
  bool feed(std::string_view chunk) override;
  Error finish() override;
  Error error() const override { return error_; }

 private:
  struct Impl;
  bool too_large(size_t held);

  std::unique_ptr<Impl> impl_;
  size_t max_held_;
  Error error_;
};

}  // namespace retention
