// Top products per RF cell and per RFM segment (SPEC 4).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "analytics/products.hpp"
#include "shop.hpp"

using namespace shop;
using retention::ProductRevenue;
using retention::TopProducts;

namespace {

struct Run : Segmented {
  TopProducts top;
};

Run run(const Shop& s) {
  Run r{segmented(s), {}};
  r.top = retention::compute_top_products(r.orders, r.table, r.per_customer.rfCell, r.per_customer.segment,
                                          r.rfm.segments.size());
  return r;
}

using List = std::vector<std::tuple<std::string, Money, int64_t>>;

// Numbers below a bound from a fixed seed (a 64-bit LCG), for the random shops.
struct Numbers {
  uint64_t state;
  uint64_t operator()(uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  }
};

// Random orders of two lines over 2024: each a customer, a day, an amount (one order in
// `refund_every` less `refund_cents`: refunds among them) and the two lines' products.
struct TwoLineOrders {
  uint64_t seed;
  int orders;
  uint64_t customers, refund_every;
  int64_t refund_cents, second_line_cents;
};

template <class FirstProduct, class SecondProduct>
Shop two_line_orders(const TwoLineOrders& o, FirstProduct first, SecondProduct second) {
  Shop s;
  Numbers next{o.seed};
  for (int i = 0; i < o.orders; ++i) {
    std::string customer = "c" + std::to_string(next(o.customers));
    Date date = day("2024-01-01") + static_cast<Date>(next(360));
    Money amount = cents(static_cast<int64_t>(next(5000)) - (next(o.refund_every) == 0 ? o.refund_cents : 0));
    std::string first_product = first(next);
    s.orders.push_back({customer, date, {{first_product, amount}, {second(next), cents(o.second_line_cents)}}});
  }
  return s;
}

List as_list(const std::vector<ProductRevenue>& products) {
  List out;
  for (const ProductRevenue& p : products) out.emplace_back(p.product, p.revenue, p.customers);
  return out;
}

// Per group: every product's net and its buyers (customers with a positive net on it), sorted, top 5.
List reference_top(const Shop& s, const Ref& ref, const std::map<std::string, size_t>& group_of, size_t group) {
  std::map<std::string, std::map<std::string, Money>> net;  // product -> customer -> net
  for (const RawOrder& o : s.orders) {
    if (o.date > ref.asOf || !ref.customers.count(o.customer) || group_of.at(o.customer) != group) continue;
    for (const Line& l : o.lines) net[l.product][o.customer] += l.amount;
  }
  List all;
  for (const auto& [product, by_customer] : net) {
    Money revenue = 0;
    int64_t buyers = 0;
    for (const auto& [customer, amount] : by_customer) revenue += amount, buyers += amount > 0;
    if (revenue > 0) all.emplace_back(product, revenue, buyers);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::get<1>(a) != std::get<1>(b) ? std::get<1>(a) > std::get<1>(b) : std::get<0>(a) < std::get<0>(b);
  });
  if (all.size() > 5) all.resize(5);
  return all;
}

void check_against_reference(const Shop& s) {
  Run r = run(s);
  Ref ref = reference(s);
  std::map<std::string, size_t> cell_of, segment_of;
  for (size_t row = 0; row < r.table.size(); ++row) {
    cell_of[id_of(r.orders, r.table, row)] = r.per_customer.rfCell[row];
    segment_of[id_of(r.orders, r.table, row)] = r.per_customer.segment[row];
  }
  for (size_t cell = 0; cell < 9; ++cell) CHECK(as_list(r.top.byRfCell[cell]) == reference_top(s, ref, cell_of, cell));
  for (size_t seg = 0; seg < r.rfm.segments.size(); ++seg)
    CHECK(as_list(r.top.bySegment[seg]) == reference_top(s, ref, segment_of, seg));
}

}  // namespace

