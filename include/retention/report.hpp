// What callers of the core see: options in, a report or an error out.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
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
};

struct RfThresholds {
  int32_t activeBelowDays = 90;   // active: recencyDays < activeBelowDays
  int32_t lapsedAboveDays = 365;  // lapsed: recencyDays > lapsedAboveDays
  int32_t multiOrders = 2;        // multi: frequency == multiOrders .. highValueOrders-1
  int32_t highValueOrders = 3;    // highValue: frequency >= highValueOrders
};

enum class InputFormat { automatic, csv, json, ndjson };

struct Options {
  ColumnMapping columns;
  std::optional<Date> asOf;
  RfThresholds rf;
  bool strict = false;
  InputFormat format = InputFormat::automatic;
  char delimiter = 0;         // 0: sniffed; ' ' reads a whitespace-aligned table
  char decimalSeparator = 0;  // 0: detected from the data
  int dayFirst = -1;          // -1: detected from the data; 0 month-first (M/D/YYYY); 1 day-first (D/M/YYYY)
  ClvOptions clv;             // predicted customer value (retention/clv.hpp)
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
  struct Outlier {
    std::string customer;
    Date date = 0;
    Money amount = 0;
  };
  int64_t outlierOrders = 0;  // counted orders above outlierThreshold
  Money outlierThreshold = 0;  // Q3 + 3 x IQR of counted order amounts; 0 when too few orders
  std::vector<Outlier> largestOrders;
};

struct Report {
  Summary summary;
  std::string preset;                                         // the known export layout that matched
  std::vector<std::pair<std::string, std::string>> columns;  // role -> header name, in role order
  std::vector<std::string> attributeColumns;                  // header names of the attribute columns
  DataQuality dataQuality;
  RfMatrix rfMatrix;
  ModelReport model;  // predicted customer value (retention/clv.hpp)
  std::vector<Warning> warnings;  // the first kMaxWarnings rejected rows
};

constexpr size_t kMaxWarnings = 100;

// The report as one JSON document (SPEC 5), camelCase keys.
std::string to_json(const Report& report);
// A short plain-text reading of the report for terminals.
std::string to_text(const Report& report);
// Options from a JSON object such as {"asOf":"2024-01-31","columns":{"customer":"email"}}.
Error parse_options_json(const std::string& json, Options& out);
// "2024-03-05" for a Date.
std::string format_date(Date date);

}  // namespace retention
