// Header -> column roles (SPEC 3): known exports (presets), generic names, or given explicitly.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

// captured (Stripe) and cancelled (Shopify's "Cancelled at", cancelled_at ...) are detected only, never named.
enum class Role { customer, date, amount, order, refund, quantity, unitPrice, product, status, currency, captured, cancelled };
constexpr size_t kRoleCount = 12;
constexpr std::array<const char*, kRoleCount> kRoleNames{
    "customer", "date", "amount", "order", "refund", "quantity", "unitPrice", "product", "status", "currency",
    "captured", "cancelled"};

struct ResolvedColumns {
  std::array<int, kRoleCount> index;  // field index per role, -1 when the role is not mapped
  std::array<std::string, kRoleCount> header;
  std::vector<int> attributes;  // field indices of the attribute columns (country, channel ...)
  std::vector<std::string> attribute_headers;
  std::string preset = "generic";       // the known export layout that matched
  std::vector<std::string> no_customer;  // values that stand for "no customer" in this layout (WooCommerce guest 0)
  size_t header_fields = 0;  // fields in the header: a row with more non-empty ones is misread

  ResolvedColumns() { index.fill(-1); }
  int operator[](Role role) const { return index[static_cast<size_t>(role)]; }
  bool has(Role role) const { return (*this)[role] >= 0; }
};

// Maps the header. Explicit names win; then the preset of a known export, then generic names.
// Fails when no customer, date, or amount (or quantity and unit price) column can be found.
Error resolve_columns(const std::vector<std::string_view>& header, const ColumnMapping& given, int64_t header_line,
                      ResolvedColumns& out);

// Normalized header names that mean the customer (id or e-mail), and those of customer attributes
// (country, channel ...): the summary reader recognises customers by the same names.
const std::vector<const char*>& customer_column_names();
const std::vector<const char*>& attribute_column_names();
// The first header names, quoted, for messages.
std::string header_names(const std::vector<std::string_view>& header);

// "Customer ID" -> "customerid": case, spaces and punctuation never decide a match.
std::string normalize_name(std::string_view name);

}  // namespace retention
