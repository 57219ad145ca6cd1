#include "ingest/json_reader.hpp"

#include <simdjson.h>

#include <unordered_map>

namespace retention {

namespace {

using simdjson::ondemand::json_type;

// One object flattened into (key path, value text) pairs.
struct FlatRecord {
  int64_t line = 0;
  std::vector<std::pair<std::string, std::string>> fields;
};

// How many records the header is gathered from before rows start to flow.
constexpr size_t kHeaderRecords = 1000;

simdjson::error_code flatten(simdjson::ondemand::value value, const std::string& path, FlatRecord& out);

simdjson::error_code flatten_object(simdjson::ondemand::object object, const std::string& prefix, FlatRecord& out) {
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    simdjson::ondemand::value value;
    if (auto e = field.value().get(value)) return e;
    if (auto e = flatten(value, prefix.empty() ? std::string(key) : prefix + "." + std::string(key), out)) return e;
  }
  return simdjson::SUCCESS;
}

simdjson::error_code flatten(simdjson::ondemand::value value, const std::string& path, FlatRecord& out) {
  json_type type;
  if (auto e = value.type().get(type)) return e;
  switch (type) {
    case json_type::object: {
      simdjson::ondemand::object object;
      if (auto e = value.get_object().get(object)) return e;
      return flatten_object(object, path, out);
    }
    case json_type::array:  // line-item arrays and the like carry no role of ours: left unread, skipped
      return simdjson::SUCCESS;
    case json_type::string: {
      std::string_view text;
      if (auto e = value.get_string().get(text)) return e;
      out.fields.emplace_back(path, std::string(text));
      return simdjson::SUCCESS;
    }
    case json_type::number:
    case json_type::boolean: {
      std::string_view token = value.raw_json_token();  // the number exactly as written
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                                token.back() == '\t'))
        token.remove_suffix(1);
      out.fields.emplace_back(path, std::string(token));
      return simdjson::SUCCESS;
    }
    case json_type::null:
      out.fields.emplace_back(path, std::string());
      return value.is_null().error();
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

}  // namespace

struct JsonReader::Impl {
  bool ndjson;
  RecordSink sink;
  simdjson::ondemand::parser parser;
  std::string buffer;  // NDJSON: the unfinished line; JSON: the whole document
  int64_t line = 1;    // NDJSON: line of buffer's start
  std::vector<FlatRecord> early;  // records read before the header was sent
  bool header_sent = false;
  std::vector<std::string> header;
  std::unordered_map<std::string, size_t> column_of;
  CsvRecord record;

  Impl(bool n, RecordSink s) : ndjson(n), sink(std::move(s)) {}

  Error invalid(const std::string& what, int64_t at_line) {
    return {ErrorCode::invalid_json, "the JSON cannot be read: " + what, at_line};
  }

  bool send_header() {
    header_sent = true;
    for (const FlatRecord& r : early)
      for (const auto& [key, value] : r.fields)
        if (column_of.emplace(key, header.size()).second) header.push_back(key);
    record.line = early.empty() ? 1 : early.front().line;
    record.fields.assign(header.begin(), header.end());
    if (!sink(record)) return false;
    std::vector<FlatRecord> rows;
    rows.swap(early);
    for (const FlatRecord& r : rows)
      if (!send(r)) return false;
    return true;
  }

  bool send(const FlatRecord& r) {
    record.line = r.line;
    record.fields.assign(header.size(), std::string_view{});
    for (const auto& [key, value] : r.fields) {
      auto it = column_of.find(key);
      if (it != column_of.end()) record.fields[it->second] = value;  // keys first seen later are ignored
    }
    return sink(record);
  }

  bool take(FlatRecord&& r) {
    if (header_sent) return send(r);
    early.push_back(std::move(r));
    return early.size() < kHeaderRecords || send_header();
  }

  // Parses one row object and passes it on; `what` names the unit in the error message.
  Error parse_object(simdjson::padded_string_view json, int64_t at_line, const char* what, bool& keep_going) {
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    FlatRecord r;
    r.line = at_line;
    auto e = parser.iterate(json).get(doc);
    if (!e) e = doc.get_object().get(object);
    if (!e) e = flatten_object(object, "", r);
    if (!e && !doc.at_end()) e = simdjson::TRAILING_CONTENT;
    if (e) return invalid(std::string(what) + " (" + simdjson::error_message(e) + ")", at_line);
    keep_going = take(std::move(r));
    return {};
  }

