#include "ingest/sniff.hpp"

#include <array>

namespace retention {

char sniff_delimiter(std::string_view first_line) {
  constexpr std::array<char, 4> candidates{',', ';', '\t', '|'};
  std::array<int, 4> counts{};
  bool in_quotes = false;
  for (char c : first_line) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    for (size_t i = 0; i < candidates.size(); ++i) counts[i] += c == candidates[i];
  }
  size_t best = 0;
  for (size_t i = 1; i < candidates.size(); ++i)
    if (counts[i] > counts[best]) best = i;
  if (counts[best] == 0) {
    std::string_view line = first_line;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line.find(' ') != std::string_view::npos) return ' ';
  }
  return candidates[best];
}

InputFormat sniff_format(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return InputFormat::csv;
  if (text[start] == '[') return InputFormat::json;
  if (text[start] != '{') return InputFormat::csv;
  // NDJSON: the first line is a whole object (its braces close on it, outside strings).
  int depth = 0;
  bool in_string = false, escaped = false;
  for (size_t i = start; i < text.size() && text[i] != '\n'; ++i) {
    char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) {
        // Several lines each opening an object: NDJSON. One line alone: NDJSON unless it holds
        // a table ({"orders":[{...}]} written on one line is one JSON document).
        size_t next = text.find('\n', i);
        size_t second = next == std::string_view::npos ? next : text.find_first_not_of(" \t\r\n", next);
        if (second != std::string_view::npos) return text[second] == '{' ? InputFormat::ndjson : InputFormat::json;
        return text.substr(start, i - start).find("[{") == std::string_view::npos ? InputFormat::ndjson
                                                                                  : InputFormat::json;
      }
    }
  }
  return InputFormat::json;
}

bool sniff_needs_more(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || text[start] != '{') return false;
  size_t newline = text.find('\n', start);
  if (newline == std::string_view::npos) return true;  // the first line is not complete yet
  // sniff_format looks past the first line for what starts the second
  return text.find_first_not_of(" \t\r\n", newline) == std::string_view::npos;
}

Error check_text(std::string_view start) {
  if (start.size() >= 2 && ((start[0] == '\xFF' && start[1] == '\xFE') || (start[0] == '\xFE' && start[1] == '\xFF')))
    return {ErrorCode::not_text, "the file is UTF-16 text: save it as UTF-8 (or CSV UTF-8) and try again", 0};
  if (start.find('\0') != std::string_view::npos)
    return {ErrorCode::not_text, "the file is not text (it holds binary data): export the orders as CSV or JSON", 0};
  return {};
}

size_t bom_length(std::string_view bytes) {
  return bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

}  // namespace retention
