// bytes -> records: an RFC 4180 reader that accepts the input in chunks split anywhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/record_reader.hpp"

namespace retention {

class CsvReader : public RecordReader {
 public:
  // A delimiter of ' ' reads a whitespace-aligned table: runs of spaces and tabs separate fields.
  // `first_line` numbers the first line read (2 when a line was skipped before it).
  CsvReader(char delimiter, RecordSink sink, int64_t first_line = 1);

  // Reads a chunk; returns false if the sink asked to stop.
  bool feed(std::string_view chunk) override;
  // End of input: emits a last record that has no final newline; an open quote is an error.
  Error finish() override;

  int64_t line() const { return line_; }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };

  void end_field();
  bool end_record();

  bool is_delimiter(char c) const { return whitespace_ ? c == ' ' || c == '\t' : c == delimiter_; }

  char delimiter_;
  bool whitespace_;
  RecordSink sink_;
  State state_ = State::field_start;
  bool after_cr_ = false;      // a CR ended the last record: a following LF belongs to it
  bool record_started_ = false;
  bool any_quoted_ = false;    // distinguishes a line `""` from a blank line
  int64_t line_ = 1;
  int64_t record_line_ = 1;
  int64_t quote_line_ = 0;     // where the open quote started, for the error message
  std::string buffer_;         // bytes of the current record's fields, back to back
  std::vector<size_t> field_ends_;
  CsvRecord record_;
};

}  // namespace retention
