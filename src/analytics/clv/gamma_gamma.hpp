// Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value"; Fader,
// Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", JMR 42(4)):
// a customer's transaction values are Gamma(p, nu) with nu ~ Gamma(q, v), independent of how often
// she buys. Fitted on the mean value zbar of the x repeat transactions of repeat customers.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/clv/optimizer.hpp"
#include "analytics/clv/summary.hpp"

namespace retention::clv {

struct GammaGamma {
  double p = 0, q = 0, v = 0;

  static GammaGamma from(const Vector& params) { return {params[0], params[1], params[2]}; }
  // E(Z) = p v / (q - 1): the mean transaction value of the population (finite for q > 1).
  double population_mean() const { return p * v / (q - 1); }
  // E(Z | x, zbar): the population mean shrunk toward the customer's own mean (FHL 2005 eq. (5));
  // a customer without repeat transactions (x = 0) gets the population mean.
  double expected_value(int32_t x, double zbar) const {
    return x == 0 ? population_mean() : p * (v + x * zbar) / (p * x + q - 1);
  }
};

// The repeat customers' (x, zbar) with identical pairs as one weighted row.
struct Spend {
  struct Row {
    uint32_t x;  // index into xs
    double zbar, log_zbar;
    double weight;
  };
  std::vector<int32_t> xs;
  std::vector<Row> rows;
  double customers = 0;
};

// Customers with x > 0 and zbar > 0.
Spend spend_of(const CustomerSummary& summary);

// Fader & Hardie 2013 eq. (5) in logs, with the gradient with respect to log(p, q, v).
LogLikelihood gamma_gamma_likelihood(const Spend& spend);

ModelFit fit_gamma_gamma(const Spend& spend, double penalty);

}  // namespace retention::clv
