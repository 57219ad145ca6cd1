// Rows longer than their header, for both row readers (orders and customer summaries).
#pragma once

#include <string>

#include "ingest/record_reader.hpp"
#include "ingest/text.hpp"

namespace retention {

// True when `record` has more non-empty fields than the header's `header_fields`, with `reason` saying
// so: an unquoted "$1,200.50" splits one value over two fields and shifts the rest, and reading the
// row from its first fields would take a wrong amount. Trailing empty fields (a delimiter at the end
// of every line) are harmless.
inline bool beyond_header(const CsvRecord& record, size_t header_fields, std::string& reason) {
  size_t used_fields = record.fields.size();
  while (used_fields > header_fields && trim(record.fields[used_fields - 1]).empty()) --used_fields;
  if (used_fields <= header_fields) return false;
  reason = std::to_string(used_fields) + " fields where the header has " + std::to_string(header_fields) +
           " (a value with an unquoted delimiter, such as 1,200.50 in a comma-separated file?)";
  return true;
}

}  // namespace retention
