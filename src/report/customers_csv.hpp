// The per-customer table as CSV for email tools (RFC 4180, CRLF): one header line, one line per customer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

// The header line and every customer's line, rendered once: line 0 is the header, line i + 1 is
// customer i, each ending at offsets[i + 1] (offsets[0] = 0). A segment's export is the header
// followed by its customers' lines, in this order; that is what export_segment_csv writes.
// One RFC 4180 field: quoted when it holds a delimiter, quote or line break, or starts or ends with a space.
void csv_field(std::string& out, std::string_view text);

void customers_csv(const Report& report, const CustomerResults& customers, std::string& bytes,
                   std::vector<size_t>& offsets);

}  // namespace retention
