#include "ingest/columns.hpp"

#include <algorithm>
#include <cctype>

#include "ingest/text.hpp"

namespace retention {

namespace {

// "Customer ID" -> "customerid": case, spaces and punctuation never decide a match.
std::string normalize(std::string_view name) {
  std::string out;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

// Known header names per role, most specific first (normalized form).
const std::vector<std::vector<std::string>>& synonyms() {
  static const std::vector<std::vector<std::string>> table{
      /* customer */ {"customerid", "customer", "customeremail", "email", "clientid", "client", "userid", "user",
                      "buyerid", "buyer", "buyeremail", "billingemail", "accountid", "memberid", "contactid"},
      /* date */ {"orderdate", "date", "orderedat", "createdat", "created", "purchasedate", "invoicedate",
                  "transactiondate", "paymentdate", "paidat", "datetime", "timestamp"},
      /* amount */ {"amount", "total", "ordertotal", "totalamount", "grandtotal", "revenue", "sales", "value",
                    "ordervalue", "netamount", "dollarvalue"},
      /* order */ {"orderid", "ordernumber", "order", "invoiceno", "invoice", "invoiceid", "invoicenumber",
                   "transactionid"},
      /* refund */ {"refundedamount", "amountrefunded", "refund", "refunds", "refundamount"},
      /* quantity */ {"quantity", "qty"},
      /* unitPrice */ {"unitprice", "price", "itemprice"},
      /* product */ {"product", "productname", "producttitle", "item", "itemname", "sku", "productid",
                     "stockcode", "description"},
  };
  return table;
}

int find_exact(const std::vector<std::string_view>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (trim(header[i]) == trim(name)) return static_cast<int>(i);
  std::string wanted = normalize(name);
  for (size_t i = 0; i < header.size(); ++i)
    if (normalize(header[i]) == wanted) return static_cast<int>(i);
  return -1;
}

std::string header_list(const std::vector<std::string_view>& header) {
  std::string out;
  for (size_t i = 0; i < header.size() && i < 12; ++i) {
    if (i) out += ", ";
    out += quote_value(trim(header[i]));
  }
  if (header.size() > 12) out += ", ...";
  return out;
}

const std::string& given_name(const ColumnMapping& given, Role role) {
  switch (role) {
    case Role::customer: return given.customer;
    case Role::date: return given.date;
    case Role::amount: return given.amount;
    case Role::order: return given.order;
    case Role::refund: return given.refund;
    case Role::quantity: return given.quantity;
    case Role::unitPrice: return given.unitPrice;
    case Role::product: return given.product;
  }
  return given.customer;
}

// Columns that describe a customer (SPEC 3 `attributes`), by normalized header name.
bool is_known_attribute(const std::string& normalized) {
  static const std::vector<std::string> names{
      "country", "billingcountry", "shippingcountry", "customercountry", "city", "billingcity", "shippingcity",
      "region", "state", "province", "billingprovince", "shippingprovince", "channel", "saleschannel", "source",
      "referringsite", "category", "productcategory", "segment", "customertype", "gender", "agegroup"};
  return std::find(names.begin(), names.end(), normalized) != names.end();
}

}  // namespace

Error resolve_columns(const std::vector<std::string_view>& header, const ColumnMapping& given, int64_t header_line,
                      ResolvedColumns& out) {
  out = ResolvedColumns{};
  std::vector<bool> taken(header.size(), false);

  // Explicit names first, so detection never steals a column the user named.
  for (size_t r = 0; r < kRoleCount; ++r) {
    const std::string& name = given_name(given, static_cast<Role>(r));
    if (name.empty()) continue;
    int i = find_exact(header, name);
    if (i < 0) {
      return {ErrorCode::missing_column,
              std::string("the ") + kRoleNames[r] + " column " + quote_value(name) +
                  " is not in the header (" + header_list(header) + ")",
              header_line};
    }
    out.index[r] = i;
    taken[static_cast<size_t>(i)] = true;
  }

  std::vector<std::string> normalized;
  for (auto h : header) normalized.push_back(normalize(h));
  for (size_t r = 0; r < kRoleCount; ++r) {
    if (out.index[r] >= 0) continue;
    // A quantity x price pair is only looked for when no amount was named.
    bool line_item_role = r == static_cast<size_t>(Role::quantity) || r == static_cast<size_t>(Role::unitPrice);
    if (line_item_role && !given.amount.empty()) continue;
    for (const std::string& synonym : synonyms()[r]) {
      int found = -1;
      for (size_t i = 0; i < header.size() && found < 0; ++i)
        if (!taken[i] && normalized[i] == synonym) found = static_cast<int>(i);
      if (found >= 0) {
        out.index[r] = found;
        taken[static_cast<size_t>(found)] = true;
        break;
      }
    }
  }
  // Amount wins over quantity x unit price when both exist.
  if (out.has(Role::amount)) {
    out.index[static_cast<size_t>(Role::quantity)] = -1;
    out.index[static_cast<size_t>(Role::unitPrice)] = -1;
  } else if (!(out.has(Role::quantity) && out.has(Role::unitPrice))) {
    out.index[static_cast<size_t>(Role::quantity)] = -1;
    out.index[static_cast<size_t>(Role::unitPrice)] = -1;
  }

  auto missing = [&](const char* role, const char* option) {
    return Error{ErrorCode::missing_column,
                 std::string("no ") + role + " column found in the header (" + header_list(header) +
                     "); name it with the " + option + " option",
                 header_line};
  };
  if (!out.has(Role::customer)) return missing("customer", "columns.customer (CLI --customer)");
  if (!out.has(Role::date)) return missing("date", "columns.date (CLI --date)");
  if (!out.has(Role::amount) && !out.has(Role::quantity))
    return missing("amount (or quantity and unit price)", "columns.amount (CLI --amount)");

  for (size_t r = 0; r < kRoleCount; ++r)
    if (out.index[r] >= 0) out.header[r] = std::string(trim(header[static_cast<size_t>(out.index[r])]));

  // Attributes: the named ones, else every free column with a known attribute name.
  if (!given.attributes.empty()) {
    for (const std::string& name : given.attributes) {
      int i = find_exact(header, name);
      if (i < 0) {
        return {ErrorCode::missing_column,
                "the attribute column " + quote_value(name) + " is not in the header (" + header_list(header) + ")",
                header_line};
      }
      out.attributes.push_back(i);
    }
  } else {
    for (size_t i = 0; i < header.size(); ++i)
      if (!taken[i] && is_known_attribute(normalized[i])) out.attributes.push_back(static_cast<int>(i));
  }
  for (int i : out.attributes) out.attribute_headers.emplace_back(trim(header[static_cast<size_t>(i)]));
  return {};
}

}  // namespace retention