  // One NDJSON line: an object, or blank.
  Error parse_line(std::string_view text, int64_t at_line, bool& keep_going) {
    keep_going = true;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) return {};
    simdjson::padded_string padded(text);
    return parse_object(padded, at_line, "this line is not one JSON object", keep_going);
  }

  // One row object found by the document scan, parsed in place (the rest of the buffer pads it).
  Error parse_row(size_t begin, size_t end, int64_t at_line, bool& keep_going) {
    simdjson::padded_string_view view(buffer.data() + begin, end - begin, buffer.capacity() - begin);
    return parse_object(view, at_line, "this row is not valid JSON", keep_going);
  }

  // A JSON document: an array of row objects, or an object whose first array of objects is the
  // table. One pass finds each row's bytes (and checks that brackets balance, which lazy parsing
  // would not); each row is parsed on its own, so memory stays the file plus one row.
  Error parse_document(bool& keep_going) {
    keep_going = true;
    const size_t size = buffer.size();
    buffer.reserve(size + simdjson::SIMDJSON_PADDING);
    const char* text = buffer.data();
    const char* kExpected = "expected an array of objects, or an object holding one";
    int64_t depth = 0, line = 1, row_line = 0, table_depth = -1;
    size_t row_begin = 0;
    bool in_string = false, escaped = false, table_closed = false, after_colon = false;
    for (size_t i = 0; i < size; ++i) {
      char c = text[i];
      if (c == '\n') ++line;
      if (in_string) {
        if (escaped) escaped = false;
        else if (c == '\\') escaped = true;
        else if (c == '"') in_string = false;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
      bool in_table = table_depth >= 0 && !table_closed && depth == table_depth;
      if (depth == 0 && c != '[' && c != '{') return invalid(kExpected, line);
      if (in_table && c != '{' && c != ',' && c != ']') return invalid("a row is not a JSON object", line);
      if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        if (table_depth < 0 && c == '[' && (depth == 0 || (depth == 1 && after_colon))) {
          size_t next = buffer.find_first_not_of(" \t\r\n", i + 1);
          bool rows_follow = next != std::string::npos && (text[next] == '{' || text[next] == ']');
          if (depth == 0 || rows_follow) table_depth = depth + 1;
        }
        if (in_table) {
          row_begin = i;
          row_line = line;
        }
        ++depth;
      } else if (c == ']' || c == '}') {
        if (--depth < 0) return invalid("a closing bracket here has nothing to close", line);
        if (table_depth >= 0 && !table_closed && depth == table_depth && c == '}') {
          if (Error e = parse_row(row_begin, i + 1, row_line, keep_going)) return e;
          if (!keep_going) return {};
        }
        if (table_depth >= 0 && depth == table_depth - 1 && c == ']') table_closed = true;
      }
      after_colon = c == ':';
    }
    int64_t last_line = line - (size && text[size - 1] == '\n' ? 1 : 0);
    if (depth != 0 || in_string)
      return invalid("it ends before it is complete (truncated?): a string, array or object is never closed", last_line);
    if (table_depth < 0) return invalid(kExpected, 1);
    return {};
  }
};

JsonReader::JsonReader(bool ndjson, RecordSink sink) : impl_(std::make_unique<Impl>(ndjson, std::move(sink))) {}
JsonReader::~JsonReader() = default;

bool JsonReader::feed(std::string_view chunk) {
  Impl& s = *impl_;
  if (!s.ndjson) {
    s.buffer.append(chunk);
    return true;
  }
  // NDJSON: parse every complete line; keep the unfinished one.
  size_t start = 0;
  for (;;) {
    size_t newline = chunk.find('\n', start);
    if (newline == std::string_view::npos) break;
    std::string_view piece = chunk.substr(start, newline - start);
    bool keep_going = true;
    if (s.buffer.empty()) {
      error_ = s.parse_line(piece, s.line, keep_going);
    } else {
      s.buffer.append(piece);
      error_ = s.parse_line(s.buffer, s.line, keep_going);
      s.buffer.clear();
    }
    ++s.line;
    if (error_ || !keep_going) return false;
    start = newline + 1;
  }
  s.buffer.append(chunk.substr(start));
  return true;
}

Error JsonReader::finish() {
  Impl& s = *impl_;
  bool keep_going = true;
  if (s.ndjson) {
    if (!s.buffer.empty()) error_ = s.parse_line(s.buffer, s.line, keep_going);
  } else {
    error_ = s.parse_document(keep_going);
  }
  if (error_) return error_;
  if (keep_going && !s.header_sent && !s.early.empty()) s.send_header();
  return {};
}

}  // namespace retention
