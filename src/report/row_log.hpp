// The rows as the engine read them, as a plain table (customer, order, date, amount, status) that a
// warehouse loads and the generated SQL reads (issue 14): `retention-kit rows FILE`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "retention/report.hpp"

namespace retention {

class RowLog {
 public:
  // A row the engine used or excluded. Its date is kept both ways until the file's day/month
  // order is known; an empty customer means "no customer".
  void add(std::string_view customer, std::string_view order, bool has_date, Date month_first, Date day_first,
           bool has_amount, Money amount, std::string_view status);
  // RFC 4180 CSV with CRLF; dates as YYYY-MM-DD, amounts exact (refunds already subtracted).
  std::string csv(bool day_first) const;

 private:
  struct Entry {
    std::string customer, order, status;
    bool has_date, has_amount;
    Date month_first, day_first;
    Money amount;
  };
  std::vector<Entry> rows_;
};

}  // namespace retention
