// The report JSON of the analytics (SPEC 5): every section, exact numbers, null where a ratio has no base.
#include <doctest/doctest.h>

#include <string>

#include "retention/engine.hpp"

namespace {

// The hand-worked shop of shop.hpp as a file.
const std::string kHandShop =
    "customer,date,amount,product,country\n"
    "ann,2023-01-10,100,Mug,UK\nann,2023-02-10,50,Tea,UK\nann,2024-06-30,30,Mug,UK\n"
    "ben,2024-05-01,20,Tea,DE\nben,2024-05-01,40,Jug,DE\ncat,2022-12-25,500,Jug,UK\n"
    "dan,2024-01-15,70,Mug,DE\ndan,2024-02-01,-20,Mug,DE\neve,2024-03-01,-15,Tea,FR\n"
    "fay,2023-11-30,20,Tea,\nfay,2024-02-29,40,Tea,\ngus,2024-06-30,30,Jug,UK\n";

std::string report_json(const std::string& text, const retention::Options& options = {}) {
  retention::Engine engine(options);
  REQUIRE(engine.feed(text.data(), text.size()));
  REQUIRE_MESSAGE(engine.finish(), engine.error().message);
  return retention::to_json(engine.report());
}

bool has(const std::string& json, const std::string& part) { return json.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("every SPEC 5 section is in the report, in order") {
  const std::string json = report_json(kHandShop);
  size_t at = 0;
  for (const char* key : {"\"summary\":", "\"columns\":", "\"rfMatrix\":", "\"rfm\":", "\"retention\":", "\"cohorts\":",
                          "\"pareto\":", "\"churnRisk\":", "\"migration\":", "\"performance\":", "\"topProducts\":",
                          "\"attributes\":", "\"diagnostics\":"}) {
    CAPTURE(key);
    size_t found = json.find(key, at);
    REQUIRE(found != std::string::npos);
    at = found;
  }
}

TEST_CASE("the hand-worked shop's sections print exactly") {
  const std::string json = report_json(kHandShop);
  CHECK(has(json, R"("recency":[{"score":1,"customers":1,"min":553,"max":553},{"score":2,"customers":1,"min":167,"max":167},)"
                  R"({"score":3,"customers":2,"min":60,"max":122},{"score":4,"customers":0,"min":null,"max":null},)"
                  R"({"score":5,"customers":2,"min":0,"max":0}])"));
  CHECK(has(json, R"({"name":"Potential Loyalist","rules":{"r":[3,5],"f":[3,5],"m":[2,5],"outsideActiveBand":false},)"
                  R"("customers":3,"share":0.5,"revenue":300,"revenueShare":0.340909,"averageMonetary":100,"medianMonetary":60,)"
                  R"("averageRecencyDays":60.666667,"averageFrequency":2.333333})"));
  CHECK(has(json, R"({"name":"At Risk","rules":{"r":[1,2],"f":[2,5],"m":[4,5],"outsideActiveBand":true},"customers":1,)"));
  CHECK(has(json, R"({"name":"Champions","rules":{"r":[5,5],"f":[5,5],"m":[5,5],"outsideActiveBand":false},"customers":0,"share":0,"revenue":0,)"
                  R"("revenueShare":0,"averageMonetary":null,"medianMonetary":null,"averageRecencyDays":null,)"
                  R"("averageFrequency":null})"));
  CHECK(has(json, R"("name":"Others","rules":null,)"));
  CHECK(has(json, R"("repeatPurchaseRate":0.5,"repeatRateByOrderNumber":[{"orders":1,"customers":6,"repeated":3,"rate":0.5},)"
                  R"({"orders":2,"customers":3,"repeated":1,"rate":0.333333},{"orders":3,"customers":1,"repeated":0,"rate":0},)"
                  R"({"orders":4,"customers":0,"repeated":0,"rate":null},)"));
  CHECK(has(json, R"("gaps":{"count":4,"median":61,"mean":157,"p75":194.75,"p90":381.5,"histogram":{"binDays":5,"counts":[1,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,2]}},"dormancyThresholdDays":381.5)"));
  CHECK(has(json, R"("monthly":[{"period":"2022-12","active":1,"start":0,"retained":0,"new":1,"retentionRate":null,"churnRate":null},)"
                  R"({"period":"2023-01","active":1,"start":1,"retained":0,"new":1,"retentionRate":0,"churnRate":1},)"
                  R"({"period":"2023-02","active":1,"start":1,"retained":1,"new":0,"retentionRate":1,"churnRate":0},)"));
  CHECK(has(json, R"("yearly":[{"period":"2022",)"));
  CHECK(has(json, R"("cohorts":{"customersOmitted":0,"months":["2022-12","2023-01","2023-02",)"));
  CHECK(has(json, R"("customerShare":[[1,0,0,)"));
  CHECK(has(json, R"(,[null,null,null,)"));  // the cohort of 2023-02 has no customers
  CHECK(has(json, R"("pareto":{"customers":6,"topCustomers":2,"top20RevenueShare":0.772727,"lorenz":[0,0,)"));
  CHECK(has(json, R"("churnRisk":{"green":3,"amber":1,"red":2,"multipliers":{"green":1.5,"amber":3},)"
                  R"("singleOrderExpectedGapDays":79,"secondOrders":3,"basis":"gaps","pAlive":{"green":0.5,"amber":0.2},"clampedByPAlive":0})"));
  CHECK(has(json, R"("migration":{"from":"2023-07-01","to":"2024-06-30","fromCells":["new","active/single",)"));
  CHECK(has(json, R"("customers":[[1,1,0,1,1,0,0,0,0],[0,0,0,0,0,0,0,0,0],)"));
  CHECK(has(json, R"("monthToDate":{"from":"2024-06-01","to":"2024-06-30","previousFrom":"2023-06-01","previousTo":"2023-06-30",)"
                  R"("revenue":[[30,0,30],[0,0,0],[0,0,0]],)"));
  CHECK(has(json, R"("yearToDate":{"from":"2024-01-01","to":"2024-06-30","previousFrom":"2023-01-01","previousTo":"2023-06-30",)"
                  R"("revenue":[[30,60,30],[50,40,0],[0,0,0]],"orders":[[1,2,1],[1,1,0],[0,0,0]],)"));
  CHECK(has(json, R"("topProducts":{"byRfCell":[{"cell":"active/single","products":[{"product":"Jug","revenue":30,"customers":1}]},)"));
  CHECK(has(json, R"({"segment":"Potential Loyalist","products":[{"product":"Mug","revenue":130,"customers":1},)"
                  R"({"product":"Tea","revenue":130,"customers":3},{"product":"Jug","revenue":40,"customers":1}]})"));
  CHECK(has(json, R"("attributes":[{"attribute":"country","customersWithoutValue":1,"valuesOmitted":0,)"
                  R"("values":[{"value":"UK","customers":3,"revenue":710,"averageMonetary":236.666667,"segments":[)"));
  // lift = (1 of 3 UK customers) / (2 of 5 customers with a country) for Potential Loyalist; Loyal is dan (DE)
  CHECK(has(json, R"({"segment":"Potential Loyalist","customers":1,"revenue":180,"averageMonetary":180,"lift":0.833333})"));
  CHECK(has(json, R"({"segment":"Loyal Customers","customers":0,"revenue":0,"averageMonetary":null,"lift":0})"));
  CHECK(has(json, R"({"segment":"New Customers","customers":1,"revenue":30,"averageMonetary":30,"lift":1.666667})"));
}

TEST_CASE("without a product column there are no top products, without attributes no profile") {
  const std::string json = report_json("customer,date,amount\nc1,2024-01-01,5\nc1,2024-02-01,7\n");
  CHECK(has(json, R"("topProducts":null,"attributes":[],)"));
}

TEST_CASE("the options' rule table and multipliers reach the report") {
  retention::Options options;
  options.segments = {{"Recent", {4, 5}, {1, 5}, {1, 5}}};
  options.churnRisk = {1, 2};
  const std::string json = report_json(kHandShop, options);
  CHECK(has(json, R"("segments":[{"name":"Recent","rules":{"r":[4,5],"f":[1,5],"m":[1,5],"outsideActiveBand":false},"customers":2,)"));
  CHECK(has(json, R"("multipliers":{"green":1,"amber":2})"));
}

TEST_CASE("a rule's own description and action pass through to its segment, and only when given") {
  retention::Options options;
  retention::SegmentRule recent{"Recent", {4, 5}, {1, 5}, {1, 5}};
  recent.description = "Bought lately.";
  recent.action = "Thank them within a week.";
  options.segments = {recent, {"Rest", {1, 5}, {1, 5}, {1, 5}}};
  const std::string json = report_json(kHandShop, options);
  CHECK(has(json, R"("outsideActiveBand":false},"description":"Bought lately.","action":"Thank them within a week.","customers":2,)"));
  CHECK(has(json, R"({"name":"Rest","rules":{"r":[1,5],"f":[1,5],"m":[1,5],"outsideActiveBand":false},"customers":)"));
}

TEST_CASE("Online Retail and Shopify style files give every section, top products and attributes included") {
  const std::string sections[] = {"\"rfm\":{\"scores\":", "\"retention\":{\"repeatPurchaseRate\":", "\"cohorts\":{\"customersOmitted\":",
                                  "\"pareto\":{", "\"churnRisk\":{", "\"migration\":{", "\"performance\":{",
                                  "\"topProducts\":{\"byRfCell\":", "\"attributes\":[{\"attribute\":"};
  auto with_every_section = [&](const std::string& file, const char* product_column) {
    retention::Options options;
    options.columns.product = product_column;
    const std::string json = report_json(file, options);
    for (const std::string& section : sections) CHECK_MESSAGE(has(json, section), section);
    return json;
  };
  SUBCASE("Online Retail: invoices of line items, quantity x unit price, a cancelled invoice (dates as ISO here)") {
    const std::string json = with_every_section(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        "536365,85123A,WHITE HANGING HEART,6,2010-12-01 08:26,2.55,17850,United Kingdom\n"
        "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26,3.39,17850,United Kingdom\n"
        "C536379,85123A,WHITE HANGING HEART,-1,2010-12-01 09:41,2.55,17850,United Kingdom\n"
        "536366,22633,HAND WARMER,6,2010-12-01 08:28,1.85,13047,France\n"
        "536367,71053,WHITE METAL LANTERN,2,2011-01-05 10:00,3.39,13047,France\n",
        "StockCode");
    // 17850: one counted invoice (35.64), the cancellation nets 85123A to 12.75; 13047 bought twice
    CHECK(has(json, R"({"cell":"active/single","products":[{"product":"71053","revenue":20.34,"customers":1},)"
                    R"({"product":"85123A","revenue":12.75,"customers":1}]})"));
    CHECK(has(json, R"({"cell":"active/multi","products":[{"product":"22633","revenue":11.1,"customers":1},)"));
  }
  SUBCASE("Shopify: the order total on the first line item only, the line item names as products") {
    const std::string json = with_every_section(
        "Name,Email,Financial Status,Created at,Total,Lineitem name,Billing Country\n"
        "#1001,a@example.com,paid,2024-01-02 10:00:00 +0100,25.00,Mug,DE\n"
        "#1001,a@example.com,,,,Tea,\n"
        "#1002,b@example.com,paid,2024-02-02 10:00:00 +0100,15.00,Jug,FR\n",
        "Lineitem name");
    CHECK(has(json, R"("revenue":40,)"));
  }
}
