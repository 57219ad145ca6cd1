// Small string helpers shared by the ingest code.
#pragma once

#include <string>
#include <string_view>

namespace retention {

// ' ' and \t \n \v \f \r (9 to 13). Asked of both ends of most fields of every row: one comparison
// tells for any byte above ' '.
inline bool is_space(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte <= ' ' && (byte == ' ' || (byte >= '\t' && byte <= '\r'));
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// SPEC 3: an empty field or one of the usual spreadsheet/statistics markers, spaces around it allowed.
bool is_missing_marker(std::string_view s);

// SPEC 3: an empty field and the usual spreadsheet/statistics markers count as missing. Always
// inlined: asked of most fields of every row (the wasm build otherwise made it a call).
[[gnu::always_inline]] inline bool is_missing(std::string_view s) {
  // Most fields need no trimming to tell: longer than any marker (ids, dates, amounts), or short and
  // not starting as a marker does ('-', 'N', 'n'; a country code, a currency).
  if (!s.empty() && !is_space(s.front()) && !is_space(s.back()) &&
      (s.size() > 4 || (s.front() != '-' && s.front() != 'N' && s.front() != 'n')))
    return false;
  return is_missing_marker(s);
}

// A value quoted in a message: at most 40 bytes, so one bad row cannot flood the report.
inline std::string quote_value(std::string_view s) {
  constexpr size_t kMax = 40;
  std::string out = "'";
  if (s.size() > kMax) {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    out.append(s.substr(0, cut)).append("...");
  } else {
    out.append(s);
  }
  return out + "'";
}

}  // namespace retention
