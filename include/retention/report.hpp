// What callers of the core see: options in, a report or an error out.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retention/clv.hpp"

namespace retention {

// Days since 1970-01-01 (proleptic Gregorian); the calendar date as written in the file.
using Date = int32_t;

// Money in millionths of the currency unit: exact sums, identical output natively and in wasm.
using Money = int64_t;
constexpr Money kMoneyScale = 1000000;

enum class ErrorCode {
  ok = 0,
  invalid_options,
  empty_input,
  no_data_rows,
  missing_column,
  unterminated_quote,
  invalid_json,
  not_text,      // binary or UTF-16 input
  rejected_row,  // strict mode: the first rejected row becomes an error
  no_orders,
  input_too_large,  // more than the engine holds at once (a JSON document, one line): known before memory runs out
  out_of_memory,    // memory ran out (raised by the wasm wrapper when the module aborts)
  internal,
};

const char* error_code_name(ErrorCode code);

// A fatal problem: the run stops. `line` is the 1-based file line (header = 1), 0 when none applies.
struct Error {
  ErrorCode code = ErrorCode::ok;
  std::string message;
  int64_t line = 0;
  explicit operator bool() const { return code != ErrorCode::ok; }
};

// "line 7: cannot read the date '2024-13-01'", or the bare message when no line applies.
std::string describe_error(const Error& error);

// Column roles (SPEC 3). An empty name means "detect from the header".
struct ColumnMapping {
  std::string customer, date, amount, order, refund, quantity, unitPrice, product, status, currency;
  std::vector<std::string> attributes;  // e.g. country, channel; detected from known names when empty
  std::vector<std::string> unused;      // roles switched off: never detected (e.g. a wrongly found "refund")
  // A per-customer summary (issue 14, format customers): first and last counted order, counted orders,
  // revenue (monetary), and optionally the distinct order days and, for the spend model to the cent,
  // the revenue of the counted orders and of those after the first order day.
  std::string firstOrder, lastOrder, orders, revenue, orderDays, countedRevenue, repeatRevenue;
};

struct RfThresholds {
  int32_t activeBelowDays = 90;   // active: recencyDays < activeBelowDays
  int32_t lapsedAboveDays = 365;  // lapsed: recencyDays > lapsedAboveDays
  int32_t multiOrders = 2;        // multi: frequency == multiOrders .. highValueOrders-1
  int32_t highValueOrders = 3;    // highValue: frequency >= highValueOrders
};

// `customers`: a per-customer summary (one row per customer), its file format detected as for automatic.
enum class InputFormat { automatic, csv, json, ndjson, customers };
// A named RFM segment (SPEC 4): inclusive score ranges {lo, hi} for R, F and M; the first matching rule wins.
// outsideActiveBand limits the rule to customers outside the RF matrix's active band
// (recencyDays >= activeBelowDays): a lapsed-type name is never given to someone who just bought.
struct SegmentRule {
  std::string name;
  std::array<int32_t, 2> r{1, 5}, f{1, 5}, m{1, 5};
  bool outsideActiveBand = false;
  // Optional plain-language texts (who these customers are, what to do next), passed through to the
  // report untouched, so a user's own rule table carries its own words (issue 10, point 2).
  std::string description, action;
};
// The default rule table, the one the R package `rfm` documents (SPEC 4).
std::vector<SegmentRule> default_segment_rules();
// The segment of customers that no rule matches.
constexpr const char* kOtherSegment = "Others";

// Churn-risk traffic light (SPEC 4). When a value model fitted, by default from P(alive): green when
// P(alive) >= pAliveGreen, amber when >= pAliveAmber, else red. Otherwise (or with basis gaps) from the
// gaps: green when recencyDays <= green x the expected gap, amber when <= amber x, else red.
enum class ChurnBasis { pAlive, gaps };
struct ChurnRiskMultipliers {
  double green = 1.5;
  double amber = 3.0;
  ChurnBasis basis = ChurnBasis::pAlive;  // pAlive falls back to the gaps when no model fitted
  double pAliveGreen = 0.5, pAliveAmber = 0.2;
};
// Whatever the basis, a light never contradicts P(alive) (SPEC 4): below this P(alive) no customer is
// green, above kNeverRedAbovePAlive none is red; such a light becomes amber.
constexpr double kNeverGreenBelowPAlive = 0.2;
constexpr double kNeverRedAbovePAlive = 0.8;

constexpr size_t kMaxHeldBytes = size_t{1} << 30;  // 1 GiB

// The default length of the summary's current period when no date range is given (issue 10).
constexpr int32_t kDefaultComparePeriodDays = 90;

struct Options {
  ColumnMapping columns;
  std::optional<Date> asOf;
  // Date range (issue 10): only orders dated from `from` to `to` (inclusive calendar days) are analysed.
  // With `to` and no asOf, asOf is `to`: the range's last day, as the default asOf is the data's.
  std::optional<Date> from, to;
  // The summary's current period when no range is given: this many days up to asOf.
  int32_t comparePeriodDays = kDefaultComparePeriodDays;
  RfThresholds rf;
  bool strict = false;
  InputFormat format = InputFormat::automatic;
  char delimiter = 0;         // 0: sniffed; ' ' reads a whitespace-aligned table
  char decimalSeparator = 0;  // 0: detected from the data
  int dayFirst = -1;          // -1: detected from the data; 0 month-first (M/D/YYYY); 1 day-first (D/M/YYYY)
  std::vector<SegmentRule> segments = default_segment_rules();
  ChurnRiskMultipliers churnRisk;
  ClvOptions clv;             // predicted customer value (retention/clv.hpp)
  bool keepRows = false;      // keep the rows as read, for Engine::rows_csv() (issue 14)
  // The most input the engine holds at once (issue 13): a JSON document is read whole, an NDJSON line
  // or a CSV record until it ends. Beyond it the run stops with input_too_large, before the wasm
  // heap (4 GB at most) runs out. Not an options-JSON key; lowered by tests.
  size_t maxHeldBytes = kMaxHeldBytes;
  // Issue 11: the seconds of each stage and the peak memory in diagnostics.measured. Off by default:
  // those figures differ between runs and between the native and wasm builds.
  bool measure = false;
};

// A row the engine did not use, with why (SPEC 3: counted, first few listed).
struct Warning {
  int64_t line = 0;
  std::string column;
  std::string message;
};

struct Summary {
  int64_t rowsRead = 0;
  int64_t rowsRejected = 0;
  int64_t rowsWithoutCustomer = 0;
  int64_t rowsExcluded = 0;  // a status saying no money moved
  int64_t customers = 0;
  int64_t customersWithoutOrders = 0;
  int64_t orders = 0;
  int64_t ordersAfterAsOf = 0;  // ignored: dated after asOf
  int64_t ordersOutsideRange = 0;  // left out: dated before `from` or after `to` (refunds included)
  Money revenue = 0;
  std::optional<Date> firstOrder, lastOrder, asOf;
};

constexpr std::array<const char*, 3> kRecencyNames{"active", "churning", "lapsed"};
constexpr std::array<const char*, 3> kFrequencyNames{"single", "multi", "highValue"};

// Rows = recency (active, churning, lapsed), columns = frequency (single, multi, highValue).
struct RfMatrix {
  RfThresholds thresholds;
  std::array<std::array<int64_t, 3>, 3> customers{};
  std::array<std::array<Money, 3>, 3> revenue{};
};

// What a careful analyst checks before trusting the numbers (SPEC 3).
struct DataQuality {
  std::string format;     // csv, text (whitespace-aligned), json, ndjson
  std::string encoding;   // ascii, utf-8, or windows-1252 (converted to UTF-8)
  std::string delimiter;  // for csv
  std::string dateFormat;
  std::string dayMonthOrder;  // month-first, day-first, or empty when no date needed it
  bool datesAmbiguous = false;  // every such date fitted both orders: month-first was assumed
  int64_t ambiguousDateRows = 0;
  int64_t dayMonthDecidedOnLine = 0;
  std::string decimalSeparator;
  bool decimalSeparatorAssumed = false;
  int64_t decimalSeparatorDecidedOnLine = 0;
  std::vector<std::pair<std::string, int64_t>> currencies;        // code -> rows
  std::vector<std::pair<std::string, int64_t>> excludedStatuses;  // status -> rows
  int64_t ordersWithSeveralCustomers = 0;
  std::vector<std::string> sharedOrderIds;  // a few examples
  int64_t ordersMergedFromRows = 0;
  int64_t rowsMerged = 0;
  // Several files as one (issue 14): an order id already read from an earlier file is that file's
  // order (overlapping exports): its rows in later files are skipped and counted here.
  int64_t files = 1;
  int64_t duplicateOrders = 0, duplicateRows = 0;
  struct Outlier {
    std::string customer;
    Date date = 0;
    Money amount = 0;
  };
  int64_t outlierOrders = 0;  // counted orders above outlierThreshold
  Money outlierThreshold = 0;  // Q3 + 3 x IQR of counted order amounts; 0 when too few orders
  std::vector<Outlier> largestOrders;
  // Issue 13: values too far from any real order to be summed or charted, with what became of them.
  int64_t amountsAboveLimit = 0;   // rows rejected: one amount beyond the plausible limit
  int64_t rowsBeyondSumLimit = 0;  // rows rejected: the amounts would add up past what sums exactly
  int64_t datesBefore1970 = 0;     // rows rejected: a year before 1970 (a typo such as 0024)
  int64_t farFutureOrders = 0;     // orders more than a year after all others: left after asOf
  std::optional<Date> firstFarFutureDate;
};

// The date range applied (issue 10), with what it left out and the whole file's span (for choosing one).
struct DateRange {
  std::optional<Date> from, to;             // as given; none = open
  int64_t ordersBefore = 0, ordersAfter = 0;  // orders (refunds included) outside the range
  std::optional<Date> firstOrder, lastOrder;  // counted orders of the whole file, before the range
};

// The summary's figures over one span of days: customers with a counted order in it, their counted
// orders and their net revenue in it (refunds included), and how many of them ordered twice or more.
// As the summary of an analysis of that span alone (with asOf its last day) would give them.
struct PeriodKpis {
  Date from = 0, to = 0;
  int64_t customers = 0, orders = 0, repeatCustomers = 0;
  Money revenue = 0;
};

// A period to compare with; unavailable (with why) when the file does not cover it.
struct ComparedPeriod {
  PeriodKpis kpis;
  bool available = false;
  std::string reason;
};

// Period over period on the summary (issue 10): the current period (the date range, or the last
// comparePeriodDays days up to asOf) against the period of equal length before it and the same dates
// a year earlier, all from the whole file's orders (a date range leaves out the orders they need).
struct PeriodComparison {
  bool fromRange = false;  // the current period is the date range (else the last comparePeriodDays days)
  PeriodKpis current;
  ComparedPeriod previous, lastYear;
};

// The cell index used everywhere below: recency band x 3 + frequency band (0 = active/single ... 8 = lapsed/highValue).
constexpr size_t kRfCells = 9;
// "active/single" ... "lapsed/highValue": how RF cells are named in the report and for segment export.
std::string rf_cell_name(size_t cell);

// RFM scores (SPEC 4). The customers who got one score and the range of their values: the thresholds.
struct ScoreBand {
  int64_t customers = 0;
  int64_t min = 0, max = 0;  // recency days, orders, or Money (for monetary)
};

// A named segment's figures; monetary is the historical CLV (SPEC 4).
struct SegmentStats {
  std::string name;
  std::optional<SegmentRule> rule;  // none for Others
  int64_t customers = 0;
  Money revenue = 0;
  Money averageMonetary = 0, medianMonetary = 0;
  double averageRecencyDays = 0, averageFrequency = 0;
};

struct Rfm {
  std::array<std::array<ScoreBand, 5>, 3> scores{};  // [recency, frequency, monetary][score - 1]
  std::vector<SegmentStats> segments;                // the rules in order, then Others
};

// One period of the retention series (SPEC 4): start = customers active in the period before,
// retained = those of them active in this one, newCustomers = first order in this one.
struct PeriodRetention {
  std::string period;  // "2024-03", "2024-Q1" or "2024"
  int64_t active = 0, start = 0, retained = 0, newCustomers = 0;
};

// Days between consecutive counted orders of a customer; quantiles as numpy's default (linear).
struct GapStats {
  int64_t count = 0;
  double median = 0, mean = 0, p75 = 0, p90 = 0;
  // Histogram: counts[i] = gaps in [i * binDays, (i + 1) * binDays); the last bin also holds every
  // longer gap. binDays is a round span (1, 2, 5, 7, 14, 30 ... days) giving at most kMaxGapBins bins
  // up to the 99th-percentile gap, so one extreme customer does not squash the picture.
  int32_t binDays = 0;
  std::vector<int64_t> histogram;
};
constexpr int32_t kMaxGapBins = 40;

struct Retention {
  std::array<int64_t, 11> withAtLeast{};  // [n - 1]: customers with at least n counted orders
  GapStats gaps;
  std::vector<PeriodRetention> monthly, quarterly, yearly;
};

// Monthly acquisition cohorts, from the first cohort's month to the month of asOf (SPEC 4), at most
// kMaxCohortMonths of them: the table grows with the square of its months, and one mistyped year
// (0201 for 2021) must not make it take gigabytes.
constexpr int32_t kMaxCohortMonths = 600;
struct Cohorts {
  int64_t customersOmitted = 0;                 // first order before the earliest month kept
  std::vector<std::string> months;              // "YYYY-MM"
  std::vector<int64_t> size;                    // per cohort
  std::vector<std::vector<int64_t>> customers;  // [cohort][months after the cohort month]
  std::vector<std::vector<Money>> revenue;
};

// Exact sums; the report prints them as shares of `total`.
struct Pareto {
  int64_t topCustomers = 0;  // ceil(0.2 n)
  Money total = 0, top = 0;
  std::array<Money, 101> lorenz{};  // [i]: monetary of the floor(i n / 100) lowest customers
};

enum class Light : uint8_t { green, amber, red };
constexpr std::array<const char*, 3> kLightNames{"green", "amber", "red"};

struct ChurnRisk {
  ChurnRiskMultipliers multipliers;
  bool byPAlive = false;  // the lights come from P(alive) (basis pAlive, and a model fitted)
  // A one-time buyer's expected gap: the 90th percentile of first-to-second-order gaps (the time
  // within which most second orders happen), or the RF active window when no one bought twice.
  double singleOrderExpectedGapDays = 0;
  int64_t secondOrders = 0;                // customers with a second order: the gaps behind that percentile
  int64_t clampedByPAlive = 0;             // lights set to amber so as not to contradict P(alive)
  std::array<int64_t, 3> customers{};      // green, amber, red
};

// RF cell a year before asOf (asOf - 365 days) versus at asOf.
struct Migration {
  Date from = 0;
  std::array<std::array<int64_t, kRfCells>, kRfCells + 1> customers{};  // [0 = new, 1 + cell then][cell now]
};

struct SpanTotals {
  std::array<Money, kRfCells> revenue{};
  std::array<int64_t, kRfCells> orders{}, customers{};
};

// A span up to asOf and the same span a year earlier, each by the RF cell customers were in at its end.
struct SpanComparison {
  Date from = 0, to = 0, previousFrom = 0, previousTo = 0;
  SpanTotals current, previous;
};

struct Performance {
  SpanComparison monthToDate, yearToDate;
};

struct ProductRevenue {
  std::string product;
  Money revenue = 0;
  int64_t customers = 0;
};

// Top 5 products by revenue per RF cell and per RFM segment; only with a product column.
struct TopProducts {
  bool available = false;
  std::array<std::vector<ProductRevenue>, kRfCells> byRfCell;
  std::vector<std::vector<ProductRevenue>> bySegment;  // in the order of Rfm::segments
};

struct Group {
  int64_t customers = 0;
  Money revenue = 0;
};

struct AttributeValue {
  std::string value;
  Group all;
  std::vector<Group> bySegment;  // in the order of Rfm::segments
};

// Customers, revenue and RFM segment mix per value of one attribute column (country, channel ...).
struct AttributeProfile {
  std::string attribute;
  int64_t customersWithoutValue = 0;
  int64_t valuesOmitted = 0;         // beyond the kMaxAttributeValues largest values
  std::vector<Group> segmentTotals;  // over the customers with a value
  std::vector<AttributeValue> values;
};
constexpr size_t kMaxAttributeValues = 50;

// Per-customer results (SPEC 5): beside the report, column by column; row i is one analysed customer.
struct CustomerResults {
  std::string idBytes;
  std::vector<size_t> idOffsets;  // id i = idBytes[idOffsets[i], idOffsets[i + 1]); 64-bit natively, no wrap past 4 GiB
  std::vector<Date> firstOrder, lastOrder;
  std::vector<int32_t> recencyDays, frequency;
  std::vector<Money> monetary;
  std::vector<uint8_t> r, f, m;  // RFM scores 1..5
  std::vector<uint8_t> rfCell;   // see kRfCells
  std::vector<uint8_t> segment;  // index into Rfm::segments
  std::vector<uint8_t> churnRisk;  // Light
  ClvColumns value;                // P(alive), expected purchases and order value, CLV: empty without a model

