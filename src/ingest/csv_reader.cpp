#include "ingest/csv_reader.hpp"

#include <utility>

namespace retention {

CsvReader::CsvReader(char delimiter, RecordSink sink, int64_t first_line)
    : delimiter_(delimiter), whitespace_(delimiter == ' '), sink_(std::move(sink)), line_(first_line),
      record_line_(first_line) {}

void CsvReader::end_field() { field_ends_.push_back(buffer_.size()); }

bool CsvReader::end_record() {
  // In a whitespace table the spaces before a line end close no further field.
  bool trailing_space = whitespace_ && state_ == State::field_start && !field_ends_.empty() &&
                        field_ends_.back() == buffer_.size();
  if (!trailing_space) end_field();
  bool blank_line = field_ends_.size() == 1 && buffer_.empty() && !any_quoted_;
  bool keep_going = true;
  if (!blank_line) {
    record_.line = record_line_;
    record_.fields.clear();
    size_t begin = 0;
    for (size_t end : field_ends_) {
      record_.fields.emplace_back(buffer_.data() + begin, end - begin);
      begin = end;
    }
    keep_going = sink_(record_);
  }
  buffer_.clear();
  field_ends_.clear();
  record_started_ = false;
  any_quoted_ = false;
  state_ = State::field_start;
  return keep_going;
}

bool CsvReader::feed(std::string_view chunk) {
  const char* p = chunk.data();
  const char* end = p + chunk.size();
  while (p < end) {
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
        } else {
          // Fast path: copy the run of ordinary bytes up to the next special one.
          const char* run = p;
          while (p < end && !is_delimiter(*p) && *p != '\n' && *p != '\r') ++p;
          buffer_.append(run, static_cast<size_t>(p - run));
          state_ = State::unquoted;
          continue;
        }
        break;
      case State::quoted: {
        const char* run = p;
        while (p < end && *p != '"') {
          if (*p == '\n') ++line_;
          ++p;
        }
        buffer_.append(run, static_cast<size_t>(p - run));
        if (p < end) state_ = State::quote_in_quoted;
        else continue;
        break;
      }
      case State::quote_in_quoted:
        if (c == '"') {
          buffer_.push_back('"');  // doubled quote
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
          buffer_.push_back(c);
          state_ = State::unquoted;
        }
        break;
    }
    ++p;
  }
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
