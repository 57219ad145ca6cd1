#include "analytics/attributes.hpp"

#include <algorithm>

namespace retention {

namespace {

void add(Group& g, Money monetary) {
  ++g.customers;
  g.revenue += monetary;
}

AttributeProfile profile(const OrderBook& orders, size_t a, const CustomerTable& c, const std::vector<uint8_t>& segments,
                         size_t segment_count) {
  const std::vector<int32_t>& value_of = orders.customer_attribute(a);
  const size_t values = orders.attribute_value_count(a);
  AttributeProfile out;
  out.segmentTotals.resize(segment_count);
  std::vector<Group> all(values);
  std::vector<Group> by_segment(values * segment_count);  // [value * segment_count + segment]
  for (size_t row = 0; row < c.size(); ++row) {
    const uint32_t customer = c.customer[row];
    const int32_t v = customer < value_of.size() ? value_of[customer] : -1;
    if (v < 0) {
      ++out.customersWithoutValue;
      continue;
    }
    const Money monetary = c.monetary[row];
    add(all[static_cast<size_t>(v)], monetary);
    add(by_segment[static_cast<size_t>(v) * segment_count + segments[row]], monetary);
    add(out.segmentTotals[segments[row]], monetary);
  }

  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < values; ++v)
    if (all[v].customers > 0) order.push_back(v);
  auto before = [&](uint32_t x, uint32_t y) {
    if (all[x].customers != all[y].customers) return all[x].customers > all[y].customers;
    return orders.attribute_value(a, x) < orders.attribute_value(a, y);
  };
  const size_t kept = std::min(order.size(), kMaxAttributeValues);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(), before);
  out.valuesOmitted = static_cast<int64_t>(order.size() - kept);
  for (size_t i = 0; i < kept; ++i) {
    const uint32_t v = order[i];
    auto first = by_segment.begin() + static_cast<std::ptrdiff_t>(v * segment_count);
    out.values.push_back({std::string(orders.attribute_value(a, v)), all[v],
                          std::vector<Group>(first, first + static_cast<std::ptrdiff_t>(segment_count))});
  }
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
