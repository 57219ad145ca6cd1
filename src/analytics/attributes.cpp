#include "analytics/attributes.hpp"

#include <algorithm>

#include "model/blocks.hpp"

namespace retention {

namespace {

void add(Group& g, Money monetary) {
  ++g.customers;
  g.revenue += monetary;
}

AttributeProfile profile(const OrderBook& orders, size_t a, const CustomerTable& c, const std::vector<uint8_t>& segments,
                         size_t segment_count) {
  const std::vector<int32_t>& value_of = orders.customer_attribute(a);
  auto value = [&](size_t row) { return c.customer[row] < value_of.size() ? value_of[c.customer[row]] : -1; };
  AttributeProfile out;
  out.segmentTotals.resize(segment_count);
  std::vector<Group> all(orders.attribute_value_count(a));
  for_each_index(c.size(), [&](size_t row) {
    const int32_t v = value(row);
    if (v < 0) {
      ++out.customersWithoutValue;
      return;
    }
    add(all[static_cast<size_t>(v)], c.monetary[row]);
    add(out.segmentTotals[segments[row]], c.monetary[row]);
  });

  // The values kept, then a second pass for their segment mix only (a column of near-unique values
  // must not cost values x segments).
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < all.size(); ++v)
    if (all[v].customers > 0) order.push_back(v);
  auto before = [&](uint32_t x, uint32_t y) {
    if (all[x].customers != all[y].customers) return all[x].customers > all[y].customers;
    return orders.attribute_value(a, x) < orders.attribute_value(a, y);
  };
  const size_t kept = std::min(order.size(), kMaxAttributeValues);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(), before);
  out.valuesOmitted = static_cast<int64_t>(order.size() - kept);
  std::vector<int32_t> slot(all.size(), -1);  // value -> its place in out.values
  for (size_t i = 0; i < kept; ++i) {
    slot[order[i]] = static_cast<int32_t>(i);
    out.values.push_back({std::string(orders.attribute_value(a, order[i])), all[order[i]], std::vector<Group>(segment_count)});
  }
  for_each_index(c.size(), [&](size_t row) {
    const int32_t v = value(row);
    const int32_t i = v < 0 ? -1 : slot[static_cast<size_t>(v)];
    if (i >= 0) add(out.values[static_cast<size_t>(i)].bySegment[segments[row]], c.monetary[row]);
  });
  return out;
}

}  // namespace

std::vector<AttributeProfile> compute_attributes(const OrderBook& orders, const std::vector<std::string>& names,
                                                 const CustomerTable& c, const std::vector<uint8_t>& segments,
                                                 size_t segment_count) {
  std::vector<AttributeProfile> out;
  for (size_t a = 0; a < orders.attribute_count(); ++a) {
    out.push_back(profile(orders, a, c, segments, segment_count));
    out.back().attribute = a < names.size() ? names[a] : std::string();
  }
  return out;
}

}  // namespace retention
