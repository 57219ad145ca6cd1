#include "ingest/text.hpp"

namespace retention {

bool is_missing_marker(std::string_view s) {
  s = trim(s);
  switch (s.size()) {  // by length first
    case 0: return true;
    case 1: return s[0] == '-';
    case 2: return s == "NA";
    case 3: return s == "N/A" || s == "NaN";
    case 4: return s == "null" || s == "NULL" || s == "None";
    default: return false;
  }
}

}  // namespace retention
