// The CDNOW files in tests/data/cdnow (README there: origins and published values), read for
// the lifetime-value tests, and the checks those tests share.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/clv/optimizer.hpp"
#include "analytics/clv/summary.hpp"
#include "ingest/dates.hpp"

namespace cdnow {

inline std::string path(const std::string& name) { return std::string(RETENTION_TEST_DATA) + "/cdnow/" + name; }

inline std::vector<std::vector<std::string>> csv_rows(const std::string& name) {
  std::ifstream in(path(name));
  REQUIRE_MESSAGE(in.good(), "cannot open " << path(name));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream s(line);
    for (std::string f; std::getline(s, f, ',');) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

// cdnow_customers_summary.csv (ID,frequency,recency,T) or ..._with_transactions.csv (ID,x,t_x,T,zbar):
// 2,357 customers in weeks, calibration to 1997-09-30, as lifetimes fits them.
inline retention::clv::CustomerSummary summary(const std::string& name = "cdnow_customers_summary_with_transactions.csv") {
  retention::clv::CustomerSummary s;
  for (const auto& f : csv_rows(name)) {
    s.x.push_back(std::atoi(f[1].c_str()));
    s.tx.push_back(std::atof(f[2].c_str()));
    s.T.push_back(std::atof(f[3].c_str()));
    s.zbar.push_back(f.size() > 4 ? std::atof(f[4].c_str()) : 0);
    s.holdout.push_back(0);
  }
  return s;
}

// CDNOW_sample.txt: master_id sample_id YYYYMMDD cds dollars, 6,919 purchases of 2,357 customers
// (sample ids 1..2357), every purchase kept, $0.00 ones too (as BTYD and lifetimes read it).
struct Log {
  size_t customers = 0;
  std::vector<int32_t> customer;
  std::vector<retention::Date> date;
  std::vector<retention::Money> value;
};

inline Log transactions() {
  std::ifstream in(path("CDNOW_sample.txt"));
  REQUIRE(in.good());
  Log log;
  std::string master, day;
  int id = 0, cds = 0;
  double dollars = 0;
  while (in >> master >> id >> day >> cds >> dollars) {
    log.customer.push_back(id - 1);
    log.date.push_back(*retention::parse_date(day));
    log.value.push_back(static_cast<retention::Money>(dollars * 100 + 0.5) * (retention::kMoneyScale / 100));
    log.customers = std::max(log.customers, static_cast<size_t>(id));
  }
  return log;
}

inline retention::Date day(const char* iso) { return *retention::parse_date(iso); }

// A value rounded to `digits` significant digits, to compare with published figures.
inline double sig(double v, int digits) {
  double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(std::fabs(v))));
  return std::round(v * scale) / scale;
}

// The summary of the raw purchases in weeks, calibration to 1997-09-30 and holdout to 1998-06-30,
// with exact times (as BTYD and CLVTools build it).
inline retention::clv::CustomerSummary exact_summary() {
  Log log = transactions();
  return retention::clv::summarise(log.customers, log.customer, log.date, log.value,
                                   {day("1997-09-30"), day("1998-06-30"), retention::TimeUnit::weeks});
}

// The gradient of a log-likelihood (with respect to log-parameters) against central differences.
inline void check_gradient(const retention::clv::LogLikelihood& ll, const std::vector<double>& p) {
  std::vector<double> g;
  CHECK(ll(p, &g) == doctest::Approx(ll(p, nullptr)).epsilon(1e-14));
  for (size_t i = 0; i < p.size(); ++i) {
    const double step = 1e-4;  // truncation ~1e-8, rounding of a 2,000-term sum well below the tolerance
    auto up = p, down = p;
    up[i] *= std::exp(step);
    down[i] *= std::exp(-step);
    CHECK(g[i] == doctest::Approx((ll(up, nullptr) - ll(down, nullptr)) / (2 * step)).epsilon(1e-6));
  }
}

}  // namespace cdnow
