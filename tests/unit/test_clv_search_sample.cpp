// Large files search for the fit on a sample of the customers, then polish on everyone (issue 11):
// the estimates must be the whole data's optimum, as a search over every history finds it.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <random>

#include "analytics/clv/bgnbd.hpp"
#include "analytics/clv/pareto_nbd.hpp"
#include "analytics/clv/summary.hpp"

using namespace retention::clv;

namespace {

// Customers drawn from the BG/NBD process (Fader, Hardie & Lee 2005) with r 0.5, alpha 6 weeks,
// a 0.9, b 2.6, first purchases spread over 104 weeks, times in whole days as in an order file.
CustomerSummary simulated(size_t n, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::gamma_distribution<double> lambda_of(0.5, 1 / 6.0);
  std::gamma_distribution<double> beta_a(0.9, 1), beta_b(2.6, 1);
  std::uniform_real_distribution<double> uniform(0, 1);
  CustomerSummary s;
  for (size_t c = 0; c < n; ++c) {
    const double lambda = lambda_of(random), ga = beta_a(random), p = ga / (ga + beta_b(random));
    const double T = std::ceil(uniform(random) * 728) / 7;
    double t = 0, last = 0;
    int32_t x = 0;
    for (;;) {
      t += -std::log(1 - uniform(random)) / lambda;
      if (t > T) break;
      ++x;
      last = std::floor(t * 7) / 7;
      if (uniform(random) < p) break;
    }
    s.x.push_back(x);
    s.tx.push_back(x > 0 ? last : 0);
    s.T.push_back(T);
    s.zbar.push_back(x > 0 ? 10 : 0);
    s.holdout.push_back(0);
  }
  return s;
}

double relative(double a, double b) { return std::fabs(a - b) / std::fabs(b); }

}  // namespace

TEST_CASE("the search sample keeps every kind of history in its share and stands for every customer") {
  const Histories h = compress(simulated(150000, 1));
  REQUIRE(h.rows.size() > kSearchRows);
  const Histories sample = search_sample(h);
  CHECK(sample.rows.size() <= static_cast<size_t>(kSearchCustomers) + 1);
  CHECK(relative(sample.customers, h.customers) < 1e-9);
  // Each repeat count's share of customers is kept to within one sampled customer's weight.
  std::map<int32_t, double> full, drawn;
  for (const auto& row : h.rows) full[h.xs[row.x]] += row.weight;
  for (const auto& row : sample.rows) drawn[sample.xs[row.x]] += row.weight;
  const double step = h.customers / kSearchCustomers;
  for (const auto& [x, weight] : full) CHECK_MESSAGE(std::fabs(drawn[x] - weight) <= step + 1e-6, "x = " << x);
  // Histories few enough are searched whole.
  CHECK(search_sample(compress(simulated(3000, 2))).rows.empty());
}

TEST_CASE("a fit searched on the sample ends at the optimum a search over every history finds") {
  const Histories h = compress(simulated(150000, 3));
  REQUIRE(h.rows.size() > kSearchRows);
  const std::vector<Vector> starts = {{1, 1 / h.repeat_rate(), 1, 1}, {0.5, 0.5 / h.repeat_rate(), 0.5, 2}};
  struct Model {
    LogLikelihood (*likelihood)(const Histories&);
    std::vector<std::string> names;
  };
  for (const Model& model : {Model{mbgnbd_likelihood, {"r", "alpha", "a", "b"}}, Model{bgnbd_likelihood, {"r", "alpha", "a", "b"}},
                             Model{pareto_nbd_likelihood, {"r", "alpha", "s", "beta"}}}) {
    const retention::ModelFit searched = fit_histories(model.names, model.likelihood, h, starts, 0);
    const retention::ModelFit everyone = fit_model(model.names, model.likelihood(h), h.customers, starts, 0);
    REQUIRE_MESSAGE(searched.error.empty(), searched.error);
    REQUIRE_MESSAGE(everyone.error.empty(), everyone.error);
    CHECK(searched.convergence.sampledCustomers == static_cast<int64_t>(kSearchCustomers));
    CHECK(searched.convergence.sampleEvaluations > 0);
    CHECK(everyone.convergence.sampledCustomers == 0);
    CHECK(searched.convergence.evaluations < everyone.convergence.evaluations);
    // The polish starts from the sample's curvature: a few steps, not a second search.
    CHECK_MESSAGE(searched.convergence.evaluations <= 8, searched.convergence.evaluations);
    for (size_t i = 0; i < model.names.size(); ++i) {
      CHECK_MESSAGE(relative(searched.parameters[i], everyone.parameters[i]) < 1e-6, model.names[i]);
      CHECK_MESSAGE(relative(searched.standardErrors[i], everyone.standardErrors[i]) < 1e-4, model.names[i]);
    }
    CHECK(relative(searched.logLikelihood, everyone.logLikelihood) < 1e-12);
  }
}
