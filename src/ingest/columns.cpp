#include "ingest/columns.hpp"

#include <algorithm>

#include "ingest/header_index.hpp"
#include "ingest/text.hpp"
#include "ingest/wrong_export.hpp"

namespace retention {

std::string normalize_name(std::string_view name) {
  std::string out;
  for (char c : name) {  // ASCII only: the same result whatever the C locale
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

namespace {

using Names = std::vector<const char*>;

// Generic header names per role, most specific first (normalized form).
const std::array<Names, kRoleCount>& synonyms() {
  static const std::array<Names, kRoleCount> table{{
      /* customer */ {"customerid", "customer", "customeremail", "email", "emailaddress", "clientid", "client",
                      "userid", "user", "buyerid", "buyer", "buyeremail", "billingemail", "accountid", "memberid",
                      "contactid", "buyeruserid", "customername", "buyername",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "kunde", "kundennummer", "kundenid", "kundennr", "kundenemail", "emailadresse", "kundenname",
                      "idclient", "numroclient", "courriel", "adressecourriel", "cliente", "idcliente", "correo",
                      "correoelectrnico", "codicecliente", "klant", "klantnummer", "klantid", "emailadres",
                      "cdigocliente", "codigocliente"},
      /* date */ {"orderdate", "date", "orderedat", "createdat", "created", "createdutc", "createddateutc",
                  "purchasedate", "purchasedat", "invoicedate", "transactiondate", "saledate", "paymentdate",
                  "paidat", "dateplaced", "orderplacedat", "datetime", "timestamp",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "bestelldatum", "datum", "kaufdatum", "rechnungsdatum", "erstelltam", "datedecommande",
                      "datecommande", "datedachat", "fecha", "fechadepedido", "fechapedido", "fechadecompra",
                      "dataordine", "datadellordine", "data", "besteldatum", "orderdatum", "datadopedido",
                      "datapedido", "datadacompra"},
      /* amount */ {"amount", "total", "ordertotal", "totalamount", "grandtotal", "revenue", "sales", "netsales",
                    "grosssales", "totalsales", "value", "ordervalue", "netamount", "amountpaid", "totalpaid",
                    "saleamount", "totalprice", "dollarvalue",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "betrag", "gesamtbetrag", "gesamtsumme", "summe", "gesamt", "umsatz", "bestellwert", "montant",
                      "montanttotal", "totalttc", "importe", "importetotal", "monto", "importo", "totale",
                      "importototale", "bedrag", "totaalbedrag", "totaal", "valor", "valortotal", "montante"},
      /* order */ {"orderid", "ordernumber", "order", "orderno", "invoiceno", "invoice", "invoiceid",
                   "invoicenumber", "transactionid", "receiptid", "saleid",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "bestellnummer", "bestellung", "bestellnr", "rechnungsnummer", "commande", "numrodecommande",
                      "idcommande", "pedido", "nmerodepedido", "numerodepedido", "idpedido", "ordine",
                      "numeroordine", "idordine", "bestelnummer", "bestelling", "ordernummer", "nmerodopedido",
                      "numerodopedido"},
      /* refund */ {"refundedamount", "amountrefunded", "refund", "refunds", "refundamount", "refundtotal"},
      /* quantity */ {"quantity", "qty",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "menge", "anzahl", "quantit", "cantidad", "aantal", "quantidade"},
      /* unitPrice */ {"unitprice", "price", "itemprice",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "preis", "einzelpreis", "prix", "prixunitaire", "precio", "preciounitario", "prezzo",
                      "prezzounitario", "prijs", "preo", "preounitrio"},
      /* product */ {"product", "productname", "producttitle", "item", "itemname", "sku", "productid",
                     "stockcode", "description",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "produkt", "artikel", "produit", "article", "producto", "artculo", "prodotto", "articolo",
                      "artikelnaam", "produto"},
      /* status */ {"financialstatus", "paymentstatus", "orderstatus", "status",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "zahlungsstatus", "bestellstatus", "statut", "estado", "stato", "betaalstatus"},
      /* currency */ {"currency", "currencycode", "ordercurrency",
                      // German, French, Spanish, Italian, Dutch, Portuguese (accented letters drop out)
                      "whrung", "devise", "moneda", "valuta", "moeda"},
      /* captured */ {"captured"},
      /* cancelled */ {"cancelledat", "canceledat", "cancelleddate", "canceleddate", "datecancelled", "datecanceled",
                       "cancellationdate", "cancelledon", "canceledon"},
  }};
  return table;
}

// Columns that describe a customer (SPEC 3 `attributes`), by normalized header name.
const Names& attribute_names() {
  static const Names names{"country", "billingcountry", "shippingcountry", "customercountry", "city",
                           "billingcity", "shippingcity", "region", "state", "province", "billingprovince",
                           "shippingprovince", "channel", "saleschannel", "source", "referringsite", "category",
                           "productcategory", "segment", "customertype", "gender", "agegroup"};
  return names;
}

// A known export: when every signature column is present (an entry "a|b" takes either), its
// roles are mapped from its own header names before the generic ones are tried.
struct Preset {
  const char* name;
  Names signature;
  std::vector<std::pair<Role, Names>> roles;
  Names attributes;
  Names no_customer;
};

const std::vector<Preset>& presets() {
  static const std::vector<Preset> table{
      {"shopify",
       {"Name", "Financial Status", "Lineitem name"},
       {{Role::customer, {"Email", "Customer Email"}},
        {Role::order, {"Name"}},
        {Role::date, {"Created at"}},
        {Role::amount, {"Total"}},
        {Role::refund, {"Refunded Amount"}},
        {Role::status, {"Financial Status"}},
        {Role::cancelled, {"Cancelled at"}},
        {Role::currency, {"Currency"}},
        {Role::product, {"Lineitem name"}},
        {Role::quantity, {"Lineitem quantity"}},
        {Role::unitPrice, {"Lineitem price"}}},
       {"Billing Country", "Source"},
       {}},
      {"stripe",
       {"id", "Created date (UTC)|Created (UTC)", "Amount", "Status"},
       {{Role::order, {"id"}},
        {Role::customer, {"Customer ID", "Customer Email"}},
        {Role::date, {"Created date (UTC)", "Created (UTC)"}},
        {Role::amount, {"Converted Amount", "Amount"}},
        {Role::refund, {"Converted Amount Refunded", "Amount Refunded"}},
        {Role::currency, {"Converted Currency", "Currency"}},
        {Role::status, {"Status"}},
        {Role::captured, {"Captured"}}},
       {"Card Issue Country"},
       {}},
      {"woocommerce",
       {"order_total", "order_id|order_number"},
       {{Role::order, {"order_id", "order_number"}},
        {Role::customer, {"customer_email", "billing_email", "customer_id", "customer_user"}},
        {Role::date, {"order_date", "date_created", "paid_date"}},
        {Role::amount, {"order_total"}},
        {Role::refund, {"refund_total", "order_refund", "refunded_total"}},
        {Role::status, {"status", "order_status"}},
        {Role::currency, {"order_currency", "currency"}},
        {Role::product, {"item_name", "product_name"}}},
       {"billing_country", "shipping_country"},
       {"0"}},  // WooCommerce writes customer id 0 for guest checkouts
      {"online-retail",
       {"StockCode", "Quantity", "InvoiceDate"},
       {{Role::order, {"InvoiceNo", "Invoice"}},
        {Role::customer, {"CustomerID", "Customer ID"}},
        {Role::date, {"InvoiceDate"}},
        {Role::quantity, {"Quantity"}},
        {Role::unitPrice, {"UnitPrice", "Price"}},
        {Role::product, {"Description", "StockCode"}}},
       {"Country"},
       {}},
      {"cdnow",
       {"customer_id", "date", "dollar_value"},
       {{Role::customer, {"customer_id"}}, {Role::date, {"date"}}, {Role::amount, {"dollar_value"}}},
       {},
       {}},
  };
  return table;
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

const std::string* given_name(const ColumnMapping& given, Role role) {
  switch (role) {
    case Role::customer: return &given.customer;
    case Role::date: return &given.date;
    case Role::amount: return &given.amount;
    case Role::order: return &given.order;
    case Role::refund: return &given.refund;
    case Role::quantity: return &given.quantity;
    case Role::unitPrice: return &given.unitPrice;
    case Role::product: return &given.product;
    case Role::status: return &given.status;
    case Role::currency: return &given.currency;
    case Role::captured:
    case Role::cancelled: return nullptr;
  }
  return nullptr;
}


}  // namespace

const std::vector<const char*>& customer_column_names() { return synonyms()[static_cast<size_t>(Role::customer)]; }
const std::vector<const char*>& attribute_column_names() { return attribute_names(); }
std::string header_names(const std::vector<std::string_view>& header) { return header_list(header); }

Error resolve_columns(const std::vector<std::string_view>& header, const ColumnMapping& given, int64_t header_line,
                      ResolvedColumns& out) {
  out = ResolvedColumns{};
  out.header_fields = header.size();
  HeaderIndex index(header);
  auto assign = [&](Role role, int i) {
    out.index[static_cast<size_t>(role)] = i;
    index.take(i);
  };
  auto not_in_header = [&](const std::string& what, const std::string& name) {
    return Error{ErrorCode::missing_column,
                 "the " + what + " column " + quote_value(name) + " is not in the header (" + header_list(header) + ")",
                 header_line};
  };

  // Explicit names first, so detection never steals a column the user named.
  for (size_t r = 0; r < kRoleCount; ++r) {
    const std::string* name = given_name(given, static_cast<Role>(r));
    if (!name || name->empty()) continue;
    int i = index.find(*name);
    if (i < 0) return not_in_header(kRoleNames[r], *name);
    assign(static_cast<Role>(r), i);
  }
  for (const std::string& name : given.attributes) {
    int i = index.find(name);
    if (i < 0) return not_in_header("attribute", name);
    out.attributes.push_back(i);
    index.take(i);
  }

  // Roles switched off are taken out before any detection, as if found nowhere.
  std::array<bool, kRoleCount> off{};
  for (const std::string& role : given.unused) {
    auto it = std::find(kRoleNames.begin(), kRoleNames.end(), role);
    if (it == kRoleNames.end()) continue;
    auto r = static_cast<size_t>(it - kRoleNames.begin());
    if (r == static_cast<size_t>(Role::customer) || r == static_cast<size_t>(Role::date))
      return {ErrorCode::missing_column, std::string("the ") + role + " column cannot be switched off", header_line};
    off[r] = true;
  }

  const Preset* preset = nullptr;
  for (const Preset& p : presets())
    if (index.has_all(p.signature)) {
      preset = &p;
      break;
    }
  if (preset) {
    out.preset = preset->name;
    for (const char* value : preset->no_customer) out.no_customer.emplace_back(value);
    for (const auto& [role, names] : preset->roles) {
      if (out.has(role) || off[static_cast<size_t>(role)]) continue;
      if (int i = index.find_any(names); i >= 0) assign(role, i);
    }
  }
  for (size_t r = 0; r < kRoleCount; ++r) {
    if (out.index[r] >= 0 || off[r]) continue;
    for (const char* synonym : synonyms()[r]) {
      int found = -1;
      for (size_t i = 0; i < header.size() && found < 0; ++i)
        if (!index.taken(i) && index.normalized(i) == synonym) found = static_cast<int>(i);
      if (found >= 0) {
        assign(static_cast<Role>(r), found);
        break;
      }
    }
  }
  // Quantity x unit price makes the amount when there is no amount column, and the product
  // lines' revenue when there is one (Shopify's order Total vs its line items); never one alone.
  if (!(out.has(Role::quantity) && out.has(Role::unitPrice))) {
    out.index[static_cast<size_t>(Role::quantity)] = -1;
    out.index[static_cast<size_t>(Role::unitPrice)] = -1;
  }

  auto missing = [&](const char* role, const char* option) {
    return Error{ErrorCode::missing_column,
                 std::string("no ") + role + " column found in the header (" + header_list(header) +
                     "); name it with the " + option + " option",
                 header_line};
  };
  // A file without orders (a customer or product list) is named, with the export to use instead.
  if (!out.has(Role::customer) || !out.has(Role::date) || (!out.has(Role::amount) && !out.has(Role::quantity)))
    if (std::string wrong = wrong_export_message(header); !wrong.empty())
      return Error{ErrorCode::missing_column, wrong, header_line};
  if (!out.has(Role::customer)) return missing("customer", "columns.customer (CLI --customer)");
  if (!out.has(Role::date)) return missing("date", "columns.date (CLI --date)");
  if (!out.has(Role::amount) && !out.has(Role::quantity))
    return missing("amount (or quantity and unit price)", "columns.amount (CLI --amount)");

  if (given.attributes.empty()) {
    const Names* names = preset && !preset->attributes.empty() ? &preset->attributes : nullptr;
    if (names) {
      for (const char* name : *names)
        if (int i = index.find(name); i >= 0) {
          out.attributes.push_back(i);
          index.take(i);
        }
    } else if (!preset) {
      for (size_t i = 0; i < header.size(); ++i) {
        const Names& known = attribute_names();
        if (!index.taken(i) && std::find(known.begin(), known.end(), index.normalized(i)) != known.end())
          out.attributes.push_back(static_cast<int>(i));
      }
    }
  }
  for (size_t r = 0; r < kRoleCount; ++r)
    if (out.index[r] >= 0) out.header[r] = std::string(trim(header[static_cast<size_t>(out.index[r])]));
  for (int i : out.attributes) out.attribute_headers.emplace_back(trim(header[static_cast<size_t>(i)]));
  return {};
}

}  // namespace retention