TEST_CASE("the hand-worked shop: top products per RF cell and per segment") {
  Run r = run(hand_shop());
  const auto& cell = r.top.byRfCell;
  CHECK(as_list(cell[2]) == List{{"Mug", cents(13000), 1}, {"Tea", cents(5000), 1}});  // ann
  CHECK(as_list(cell[1]) == List{{"Jug", cents(4000), 1}, {"Tea", cents(2000), 1}});   // ben
  CHECK(as_list(cell[3]) == List{{"Mug", cents(5000), 1}});                            // dan: 70 - 20
  CHECK(as_list(cell[6]) == List{{"Jug", cents(50000), 1}});                           // cat
  CHECK(cell[5].empty());
  // Potential Loyalist = ann, ben and fay; Loyal Customers = dan; At Risk = cat; eve's refund belongs to no one
  // analysed. Mug and Tea tie at 130 and go by name.
  CHECK(as_list(r.top.bySegment[1]) == List{{"Mug", cents(13000), 1}, {"Tea", cents(13000), 3}, {"Jug", cents(4000), 1}});
  CHECK(as_list(r.top.bySegment[2]) == List{{"Mug", cents(5000), 1}});
  CHECK(as_list(r.top.bySegment[6]) == List{{"Jug", cents(50000), 1}});
}

TEST_CASE("five at most, equal revenue goes by name, and a product refunded to nothing is left out") {
  Shop s;
  const char* names[] = {"Fig", "Elm", "Dill", "Cedar", "Birch", "Ash"};
  for (const char* product : names) s.orders.push_back({"a", day("2024-01-01"), {{product, cents(1000)}}});
  s.orders.push_back({"a", day("2024-01-02"), {{"Zest", cents(5000)}, {"Ash", cents(-1000)}}});
  Run r = run(s);
  // a is active/highValue: Zest 50, then the 10s by name (Ash netted to 0 drops out)
  CHECK(as_list(r.top.byRfCell[2]) ==
        List{{"Zest", cents(5000), 1}, {"Birch", cents(1000), 1}, {"Cedar", cents(1000), 1}, {"Dill", cents(1000), 1},
             {"Elm", cents(1000), 1}});
}

TEST_CASE("top products equal the definition on random shops") {
  for (const auto& [name, s] : checked_shops()) {
    CAPTURE(name);
    check_against_reference(s);
  }
}

TEST_CASE("a best seller of thousands of lines nets each customer's lines as the definition does") {
  // More lines on one product than the sort by row handles by comparison: the radix path, with
  // customers buying it many times, refunds among them, and their orders interleaved.
  check_against_reference(two_line_orders({12345, 3000, 300, 10, 6000, 100}, [](Numbers&) { return std::string("Best"); },
                                          [](Numbers& next) { return std::string(next(3) == 0 ? "Rare" : "Best"); }));
}

TEST_CASE("lines grouped chunk by chunk: a product's lines in every chunk, net per customer across them") {
  // 160,000 lines over 40 products: three chunks of 65,536 lines and a part (analytics/products.cpp),
  // each customer's lines of a product spread over all of them, refunds among them.
  auto any_of_40 = [](Numbers& next) { return "p" + std::to_string(next(40)); };
  check_against_reference(two_line_orders({2024, 80000, 3000, 12, 7000, 250}, any_of_40, any_of_40));
}

TEST_CASE("wide product lines: more than 65,535 products, amounts finer than a thousandth") {
  // The lines are kept in 16 and 32 bits while every value fits (model/order_lines.hpp): both widen here.
  Numbers next{777};
  for (bool fine_amounts : {false, true}) {
    CAPTURE(fine_amounts);
    Shop s;
    for (int i = 0; i < 70000; ++i) {
      std::string customer = "c" + std::to_string(next(2000));
      Date date = day("2024-01-01") + static_cast<Date>(next(360));
      // Every product sold once or twice, a few best sellers often.
      std::string product = next(10) == 0 ? "best" + std::to_string(next(5)) : "p" + std::to_string(i);
      Money amount = cents(static_cast<int64_t>(next(20000))) + (fine_amounts ? static_cast<Money>(next(10)) * 100 : 0);
      s.orders.push_back({customer, date, {{product, amount}, {"p" + std::to_string(next(70000)), cents(150)}}});
    }
    check_against_reference(s);
  }
}
