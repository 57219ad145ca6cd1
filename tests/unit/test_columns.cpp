#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "ingest/columns.hpp"

using retention::ColumnMapping;
using retention::ErrorCode;
using retention::ResolvedColumns;
using retention::resolve_columns;
using retention::Role;

namespace {
ResolvedColumns resolve(std::vector<std::string_view> header, const ColumnMapping& given = {}) {
  ResolvedColumns out;
  retention::Error e = resolve_columns(header, given, 1, out);
  REQUIRE_MESSAGE(!e, e.message);
  return out;
}
}  // namespace

TEST_CASE("the generic names are detected") {
  auto c = resolve({"order_id", "customer_id", "order_date", "amount"});
  CHECK(c[Role::order] == 0);
  CHECK(c[Role::customer] == 1);
  CHECK(c[Role::date] == 2);
  CHECK(c[Role::amount] == 3);
  CHECK_FALSE(c.has(Role::refund));
}

TEST_CASE("case, spaces and punctuation do not matter, and synonyms are known") {
  auto c = resolve({"Email", "Created At", "Total", "Order Number", "Refunded Amount"});
  CHECK(c[Role::customer] == 0);
  CHECK(c[Role::date] == 1);
  CHECK(c[Role::amount] == 2);
  CHECK(c[Role::order] == 3);
  CHECK(c[Role::refund] == 4);
  CHECK(c.header[static_cast<size_t>(Role::date)] == "Created At");
}

TEST_CASE("quantity x unit price makes the amount without an amount column, and prices product lines with one") {
  auto line_items = resolve({"InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"});
  CHECK(line_items[Role::quantity] == 1);
  CHECK(line_items[Role::unitPrice] == 3);
  CHECK_FALSE(line_items.has(Role::amount));
  auto with_total = resolve({"customer", "date", "quantity", "price", "total"});
  CHECK(with_total[Role::amount] == 4);
  CHECK(with_total[Role::quantity] == 2);
  auto quantity_alone = resolve({"customer", "date", "quantity", "total"});
  CHECK_FALSE(quantity_alone.has(Role::quantity));
}

TEST_CASE("explicit names win over detection") {
  ColumnMapping given;
  given.customer = "buyer_ref";
  given.amount = "net";
  auto c = resolve({"customer_id", "buyer_ref", "date", "amount", "net"}, given);
  CHECK(c[Role::customer] == 1);
  CHECK(c[Role::amount] == 4);
  CHECK(c[Role::date] == 2);
}

TEST_CASE("a missing required column is an error that names it and lists the header") {
  ResolvedColumns out;
  auto e = resolve_columns({"when", "total"}, {}, 1, out);
  CHECK(e.code == ErrorCode::missing_column);
  CHECK(e.line == 1);
  CHECK(e.message == "no customer column found in the header ('when', 'total'); name it with the "
                     "columns.customer (CLI --customer) option");
  ColumnMapping given;
  given.date = "Order Day";
  e = resolve_columns({"customer", "date", "amount"}, given, 1, out);
  CHECK(e.code == ErrorCode::missing_column);
  CHECK(e.message == "the date column 'Order Day' is not in the header ('customer', 'date', 'amount')");
}

TEST_CASE("an optional role can be switched off; customer and date cannot") {
  ColumnMapping given;
  given.unused = {"refund", "order"};
  auto c = resolve({"Email", "Created At", "Total", "Order Number", "Refunded Amount"}, given);
  CHECK_FALSE(c.has(Role::refund));
  CHECK_FALSE(c.has(Role::order));
  CHECK(c.has(Role::amount));
  ResolvedColumns out;
  given.unused = {"date"};
  auto e = resolve_columns({"customer", "date", "amount"}, given, 1, out);
  CHECK(e.message == "the date column cannot be switched off");
}

TEST_CASE("column names in German, French, Spanish, Italian, Dutch and Portuguese are detected") {
  struct Case {
    std::vector<std::string_view> header;
  };
  const std::vector<Case> cases{
      {{"Kunde", "Bestelldatum", "Betrag"}},
      {{"Client", "Date de commande", "Montant"}},
      {{"Cliente", "Fecha", "Importe"}},
      {{"Cliente", "Data ordine", "Importo"}},
      {{"Klant", "Besteldatum", "Bedrag"}},
      {{"Cliente", "Data do pedido", "Valor"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.header[0]);
    CAPTURE(c.header[1]);
    auto r = resolve(c.header);
    CHECK(r[Role::customer] == 0);
    CHECK(r[Role::date] == 1);
    CHECK(r[Role::amount] == 2);
  }
  auto de = resolve({"Bestellnummer", "Kunden-Nr.", "Datum", "Gesamtbetrag", "Währung", "Artikel"});
  CHECK(de[Role::order] == 0);
  CHECK(de[Role::customer] == 1);
  CHECK(de[Role::date] == 2);
  CHECK(de[Role::amount] == 3);
  CHECK(de[Role::currency] == 4);
  CHECK(de[Role::product] == 5);
  // English names keep precedence where both are present.
  auto mixed = resolve({"Datum", "customer", "order_date", "Betrag"});
  CHECK(mixed[Role::date] == 2);
}

TEST_CASE("an export without orders is named, with the export to use instead") {
  ResolvedColumns out;
  SUBCASE("a Shopify customers export") {
    auto e = resolve_columns({"Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing", "Total Spent",
                              "Total Orders", "Note", "Tax Exempt"},
                             {}, 1, out);
    CHECK(e.code == ErrorCode::missing_column);
    CHECK(e.message.find("Shopify customers export") != std::string::npos);
    CHECK(e.message.find("Orders, choose Export") != std::string::npos);
  }
  SUBCASE("a Shopify products export") {
    auto e = resolve_columns({"Handle", "Title", "Body (HTML)", "Vendor", "Variant SKU", "Variant Price"}, {}, 1, out);
    CHECK(e.message.find("Shopify products export") != std::string::npos);
  }
  SUBCASE("a Shopify inventory export") {
    auto e = resolve_columns({"Handle", "Title", "Option1 Name", "Option1 Value", "SKU", "Location", "On hand"}, {}, 1,
                             out);
    CHECK(e.message.find("Shopify inventory export") != std::string::npos);
  }
  SUBCASE("a Stripe customers export") {
    auto e = resolve_columns({"id", "Description", "Email", "Name", "Created (UTC)", "Delinquent", "Total Spend",
                              "Payment Count", "Refunded Volume"},
                             {}, 1, out);
    CHECK(e.message.find("Stripe customers export") != std::string::npos);
    CHECK(e.message.find("Payments, choose Export") != std::string::npos);
  }
  SUBCASE("an order file with a 'Total Spent' column is still read as orders") {
    CHECK_FALSE(resolve_columns({"Email", "Created at", "Total", "Total Spent", "Total Orders"}, {}, 1, out));
  }
}

TEST_CASE("a cancelled-at column is found in Shopify's layout and under generic names") {
  const ResolvedColumns shopify = resolve({"Name", "Email", "Financial Status", "Created at", "Total", "Lineitem name", "Cancelled at"});
  CHECK(shopify.preset == "shopify");
  CHECK(shopify[Role::cancelled] == 6);
  for (std::string_view name : {"cancelled_at", "canceled_at", "Cancelled Date", "cancellation_date"}) {
    CAPTURE(name);
    CHECK(resolve({"customer", "date", "amount", name})[Role::cancelled] == 3);
  }
  CHECK_FALSE(resolve({"customer", "date", "amount", "cancelled"}).has(Role::cancelled));  // a flag, not a time
}
