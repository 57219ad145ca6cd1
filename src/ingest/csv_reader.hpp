// bytes -> records: an RFC 4180 reader that accepts the input in chunks split anywhere.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/record_reader.hpp"

namespace retention {

class CsvReader : public RecordReader {
 public:
  // A delimiter of ' ' reads a whitespace-aligned table: runs of spaces and tabs separate fields.
  // `first_line` numbers the first line read (2 when a line was skipped before it).
  CsvReader(char delimiter, RecordSink sink, int64_t first_line = 1);
  // The records go to `consumer`, which must outlive the reader.
  CsvReader(char delimiter, RecordConsumer& consumer, int64_t first_line = 1);

  // Reads a chunk; returns false if the sink asked to stop.
  bool feed(std::string_view chunk) override;
  // End of input: emits a last record that has no final newline; an open quote is an error.
  Error finish() override;

  int64_t line() const { return line_; }

 private:
  enum class State { field_start, unquoted, quoted, quote_in_quoted };

  // A field's bytes: a view into the chunk being read (zero-copy), or, for a field that spans
  // chunks or holds doubled quotes, a range of buffer_ (view == nullptr, bytes at `begin`).
  struct Span {
    const char* view;
    size_t begin;
    size_t size;
  };

  // Whole records of unquoted fields from p, their fields views found 64 bytes at a time (the common
  // case, issue 11). Returns where the state machine takes over (a quote, the chunk's last bytes), or
  // nullptr when the consumer asked to stop.
  const char* read_plain_records(const char* p, const char* end);
  // Hands the record in record_.fields, which started on `line`, to the consumer; false if it asked
  // to stop.
  bool deliver(int64_t line);
  void end_field();
  bool end_record();
  void to_buffer();   // the current field's bytes so far move into buffer_
  void keep_record(const char* chunk_end);  // before the chunk goes away: its views become copies

  bool is_delimiter(char c) const { return whitespace_ ? c == ' ' || c == '\t' : c == delimiter_; }

  // Holds a RecordSink given as a function.
  struct SinkConsumer : RecordConsumer {
    explicit SinkConsumer(RecordSink s) : sink(std::move(s)) {}
    bool on_record(const CsvRecord& record) override { return sink(record); }
    RecordSink sink;
  };

  char delimiter_;
  bool whitespace_;
  std::unique_ptr<SinkConsumer> own_sink_;
  RecordConsumer* consumer_;
  State state_ = State::field_start;
  bool after_cr_ = false;      // a CR ended the last record: a following LF belongs to it
  bool record_started_ = false;
  bool any_quoted_ = false;    // distinguishes a line `""` from a blank line
  int64_t line_ = 1;
  int64_t record_line_ = 1;
  int64_t quote_line_ = 0;     // where the open quote started, for the error message
  // The current field: in the chunk from field_view_ (to field_view_end_ once a run or a quoted
  // part ended), or in buffer_ from field_begin_ when field_view_ is null.
  const char* field_view_ = nullptr;
  const char* field_view_end_ = nullptr;
  size_t field_begin_ = 0;
  std::string buffer_;         // bytes of the fields that could not stay views, back to back
  std::vector<Span> spans_;
  CsvRecord record_;
};

}  // namespace retention
