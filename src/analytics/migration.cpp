#include "analytics/migration.hpp"

#include "analytics/rf_matrix.hpp"
#include "model/blocks.hpp"

namespace retention {

Migration compute_migration(const CustomerTable& c, const RfThresholds& rf, const std::vector<uint8_t>& cells) {
  Migration m;
  m.from = c.asOf - 365;
  for_each_index(c.size(), [&](size_t i) { ++m.customers[static_cast<size_t>(rf_cell_at(c, i, m.from, rf) + 1)][cells[i]]; });
  return m;
}

}  // namespace retention
