#include "ingest/wrong_export.hpp"

#include <algorithm>

#include "ingest/columns.hpp"

namespace retention {

namespace {

struct WrongExport {
  std::vector<const char*> signature;  // normalized names, all present
  const char* message;
};

// Header names as the shops write them (normalized); the most specific layouts first.
const std::vector<WrongExport>& wrong_exports() {
  static const std::vector<WrongExport> table{
      {{"handle", "bodyhtml"},
       "This is a Shopify products export (one row per product), not orders. In Shopify admin open Orders, "
       "choose Export, pick All orders and CSV, and drop that file here."},
      {{"handle", "sku", "location"},
       "This is a Shopify inventory export (stock per product and location), not orders. In Shopify admin open "
       "Orders, choose Export, pick All orders and CSV, and drop that file here."},
      {{"handle", "sku", "available"},
       "This is a Shopify inventory export (stock per product), not orders. In Shopify admin open Orders, choose "
       "Export, pick All orders and CSV, and drop that file here."},
      {{"totalspent", "totalorders"},
       "This is a Shopify customers export: one row per customer with Total Orders and Total Spent, but no "
       "first or last order date, so neither the orders nor a customer summary can be read from it. In Shopify "
       "admin open Orders, choose Export, pick All orders and CSV, and drop that file here."},
      {{"totalspend", "paymentcount"},
       "This is a Stripe customers export (one row per customer, no payments). In the Stripe Dashboard open "
       "Payments, choose Export, include all columns, and drop that file here."},
      {{"delinquent", "email", "createdutc"},
       "This is a Stripe customers export (one row per customer, no payments). In the Stripe Dashboard open "
       "Payments, choose Export, include all columns, and drop that file here."},
  };
  return table;
}

}  // namespace

std::string wrong_export_message(const std::vector<std::string_view>& header) {
  std::vector<std::string> names;
  names.reserve(header.size());
  for (std::string_view h : header) names.push_back(normalize_name(h));
  auto has = [&](const char* name) { return std::find(names.begin(), names.end(), name) != names.end(); };
  for (const WrongExport& w : wrong_exports())
    if (std::all_of(w.signature.begin(), w.signature.end(), has)) return w.message;
  return {};
}

}  // namespace retention
