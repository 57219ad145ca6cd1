#include "ingest/summary_columns.hpp"

#include <algorithm>

#include "ingest/columns.hpp"
#include "ingest/header_index.hpp"
#include "ingest/wrong_export.hpp"

namespace retention {

namespace {

using Names = std::vector<const char*>;

// Known names per role (normalized), most specific first: the SQL's own output (first_order,
// frequency, monetary ...), plain spreadsheet names and the warehouse's usual ones.
const std::array<Names, kSummaryRoleCount>& summary_synonyms() {
  static const std::array<Names, kSummaryRoleCount> table{{
      /* customer: the order reader's names */ {},
      /* firstOrder */ {"firstorder", "firstorderdate", "firstorderat", "firstpurchase", "firstpurchasedate",
                        "firstpurchaseat", "firstorderday", "firstorderedat", "datefirstorder", "erstebestellung",
                        "premirecommande", "primerpedido", "primoordine", "eerstebestelling", "primeiropedido"},
      /* lastOrder */ {"lastorder", "lastorderdate", "lastorderat", "lastpurchase", "lastpurchasedate",
                       "lastpurchaseat", "lastorderday", "lastorderedat", "datelastorder", "letztebestellung",
                       "dernirecommande", "ultimopedido", "ltimopedido", "ultimoordine", "laatstebestelling"},
      // frequency: the SQL's name; Shopify's customers export says "Total Orders"
      /* orders */ {"frequency", "orders", "ordercount", "orderscount", "numberoforders", "numorders", "totalorders",
                    "purchases", "numberofpurchases", "purchasecount", "transactions", "bestellungen", "commandes",
                    "pedidos", "ordini", "bestellingen"},
      // monetary: the SQL's name (net of refunds); Shopify's customers export says "Total Spent"
      /* revenue */ {"monetary", "revenue", "totalspent", "totalrevenue", "totalspend", "amountspent", "spent",
                     "totalsales", "sales", "netsales", "lifetimevalue", "totalamount", "total", "amount",
                     "umsatz", "chiffredaffaires", "ingresos", "fatturato", "omzet", "receita"},
      /* orderDays */ {"orderdays", "distinctorderdays", "purchasedays", "dayswithorders"},
      /* countedRevenue */ {"countedrevenue"},
      /* repeatRevenue */ {"repeatrevenue"},
  }};
  return table;
}

const Names& names_of(SummaryRole role) {
  return role == SummaryRole::customer ? customer_column_names() : summary_synonyms()[static_cast<size_t>(role)];
}

const std::string* given_name(const ColumnMapping& given, SummaryRole role) {
  switch (role) {
    case SummaryRole::customer: return &given.customer;
    case SummaryRole::firstOrder: return &given.firstOrder;
    case SummaryRole::lastOrder: return &given.lastOrder;
    case SummaryRole::orders: return &given.orders;
    case SummaryRole::revenue: return &given.revenue;
    case SummaryRole::orderDays: return &given.orderDays;
    case SummaryRole::countedRevenue: return &given.countedRevenue;
    case SummaryRole::repeatRevenue: return &given.repeatRevenue;
  }
  return nullptr;
}

// The engine's own outputs beside the summary (the SQL's rf_cell, segment ...): never attributes.
bool is_engine_output(const std::string& normalized) {
  static const Names outputs{"rfcell", "segment", "r", "f", "m", "recencydays", "btydx", "btydtx", "btydt"};
  return std::find(outputs.begin(), outputs.end(), normalized) != outputs.end();
}

constexpr SummaryRole kRequired[] = {SummaryRole::customer, SummaryRole::firstOrder, SummaryRole::lastOrder,
                                     SummaryRole::orders, SummaryRole::revenue};

// Explicit names, then known names; fails only on an explicit name that is not in the header.
Error map_roles(const std::vector<std::string_view>& header, const ColumnMapping& given, int64_t header_line,
                HeaderIndex& index, SummaryColumns& out) {
  auto assign = [&](SummaryRole role, int i) {
    out.index[static_cast<size_t>(role)] = i;
    index.take(i);
  };
  for (size_t r = 0; r < kSummaryRoleCount; ++r) {
    const std::string* name = given_name(given, static_cast<SummaryRole>(r));
    if (name->empty()) continue;
    int i = index.find(*name);
    if (i < 0)
      return {ErrorCode::missing_column,
              std::string("the ") + kSummaryRoleNames[r] + " column '" + *name + "' is not in the header (" +
                  header_names(header) + ")",
              header_line};
    assign(static_cast<SummaryRole>(r), i);
  }
  for (size_t r = 0; r < kSummaryRoleCount; ++r) {
    if (out.index[r] >= 0 ||
        std::find(given.unused.begin(), given.unused.end(), kSummaryRoleNames[r]) != given.unused.end())
      continue;
    for (const char* synonym : names_of(static_cast<SummaryRole>(r))) {
      int found = -1;
      for (size_t i = 0; i < header.size() && found < 0; ++i)
        if (!index.taken(i) && index.normalized(i) == synonym) found = static_cast<int>(i);
      if (found >= 0) {
        assign(static_cast<SummaryRole>(r), found);
        break;
      }
    }
  }
  return {};
}

}  // namespace

bool is_summary_header(const std::vector<std::string_view>& header, const ColumnMapping& given) {
  HeaderIndex index(header);
  SummaryColumns columns;
  if (map_roles(header, given, 0, index, columns)) return false;
  return std::all_of(std::begin(kRequired), std::end(kRequired), [&](SummaryRole r) { return columns.has(r); });
}

Error resolve_summary_columns(const std::vector<std::string_view>& header, const ColumnMapping& given,
                              int64_t header_line, SummaryColumns& out) {
  out = SummaryColumns{};
  out.header_fields = header.size();
  HeaderIndex index(header);
  if (Error e = map_roles(header, given, header_line, index, out)) return e;
  for (SummaryRole role : kRequired) {
    if (out.has(role)) continue;
    // Shopify's customers export has totals but no order dates: the orders export is the file to use.
    if (std::string wrong = wrong_export_message(header); !wrong.empty())
      return {ErrorCode::missing_column, wrong, header_line};
    const char* name = kSummaryRoleNames[static_cast<size_t>(role)];
    return {ErrorCode::missing_column,
            std::string("a customer summary needs a ") + name + " column; none found in the header (" +
                header_names(header) + "); name it with the columns." + name + " option",
            header_line};
  }
  for (const std::string& name : given.attributes) {
    int i = index.find(name);
    if (i < 0)
      return {ErrorCode::missing_column,
              "the attribute column '" + name + "' is not in the header (" + header_names(header) + ")", header_line};
    out.attributes.push_back(i);
    index.take(i);
  }
  if (given.attributes.empty()) {
    const Names& known = attribute_column_names();
    for (size_t i = 0; i < header.size(); ++i)
      if (!index.taken(i) && !is_engine_output(index.normalized(i)) &&
          std::find(known.begin(), known.end(), index.normalized(i)) != known.end())
        out.attributes.push_back(static_cast<int>(i));
  }
  for (size_t r = 0; r < kSummaryRoleCount; ++r)
    if (out.index[r] >= 0) out.header[r] = std::string(trim(header[static_cast<size_t>(out.index[r])]));
  for (int i : out.attributes) out.attribute_headers.emplace_back(trim(header[static_cast<size_t>(i)]));
  return {};
}

}  // namespace retention