  size_t size() const { return recencyDays.size(); }
  std::string_view id(size_t i) const { return std::string_view(idBytes).substr(idOffsets[i], idOffsets[i + 1] - idOffsets[i]); }
};

// A report section the input cannot give, and why in plain words (a per-customer summary has no
// order-level rows: no retention by period, cohorts, purchase gaps ...).
struct UnavailableSection {
  std::string section;  // the report key, e.g. "cohorts" or "retention.gaps"
  std::string reason;
};

// What kind of table was read: "orders" (one row per order or line item) or "customers" (issue 14).
struct InputInfo {
  std::string format = "orders";
  std::vector<UnavailableSection> unavailableSections;
};

struct Report {
  Summary summary;
  InputInfo input;
  std::string preset;                                         // the known export layout that matched
  std::vector<std::pair<std::string, std::string>> columns;  // role -> header name, in role order
  std::vector<std::string> attributeColumns;                  // header names of the attribute columns
  DataQuality dataQuality;
  DateRange dateRange;
  PeriodComparison comparison;
  RfMatrix rfMatrix;
  Rfm rfm;
  Retention retention;
  Cohorts cohorts;
  Pareto pareto;
  ChurnRisk churnRisk;
  Migration migration;
  Performance performance;
  TopProducts topProducts;
  std::vector<AttributeProfile> attributes;
  ModelReport model;  // predicted customer value (retention/clv.hpp)
  std::vector<Warning> warnings;  // the first kMaxWarnings rejected rows
  // With options.measure: what the run cost (src/measure.hpp says how each figure is taken).
  struct Stage {
    std::string name;  // read, customers, value, analyses
    double seconds = 0;
  };
  struct Measured {
    int64_t inputBytes = 0;
    int64_t peakMemoryBytes = 0;
    std::vector<Stage> stages;
  };
  std::optional<Measured> measured;
};

constexpr size_t kMaxWarnings = 100;

// The report as one JSON document (SPEC 5), camelCase keys.
std::string to_json(const Report& report);
// A short plain-text reading of the report for terminals.
std::string to_text(const Report& report);
// Options from a JSON object such as {"asOf":"2024-01-31","columns":{"customer":"email"}}.
Error parse_options_json(const std::string& json, Options& out);
// A segment rule table, as for the "segments" option: [{"name", "r": [lo, hi], "f", "m"} ...],
// or an object holding it under "segments" (the CLI's --segments FILE).
Error parse_segments_json(const std::string& json, std::vector<SegmentRule>& out);
// "2024-03-05" for a Date.
std::string format_date(Date date);

// The customers of one RF cell ("active/single" ...) or RFM segment ("Champions" ...) as CSV for an
// email tool: the customer column, then the per-customer metrics (RFC 4180, CRLF).
Error export_segment_csv(const Report& report, const CustomerResults& customers, std::string_view segment,
                         std::string& out);

}  // namespace retention
