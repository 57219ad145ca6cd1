#include "report/unavailable_sections.hpp"

#include <string>

namespace retention {

std::vector<UnavailableSection> sections_without_order_rows(const Options& options, const ChurnRisk& churn_risk) {
  const std::string only_totals = " A customer summary has each customer's totals and first and last order, not the orders.";
  std::vector<UnavailableSection> out{
      {"retention.gaps", "Days between orders need the date of every order." + only_totals},
      {"retention.monthly", "Retention by month needs to know in which months each customer ordered." + only_totals},
      {"retention.quarterly", "Retention by quarter needs to know in which quarters each customer ordered." + only_totals},
      {"retention.yearly", "Retention by year needs to know in which years each customer ordered." + only_totals},
      {"cohorts", "Cohorts need the month of every order, to see when each group of new customers came back." +
                      only_totals},
      {"migration", "Where customers stood a year ago needs their orders up to then." + only_totals},
      {"performance", "Month-to-date and year-to-date sales need the date and amount of every order." + only_totals},
      {"comparison", "Comparing this period with the one before and with last year needs the date and amount of "
                     "every order." + only_totals},
      {"topProducts", "Top products need the products of every order." + only_totals},
      {"dataQuality.outliers", "Unusually large orders can only be found among the orders themselves." + only_totals},
  };
  if (!churn_risk.byPAlive)
    out.push_back({"churnRisk.singleOrderExpectedGapDays",
                   "How long one-time buyers usually take to order again comes from the dates of second orders; "
                   "the active window (" + std::to_string(options.rf.activeBelowDays) +
                       " days) is used instead." + only_totals});
  if (options.clv.model != ClvModel::none && options.clv.calibrationEnd)
    out.push_back({"model.validation", "Checking predictions against what customers bought after the calibration "
                                       "date needs the orders after it." + only_totals});
  return out;
}

}  // namespace retention
