#include "ingest/json_reader.hpp"

#include <simdjson.h>

#include <algorithm>
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

// A structural check that ondemand parsing does not make: brackets balance outside strings.
// Returns 0 when they do, else the line where the text ends early (> 0) or closes too much (< 0).
int64_t unbalanced_line(std::string_view text) {
  int64_t depth = 0, line = 1;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && --depth < 0) {
      return -line;
    }
  }
  if (depth == 0 && !in_string) return 0;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    if (text.back() == '\n') --line;
    text.remove_suffix(1);
  }
  return line;
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

  // One NDJSON line: an object, or blank.
  Error parse_line(std::string_view text, int64_t at_line, bool& keep_going) {
    keep_going = true;
    size_t start = text.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) return {};
    simdjson::padded_string padded(text);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    FlatRecord r;
    r.line = at_line;
    auto e = parser.iterate(padded).get(doc);
    if (!e) e = doc.get_object().get(object);
    if (!e) e = flatten_object(object, "", r);
    if (!e && !doc.at_end()) e = simdjson::TRAILING_CONTENT;
    if (e) return invalid(std::string("this line is not one JSON object (") + simdjson::error_message(e) + ")", at_line);
    keep_going = take(std::move(r));
    return {};
  }

  // The line of `position` within the document, counting forward from the last one asked.
  struct LineCounter {
    const char* base;
    const char* at;
    int64_t line = 1;
    int64_t of(const char* position) {
      if (position > at) {
        line += std::count(at, position, '\n');
        at = position;
      }
      return line;
    }
  };

  Error parse_document(bool& keep_going) {
    keep_going = true;
    const size_t size = buffer.size();
    buffer.reserve(size + simdjson::SIMDJSON_PADDING);  // parse in place: no second copy of the file
    simdjson::padded_string_view view(buffer.data(), size, buffer.capacity());
    LineCounter lines{buffer.data(), buffer.data()};
    simdjson::ondemand::document doc;
    auto fail = [&](simdjson::error_code e, const char* where) {
      const char* at = nullptr;
      int64_t line_no = doc.current_location().get(at) ? lines.line : lines.of(at);
      return invalid(std::string(where) + " (" + simdjson::error_message(e) + ")", line_no);
    };
    if (int64_t bad = unbalanced_line(buffer)) {
      return bad > 0 ? invalid("it ends before it is complete (truncated?): a string, array or object is never closed", bad)
                     : invalid("a closing bracket here has nothing to close", -bad);
    }
    if (auto e = parser.iterate(view).get(doc)) return invalid(std::string("not valid JSON (") + simdjson::error_message(e) + ")", 0);
    json_type type;
    if (auto e = doc.type().get(type)) return fail(e, "not valid JSON");
    simdjson::ondemand::array rows;
    if (type == json_type::object) {
      // {"orders": [...]}: the first member holding an array is the table.
      simdjson::ondemand::object object;
      if (auto e = doc.get_object().get(object)) return fail(e, "not valid JSON");
      bool found = false;
      for (auto field : object) {
        simdjson::ondemand::value value;
        if (auto e = field.value().get(value)) return fail(e, "not valid JSON");
        json_type member;
        if (auto e = value.type().get(member)) return fail(e, "not valid JSON");
        if (member == json_type::array) {
          if (auto e = value.get_array().get(rows)) return fail(e, "not valid JSON");
          found = true;
          break;
        }
      }
      if (!found) return invalid("expected an array of objects, or an object holding one", 1);
    } else if (type == json_type::array) {
      if (auto e = doc.get_array().get(rows)) return fail(e, "not valid JSON");
    } else {
      return invalid("expected an array of objects, or an object holding one", 1);
    }
    for (auto item : rows) {
      simdjson::ondemand::value value;
      if (auto e = item.get(value)) return fail(e, "the JSON is truncated or malformed");
      const char* at = nullptr;
      FlatRecord r;
      r.line = value.current_location().get(at) ? lines.line : lines.of(at);
      simdjson::ondemand::object object;
      if (value.get_object().get(object)) return invalid("a row is not a JSON object", r.line);
      if (auto e = flatten_object(object, "", r)) return fail(e, "the JSON is truncated or malformed");
      if (!(keep_going = take(std::move(r)))) return {};
    }
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
