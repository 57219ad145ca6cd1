#include "ingest/csv_reader.hpp"

#include <algorithm>
#include <utility>

#include "ingest/csv_scan.hpp"

namespace retention {

CsvReader::CsvReader(char delimiter, RecordSink sink, int64_t first_line)
    : delimiter_(delimiter), whitespace_(delimiter == ' '), own_sink_(std::make_unique<SinkConsumer>(std::move(sink))),
      consumer_(own_sink_.get()), line_(first_line), record_line_(first_line) {}

CsvReader::CsvReader(char delimiter, RecordConsumer& consumer, int64_t first_line)
    : delimiter_(delimiter), whitespace_(delimiter == ' '), consumer_(&consumer), line_(first_line),
      record_line_(first_line) {}

void CsvReader::end_field() {
  if (field_view_) {
    spans_.push_back({field_view_, 0, static_cast<size_t>(field_view_end_ - field_view_)});
  } else {
    spans_.push_back({nullptr, field_begin_, buffer_.size() - field_begin_});
  }
  field_view_ = nullptr;
  field_begin_ = buffer_.size();
}

void CsvReader::to_buffer() {
  if (!field_view_) return;
  field_begin_ = buffer_.size();
  buffer_.append(field_view_, static_cast<size_t>(field_view_end_ - field_view_));
  field_view_ = nullptr;
}

void CsvReader::keep_record(const char* chunk_end) {
  // An open field already in buffer_ (after a doubled quote, or from an earlier chunk) must stay last,
  // so it can grow: the fields ended in this chunk go before it. Only those: a field that runs over
  // many chunks has none beside it after the first, and moving it out and back at every chunk cost
  // time in the square of its length (a 4 GB quoted field: minutes).
  const bool any_view = std::any_of(spans_.begin(), spans_.end(), [](const Span& span) { return span.view; });
  std::string open;
  if (!field_view_ && any_view) {
    open.assign(buffer_, field_begin_, std::string::npos);
    buffer_.resize(field_begin_);
  }
  for (Span& span : spans_) {
    if (!span.view) continue;
    span.begin = buffer_.size();
    buffer_.append(span.view, span.size);
    span.view = nullptr;
  }
  // An unquoted or quoted field still open runs to the end of the chunk.
  if (field_view_ && (state_ == State::unquoted || state_ == State::quoted)) field_view_end_ = chunk_end;
  if (field_view_) {
    to_buffer();
  } else if (any_view) {
    field_begin_ = buffer_.size();
    buffer_.append(open);
  }
}

bool CsvReader::deliver(int64_t line) {
  // A blank line (one empty field, not `""`) is no record, but still a line.
  if (record_.fields.size() == 1 && record_.fields[0].empty() && !any_quoted_) return true;
  record_.line = line;
  return consumer_->on_record(record_);
}

bool CsvReader::end_record() {
  // In a whitespace table the spaces before a line end close no further field.
  bool trailing_space = whitespace_ && state_ == State::field_start && !spans_.empty();
  if (!trailing_space) end_field();
  record_.fields.clear();
  for (const Span& span : spans_)
    record_.fields.push_back({span.view ? span.view : buffer_.data() + span.begin, span.size});
  const bool keep_going = deliver(record_line_);
  buffer_.clear();
  spans_.clear();
  field_view_ = nullptr;
  field_begin_ = 0;
  record_started_ = false;
  any_quoted_ = false;
  state_ = State::field_start;
  return keep_going;
}

const char* CsvReader::read_plain_records(const char* p, const char* end) {
  constexpr ptrdiff_t kWindow = 64;
  for (;;) {
    const char* record = p;
    const char* field = p;
    record_.fields.clear();
    for (const char* window = p;; window += kWindow) {
      if (end - window < kWindow) return record;
      uint64_t bits = match_mask64(window, delimiter_, '"', '\n', '\r');
      for (; bits; bits &= bits - 1) {
        const char* at = window + __builtin_ctzll(bits);
        if (*at == delimiter_) {
          record_.fields.push_back({field, static_cast<size_t>(at - field)});
          field = at + 1;
          continue;
        }
        if (*at == '"') return record;  // quoted fields: the state machine reads this record
        record_.fields.push_back({field, static_cast<size_t>(at - field)});
        p = at + 1;
        if (*at == '\r') {  // a CR ends the line; an LF right after it belongs to it
          if (p == end) after_cr_ = true;
          else if (*p == '\n') ++p;
        }
        if (!deliver(line_++)) return nullptr;
        break;
      }
      if (p != record) break;  // the record ended in this window
    }
  }
}

bool CsvReader::feed(std::string_view chunk) {
  const char* p = chunk.data();
  const char* end = p + chunk.size();
  // The bytes that end an unquoted run: the delimiter(s) and the line ends.
  const char d1 = whitespace_ ? ' ' : delimiter_;
  const char d2 = whitespace_ ? '\t' : delimiter_;
  while (p < end) {
    if (!record_started_ && !after_cr_ && !whitespace_) {
      p = read_plain_records(p, end);
      if (!p) return false;
      if (p == end) break;
    }
    char c = *p;
    if (after_cr_) {
      after_cr_ = false;
      if (c == '\n') {
        ++p;
        continue;
      }
    }
    if (!record_started_) {
      record_started_ = true;
      record_line_ = line_;
    }
    switch (state_) {
      case State::field_start:
      case State::unquoted:
        if (whitespace_ && state_ == State::field_start && (c == ' ' || c == '\t')) {
          // leading or repeated whitespace: no empty field
        } else if (is_delimiter(c)) {
          end_field();
          state_ = State::field_start;
        } else if (c == '\n' || c == '\r') {
          ++line_;
          after_cr_ = c == '\r';
          ++p;
          if (!end_record()) return false;
          continue;
        } else if (c == '"' && state_ == State::field_start) {
          state_ = State::quoted;
          any_quoted_ = true;
          quote_line_ = line_;
          field_view_ = p + 1;  // the quoted bytes start as a view
        } else {
          // A run of ordinary bytes up to the next special one: a view when the field starts here.
          const char* run = p;
          p = find_first_of4(p, end, d1, d2, '\n', '\r');
          if (state_ == State::field_start) {
            field_view_ = run;
            field_view_end_ = p;
          } else {
            buffer_.append(run, static_cast<size_t>(p - run));
          }
          state_ = State::unquoted;
          continue;
        }
        break;
      case State::quoted: {
        const char* run = p;
        for (;;) {
          p = find_first_of4(p, end, '"', '\n', '"', '\n');
          if (p == end || *p == '"') break;
          ++line_;
          ++p;
        }
        if (!field_view_) buffer_.append(run, static_cast<size_t>(p - run));
        if (p == end) continue;
        field_view_end_ = p;  // the closing quote, unless a doubled quote follows
        state_ = State::quote_in_quoted;
        break;
      }
      case State::quote_in_quoted:
        if (c == '"') {
          to_buffer();
          buffer_.push_back('"');  // doubled quote: the field needs its own bytes from here on
          state_ = State::quoted;
        } else if (is_delimiter(c)) {
          end_field();
          state_ = State::field_start;
        } else if (c == '\n' || c == '\r') {
          ++line_;
          after_cr_ = c == '\r';
          ++p;
          if (!end_record()) return false;
          continue;
        } else {
          // Text after a closing quote (`"ab"c`): kept as written rather than dropped.
          to_buffer();
          buffer_.push_back(c);
          state_ = State::unquoted;
        }
        break;
    }
    ++p;
  }
  if (record_started_) keep_record(end);
  return true;
}

Error CsvReader::finish() {
  if (state_ == State::quoted) {
    return {ErrorCode::unterminated_quote, "a quoted field starts here and is never closed", quote_line_};
  }
  if (record_started_) end_record();
  return {};
}

}  // namespace retention
