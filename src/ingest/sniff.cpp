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
  return candidates[best];
}

size_t bom_length(std::string_view bytes) {
  return bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

}  // namespace retention
