// Test support for the analytics: order books built by hand, a seeded random shop and the CDNOW
// file, plus a straightforward second model of SPEC 4 (per customer, straight from the raw orders)
// for the tests to compare the engine's analyses against.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/rf_matrix.hpp"
#include "analytics/rfm.hpp"
#include "ingest/dates.hpp"
#include "model/customer_table.hpp"
#include "model/order_book.hpp"

namespace shop {

using retention::CustomerTable;
using retention::Date;
using retention::Money;
using retention::OrderBook;

inline Date day(const char* iso) { return *retention::parse_date(iso); }
inline Money cents(int64_t c) { return c * 10000; }

struct Line {
  std::string product;
  Money amount;
};

// One order: its customer, date and product lines (the net amount is their sum).
struct RawOrder {
  std::string customer;
  Date date;
  std::vector<Line> lines;
  Money net() const {
    Money sum = 0;
    for (const Line& l : lines) sum += l.amount;
    return sum;
  }
};

struct Shop {
  std::vector<RawOrder> orders;
  std::map<std::string, std::string> country;  // the one attribute; customers without one are absent
  std::optional<Date> asOf;
  bool products = true;
};

// The OrderBook the engine builds for such a file: one order per RawOrder, its lines, the country.
inline OrderBook book(const Shop& s) {
  OrderBook b(1);
  for (const RawOrder& o : s.orders) {
    uint32_t order = b.add_row(o.customer, {}, o.date, o.date, o.lines.empty() ? 0 : o.lines[0].amount);
    for (size_t i = 1; i < o.lines.size(); ++i) b.add_to_order(order, o.lines[i].amount);
    if (s.products)
      for (const Line& l : o.lines) b.add_line(order, l.product, l.amount);
    auto it = s.country.find(o.customer);
    if (it != s.country.end()) b.set_order_attribute(order, 0, it->second);
  }
  b.finish_reading();
  return b;
}

inline CustomerTable table(const OrderBook& b, std::optional<Date> asOf) {
  CustomerTable t;
  retention::Error e = retention::build_customer_table(b, asOf, t);
  REQUIRE_MESSAGE(!e, e.message);
  return t;
}

inline std::string id_of(const OrderBook& b, const CustomerTable& t, size_t row) {
  return b.customer_id(t.customer[row]);
}

// An analysis that needs only the customer table, run on a shop.
template <class Analysis>
auto on_table(const Shop& s, Analysis analysis) {
  OrderBook b = book(s);
  return analysis(table(b, s.asOf));
}

// A shop through the model, with the RF cells and RFM segments the grouping analyses take.
struct Segmented {
  OrderBook orders;
  CustomerTable table;
  retention::CustomerResults per_customer;
  retention::Rfm rfm;
};

inline Segmented segmented(const Shop& s,
                           const std::vector<retention::SegmentRule>& rules = retention::default_segment_rules()) {
  Segmented r{book(s), {}, {}, {}};
  r.table = table(r.orders, s.asOf);
  r.per_customer.rfCell = retention::rf_cells(r.table, {});
  r.rfm = retention::compute_rfm(r.table, rules, retention::RfThresholds{}.activeBelowDays, r.per_customer);
  return r;
}

// ---- the reference model: SPEC 4 read literally, one customer at a time --------------------------------

struct RefCustomer {
  std::string id;
  std::vector<Date> counted;                  // dates of counted orders, ascending
  std::vector<std::pair<Date, Money>> all;    // every order up to asOf: date, net
  Money monetary = 0;
  int frequency = 0;
  Date first = 0, last = 0;
  int recency = 0;
};

struct Ref {
  Date asOf = 0;
  std::map<std::string, RefCustomer> customers;  // only customers with a counted order
};

// The RF cell by SPEC 4's default bands: recency active < 90 <= churning <= 365 < lapsed, frequency 1 / 2 / 3+.
inline int spec_cell(int recency, int frequency) {
  int r = recency < 90 ? 0 : recency <= 365 ? 1 : 2;
  int f = frequency >= 3 ? 2 : frequency == 2 ? 1 : 0;
  return r * 3 + f;
}

inline Ref reference(const Shop& s) {
  Ref r;
  if (s.asOf) {
    r.asOf = *s.asOf;
  } else {
    bool any = false;
    for (const RawOrder& o : s.orders)
      if (o.net() > 0 && (!any || o.date > r.asOf)) r.asOf = o.date, any = true;
  }
  std::map<std::string, RefCustomer> all;
  for (const RawOrder& o : s.orders) {
    if (o.date > r.asOf) continue;
    RefCustomer& c = all[o.customer];
    c.id = o.customer;
    c.all.emplace_back(o.date, o.net());
    c.monetary += o.net();
    if (o.net() > 0) c.counted.push_back(o.date);
  }
  for (auto& [id, c] : all) {
    if (c.counted.empty()) continue;
    std::sort(c.counted.begin(), c.counted.end());
    c.frequency = static_cast<int>(c.counted.size());
    c.first = c.counted.front();
    c.last = c.counted.back();
    c.recency = r.asOf - c.last;
    r.customers[id] = c;
  }
  return r;
}

// ---- the shops -----------------------------------------------------------------------------------------

// The hand-worked shop of the analytics tests, asOf 2024-06-30 (the numbers in the tests come from here):
//   ann  2023-01-10 Mug 100, 2023-02-10 Tea 50, 2024-06-30 Mug 30  UK  3 orders, 180, recency 0
//   ben  2024-05-01 Tea 20, 2024-05-01 Jug 40 (two orders, same day) DE  2 orders, 60, recency 60
//   cat  2022-12-25 Jug 500                                          UK  1 order, 500, recency 553
//   dan  2024-01-15 Mug 70, 2024-02-01 refund Mug -20                DE  1 order, 50, recency 167
//   eve  2024-03-01 refund Tea -15 (refund only: left out)            FR
//   fay  2023-11-30 Tea 20, 2024-02-29 Tea 40                        --  2 orders, 60, recency 122
//   gus  2024-06-30 Jug 30 (one order, on asOf)                      UK  1 order, 30, recency 0
inline Shop hand_shop() {
  Shop s;
  auto add = [&](const char* customer, const char* date, const char* product, int64_t amount) {
    s.orders.push_back({customer, day(date), {{product, cents(amount * 100)}}});
  };
  add("ann", "2023-01-10", "Mug", 100);
  add("ann", "2023-02-10", "Tea", 50);
  add("ann", "2024-06-30", "Mug", 30);
  add("ben", "2024-05-01", "Tea", 20);
  add("ben", "2024-05-01", "Jug", 40);
  add("cat", "2022-12-25", "Jug", 500);
  add("dan", "2024-01-15", "Mug", 70);
  add("dan", "2024-02-01", "Mug", -20);
  add("eve", "2024-03-01", "Tea", -15);
  add("fay", "2023-11-30", "Tea", 20);
  add("fay", "2024-02-29", "Tea", 40);
  add("gus", "2024-06-30", "Jug", 30);
  s.country = {{"ann", "UK"}, {"ben", "DE"}, {"cat", "UK"}, {"dan", "DE"}, {"eve", "FR"}, {"gus", "UK"}};
  return s;
}

// A seeded random shop with every awkward case: same-day orders, refunds, zero-amount orders,
// refund-only customers, multi-line orders, customers without a country, orders after asOf.
inline Shop random_shop(uint32_t seed, int fewest_customers = 20, int most_customers = 80) {
  std::mt19937 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const char* products[] = {"Mug", "Tea", "Jug", "Pot", "Cup", "Bag"};
  const char* countries[] = {"UK", "DE", "FR", "NL"};
  const Date start = day("2021-01-01");
  Shop s;
  const int customers = pick(fewest_customers, most_customers);
  for (int c = 0; c < customers; ++c) {
    const std::string id = "c" + std::to_string(c);
    if (pick(0, 4)) s.country[id] = countries[pick(0, 3)];
    const bool refund_only = pick(0, 19) == 0;
    const int orders = refund_only ? 1 : 1 + (pick(0, 2) ? pick(0, 3) : pick(0, 12));
    Date date = start + pick(0, 1000);
    for (int k = 0; k < orders; ++k) {
      if (k > 0 && pick(0, 4)) date += pick(0, 3) ? pick(1, 200) : 0;  // some orders on the same day
      RawOrder o{id, date, {}};
      for (int l = pick(1, 2); l > 0; --l) {
        int64_t amount = refund_only || pick(0, 9) == 0 ? -pick(1, 5000) : pick(0, 30000);
        o.lines.push_back({products[pick(0, 5)], cents(amount)});
      }
      s.orders.push_back(o);
    }
  }
  std::shuffle(s.orders.begin(), s.orders.end(), rng);  // files are not sorted by date
  if (pick(0, 1)) {
    std::vector<Date> counted;
    for (const RawOrder& o : s.orders)
      if (o.net() > 0) counted.push_back(o.date);
    s.asOf = counted[static_cast<size_t>(pick(0, static_cast<int>(counted.size()) - 1))] + pick(0, 100);
  }
  return s;
}

// tests/data/cdnow/CDNOW_master.txt, read here (the CSV reader does not read its whitespace-aligned
// layout yet): customer_id, YYYYMMDD, number_of_cds, dollar_value; each row is an order, no products.
inline const Shop& cdnow() {
  static const Shop shop = [] {
    std::ifstream in(std::string(RETENTION_TEST_DATA) + "/cdnow/CDNOW_master.txt");
    REQUIRE_MESSAGE(in.good(), "cannot open CDNOW_master.txt");
    Shop s;
    s.products = false;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string customer, date;
      int cds = 0;
      double dollars = 0;
      if (!(fields >> customer >> date >> cds >> dollars)) continue;
      int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(4, 2)), d = std::stoi(date.substr(6, 2));
      s.orders.push_back({customer, retention::days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)),
                          {{"", static_cast<Money>(std::llround(dollars * 100)) * 10000}}});
    }
    return s;
  }();
  return shop;
}

// The shops every analysis is checked on against the reference model.
inline std::vector<std::pair<std::string, Shop>> checked_shops() {
  std::vector<std::pair<std::string, Shop>> shops{{"hand", hand_shop()}};
  for (uint32_t seed = 1; seed <= 40; ++seed) shops.emplace_back("random " + std::to_string(seed), random_shop(seed));
  return shops;
}

}  // namespace shop
