// A header row, searched by column name: exactly as written first, then case- and punctuation-blind
// (normalize_name). A column once taken by a role is not found again.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ingest/columns.hpp"
#include "ingest/text.hpp"

namespace retention {

class HeaderIndex {
 public:
  explicit HeaderIndex(const std::vector<std::string_view>& header) : header_(header), taken_(header.size()) {
    for (auto h : header) normalized_.push_back(normalize_name(h));
  }
  // The first free column called `name` (exactly, else by normalized name), or -1.
  int find(std::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i)
      if (!taken_[i] && trim(header_[i]) == trim(name)) return static_cast<int>(i);
    std::string wanted = normalize_name(name);
    for (size_t i = 0; i < header_.size(); ++i)
      if (!taken_[i] && !wanted.empty() && normalized_[i] == wanted) return static_cast<int>(i);
    return -1;
  }
  int find_any(const std::vector<const char*>& names) const {
    for (const char* name : names)
      if (int i = find(name); i >= 0) return i;
    return -1;
  }
  bool has_all(const std::vector<const char*>& signature) const {
    for (std::string_view entry : signature) {
      bool found = false;
      for (size_t start = 0; start <= entry.size() && !found;) {
        size_t bar = std::min(entry.find('|', start), entry.size());
        found = find(entry.substr(start, bar - start)) >= 0;
        start = bar + 1;
      }
      if (!found) return false;
    }
    return true;
  }
  void take(int i) { taken_[static_cast<size_t>(i)] = true; }
  bool taken(size_t i) const { return taken_[i]; }
  const std::string& normalized(size_t i) const { return normalized_[i]; }

 private:
  const std::vector<std::string_view>& header_;
  std::vector<std::string> normalized_;
  std::vector<bool> taken_;
};

}  // namespace retention
