// Header -> column roles of a per-customer summary (issue 14): one row per customer with the first
// and last order, the number of orders and the revenue, as `retention-kit sql`, a spreadsheet or a
// warehouse writes it.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

enum class SummaryRole { customer, firstOrder, lastOrder, orders, revenue, orderDays, countedRevenue, repeatRevenue };
constexpr size_t kSummaryRoleCount = 8;
// As the report's `columns` and the `columns` option name them.
constexpr std::array<const char*, kSummaryRoleCount> kSummaryRoleNames{
    "customer", "firstOrder", "lastOrder", "orders", "revenue", "orderDays", "countedRevenue", "repeatRevenue"};

struct SummaryColumns {
  std::array<int, kSummaryRoleCount> index;  // field index per role, -1 when not mapped
  std::array<std::string, kSummaryRoleCount> header;
  std::vector<int> attributes;
  std::vector<std::string> attribute_headers;
  size_t header_fields = 0;  // fields in the header: a row with more non-empty ones is misread

  SummaryColumns() { index.fill(-1); }
  int operator[](SummaryRole role) const { return index[static_cast<size_t>(role)]; }
  bool has(SummaryRole role) const { return (*this)[role] >= 0; }
};

// True when the header reads as a per-customer summary: a customer, first order, last order, orders
// and revenue column found by name (or named in `given`), so automatic detection picks this reader.
bool is_summary_header(const std::vector<std::string_view>& header, const ColumnMapping& given);

// Maps the header. Explicit names win, then the known names. Fails when a required role is missing.
Error resolve_summary_columns(const std::vector<std::string_view>& header, const ColumnMapping& given,
                              int64_t header_line, SummaryColumns& out);

}  // namespace retention
