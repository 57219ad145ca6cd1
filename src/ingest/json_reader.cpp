#include "ingest/json_reader.hpp"

#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

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

// Issue 13: rows nest at most this deep (an object in an object ... in the row object), and a key path
// longer than kMaxKeyPath is not kept (no column role is named like that): the flattening is a loop
// over an explicit stack, and its memory stays linear in the row's size whatever its shape.
constexpr size_t kMaxDepth = 64;
constexpr size_t kMaxKeyPath = 1024;

// A JSON number in exponent form (`1.5e3`, valid JSON) as the plain decimal the money and date readers
// take (`1500`), exactly: the digits are moved, never rounded through a double. Other tokens, and
// exponents beyond +-40 (no amount or date has them), are returned as written.
std::string plain_number(std::string_view token) {
  size_t e = token.find_first_of("eE");
  if (e == std::string_view::npos) return std::string(token);
  std::string_view mantissa = token.substr(0, e), exponent = token.substr(e + 1);
  bool negative = !mantissa.empty() && mantissa[0] == '-';
  if (negative) mantissa.remove_prefix(1);
  bool exponent_negative = !exponent.empty() && exponent[0] == '-';
  if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.remove_prefix(1);
  if (exponent.empty() || exponent.size() > 3) return std::string(token);
  int shift = 0;
  for (char c : exponent) {
    if (c < '0' || c > '9') return std::string(token);
    shift = shift * 10 + (c - '0');
  }
  if (shift > 40) return std::string(token);
  size_t point = mantissa.find('.');
  std::string digits(mantissa.substr(0, point));
  long whole = static_cast<long>(digits.size());
  if (point != std::string_view::npos) digits.append(mantissa.substr(point + 1));
  for (char c : digits)
    if (c < '0' || c > '9') return std::string(token);
  long at = whole + (exponent_negative ? -shift : shift);  // where the decimal point goes in `digits`
  std::string out = negative ? "-" : "";
  if (at <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-at), '0');
    out += digits;
  } else if (static_cast<size_t>(at) >= digits.size()) {
    out += digits;
    out.append(static_cast<size_t>(at) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(at));
    out += '.';
    out += digits.substr(static_cast<size_t>(at));
  }
  return out;
}

// A scalar value as the text a CSV field would hold.
simdjson::error_code scalar_text(simdjson::ondemand::value value, json_type type, std::string& text) {
  switch (type) {
    case json_type::string: {
      std::string_view s;
      if (auto e = value.get_string().get(s)) return e;
      text.assign(s);
      return simdjson::SUCCESS;
    }
    case json_type::number:
    case json_type::boolean: {
      std::string_view token = value.raw_json_token();  // the number exactly as written
      while (!token.empty() && (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' ||
                                token.back() == '\t'))
        token.remove_suffix(1);
      text = type == json_type::number ? plain_number(token) : std::string(token);
      return simdjson::SUCCESS;
    }
    case json_type::null:
      text.clear();
      return value.is_null().error();
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

struct Frame {
  simdjson::ondemand::object_iterator it, end;
  size_t base = 0;       // length of the object's key path
  bool advance = false;  // the current field is read (and, for an object, its fields too)
};

// One object flattened into (key path, value text) pairs, `customer.email` for nested objects;
// arrays (line items and the like) carry no role of ours and are skipped unread.
simdjson::error_code flatten_object(simdjson::ondemand::object object, FlatRecord& out, bool& too_deep) {
  std::vector<Frame> stack;
  std::string path;
  auto push = [&](simdjson::ondemand::object o, size_t base) -> simdjson::error_code {
    if (stack.size() >= kMaxDepth) {
      too_deep = true;
      return simdjson::DEPTH_ERROR;
    }
    Frame f;
    if (auto e = o.begin().get(f.it)) return e;
    if (auto e = o.end().get(f.end)) return e;
    f.base = base;
    stack.push_back(f);
    return simdjson::SUCCESS;
  };
  if (auto e = push(object, 0)) return e;
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.advance) {
      ++f.it;
      f.advance = false;
    }
    if (f.it == f.end) {
      stack.pop_back();
      continue;
    }
    simdjson::ondemand::field field;
    if (auto e = (*f.it).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key(false).get(key)) return e;
    path.resize(f.base);
    if (f.base) path += '.';
    path += key;
    f.advance = true;
    simdjson::ondemand::value value = field.value();
    json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type == json_type::object) {
      simdjson::ondemand::object child;
      if (auto e = value.get_object().get(child)) return e;
      if (auto e = push(child, path.size())) return e;  // `f` is not used after this
      continue;
    }
    if (type == json_type::array) continue;  // skipped by ++it
    std::string text;
    if (auto e = scalar_text(value, type, text)) return e;
    if (path.size() <= kMaxKeyPath) out.fields.emplace_back(path, std::move(text));
  }
  return simdjson::SUCCESS;
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
    bool too_deep = false;
    auto e = parser.iterate(json).get(doc);
    if (!e) e = doc.get_object().get(object);
    if (!e) e = flatten_object(object, r, too_deep);
    if (!e && !doc.at_end()) e = simdjson::TRAILING_CONTENT;
    if (too_deep) return invalid("a row is nested more than " + std::to_string(kMaxDepth) + " levels deep", at_line);
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

JsonReader::JsonReader(bool ndjson, RecordSink sink, size_t max_held)
    : impl_(std::make_unique<Impl>(ndjson, std::move(sink))), max_held_(max_held) {}

// Issue 13: memory is known to run short before it does; stop with a coded error that names the limit.
bool JsonReader::too_large(size_t held) {
  if (held <= max_held_) return false;
  const std::string limit = std::to_string(max_held_ >> 20) + " MiB";
  error_ = {ErrorCode::input_too_large,
            impl_->ndjson ? "a line of this NDJSON is longer than " + limit +
                                ", the most the engine holds at once: is it one JSON document?"
                          : "this JSON document is larger than " + limit +
                                ", the most the engine holds at once (a JSON document is read whole): save it "
                                "as NDJSON (one object per line) or CSV, which are read as they stream",
            0};
  return true;
}
JsonReader::~JsonReader() = default;

bool JsonReader::feed(std::string_view chunk) {
  Impl& s = *impl_;
  if (!s.ndjson) {
    if (too_large(s.buffer.size() + chunk.size())) return false;
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
    if (too_large(s.buffer.size() + piece.size())) return false;  // however the line arrived
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
  if (too_large(s.buffer.size() + chunk.size() - start)) return false;
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
