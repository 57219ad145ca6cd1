// Wires the one-way flow: bytes -> records -> rows -> orders -> customers -> analytics -> report.
#include "retention/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "analytics/attributes.hpp"
#include "analytics/churn_risk.hpp"
#include "analytics/cohorts.hpp"
#include "analytics/migration.hpp"
#include "analytics/pareto.hpp"
#include "analytics/performance.hpp"
#include "analytics/period_comparison.hpp"
#include "analytics/products.hpp"
#include "analytics/clv/clv.hpp"
#include "analytics/rf_matrix.hpp"
#include "analytics/retention.hpp"
#include "analytics/rfm.hpp"
#include "ingest/columns.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/csv_scan.hpp"
#include "ingest/dates.hpp"
#include "ingest/encoding.hpp"
#include "ingest/money.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/row_mapper.hpp"
#include "ingest/sniff.hpp"
#include "ingest/summary_columns.hpp"
#include "ingest/summary_mapper.hpp"
#include "ingest/text.hpp"
#include "model/blocks.hpp"
#include "model/customer_table.hpp"
#include "model/customer_totals.hpp"
#include "model/order_book.hpp"
#include "model/plausibility.hpp"
#include "model/select.hpp"
#include "measure.hpp"
#include "report/row_log.hpp"
#include "report/unavailable_sections.hpp"

namespace retention {

namespace {

// The first two lines decide the format; longer ones are sniffed from this much.
constexpr size_t kMaxSniffBytes = 1 << 16;
// Rows that wait for the decimal separator (`1,234` before any `12.50`); past this '.' is assumed.
constexpr size_t kMaxPendingRows = 100000;

// A record copied out of the reader's buffer, to be read once the decimal separator is known.
struct PendingRow {
  int64_t line = 0;
  std::string bytes;
  std::vector<size_t> ends;
};

// Counts rows per distinct value (currencies, excluded statuses), in order of first sight.
struct ValueCounts {
  StringInterner values;
  std::vector<int64_t> rows;
  void add(std::string_view value) {
    bool added = false;
    uint32_t id = values.intern(value, added);
    if (added) rows.push_back(0);
    ++rows[id];
  }
  std::vector<std::pair<std::string, int64_t>> list() const {
    std::vector<std::pair<std::string, int64_t>> out;
    for (uint32_t i = 0; i < values.size(); ++i) out.emplace_back(values[i], rows[i]);
    return out;
  }
};

}  // namespace

struct Engine::Impl : RecordConsumer {
  Options options;
  Error error;
  Report report;
  CustomerResults per_customer;
  bool finished = false;

  Transcoder transcoder;
  std::string raw_start;  // the first two bytes as given, to recognise UTF-16
  std::string prefix;     // input held back until the first lines are complete
  std::unique_ptr<RecordReader> reader;
  std::optional<RowMapper> mapper;  // once the header is read
  Row row_;  // the row being read: one for all rows, as clearing a new one cost more than reading it (issue 11)
  std::string reason_;  // why the row being read was rejected
  std::optional<SummaryMapper> summary_mapper;  // instead, when the file is a per-customer summary (issue 14)
  CustomerTotals totals;
  OrderBook orders;
  StringInterner excluded_orders;  // order ids whose status says no money moved
  std::vector<PendingRow> pending;
  ValueCounts currencies, excluded_statuses;
  RowLog row_log;  // options.keepRows
  // Several files as one: orders numbered below file_first_order are from earlier files.
  size_t file_first_order = 0;
  std::vector<bool> duplicate_seen;  // per earlier order: already counted as a duplicate
  std::vector<std::string> first_attribute_headers;  // a later file adds attributes only under these names
  std::string rows_csv;
  MoneyBudget money_budget;  // keeps every later money sum exact (model/plausibility.hpp)
  Report::Measured measured;  // options.measure

  Report::Measured* measuring() { return options.measure ? &measured : nullptr; }

  explicit Impl(Options o) : options(std::move(o)) {}

  // A row the analysis cannot use: counted, the first ones listed; fatal in strict mode.
  RETENTION_RARE bool reject(int64_t line, const std::string& column, std::string message) {
    ++report.summary.rowsRejected;
    if (options.strict) {
      error = {ErrorCode::rejected_row, message + " (strict mode rejects any bad row)", line};
      return false;
    }
    if (report.warnings.size() < kMaxWarnings) report.warnings.push_back({line, column, std::move(message)});
    return true;
  }

  bool on_record(const CsvRecord& record) override {
    // A line of only spaces and delimiters (",,,," at the end of spreadsheet exports) holds nothing.
    // Checked up to the first value: a loop over every field was 1% of reading's instructions.
    if (std::all_of(record.fields.begin(), record.fields.end(), [](std::string_view f) { return trim(f).empty(); }))
      return true;
    if (!mapper && !summary_mapper) return on_header(record);
    ++report.summary.rowsRead;
    if (summary_mapper) return on_summary_row(record);
    if (!on_row(record)) return false;
    if (!pending.empty() && mapper->decimal_separator()) return replay_pending();
    return true;
  }

  // A first line of only numbers and dates is data: the file has no header row (CDNOW_sample.txt).
  static bool is_data_line(const CsvRecord& record) {
    if (record.fields.size() < 2) return false;
    for (std::string_view f : record.fields) {
      f = trim(f);
      if (!f.empty() && !parse_money(f) && read_date(f).form == DateForm::invalid) return false;
    }
    return true;
  }

  // Issue 14: a per-customer summary when the option says so, or when the header reads as one and no
  // order column is named.
  bool reads_summary(const std::vector<std::string_view>& header) const {
    if (options.format == InputFormat::customers) return true;
    const ColumnMapping& c = options.columns;
    const bool order_roles_named = !c.date.empty() || !c.amount.empty() || !c.order.empty() || !c.quantity.empty();
    return !order_roles_named && is_summary_header(header, c);
  }

  bool on_summary_header(const std::vector<std::string_view>& header, int64_t line) {
    if (report.dataQuality.files > 1) {
      error = {ErrorCode::invalid_options,
               "a customer summary is read as one file: several files as one are order files", line};
      return false;
    }
    SummaryColumns columns;
    if ((error = resolve_summary_columns(header, options.columns, line, columns))) return false;
    DayMonthOrder order = options.dayFirst < 0   ? DayMonthOrder::undecided
                          : options.dayFirst > 0 ? DayMonthOrder::day_first
                                                 : DayMonthOrder::month_first;
    totals = CustomerTotals(columns.attributes.size());
    summary_mapper.emplace(std::move(columns), order, options.decimalSeparator);
    return true;
  }

  RETENTION_RARE bool on_summary_row(const CsvRecord& record) {
    SummaryRow row;
    std::string reason;
    SummaryRole role = SummaryRole::customer;
    const SummaryColumns& columns = summary_mapper->columns();
    switch (summary_mapper->map(record, row, reason, role)) {
      case SummaryOutcome::no_customer: ++report.summary.rowsWithoutCustomer; return true;
      case SummaryOutcome::rejected: return reject(record.line, columns.header[static_cast<size_t>(role)], std::move(reason));
      case SummaryOutcome::misaligned: return reject(record.line, std::string(), std::move(reason));
      case SummaryOutcome::ok: break;
    }
    if (!money_budget.take(row.revenue, row.counted_revenue.value_or(0))) {
      ++report.dataQuality.rowsBeyondSumLimit;
      return reject(record.line, columns.header[static_cast<size_t>(SummaryRole::revenue)],
                    "the revenues so far add up to more than can be summed exactly: this row is left out");
    }
    int64_t earlier = 0;
    uint32_t customer = 0;
    if (!totals.add(row, record.line, earlier, customer))
      return reject(record.line, columns.header[static_cast<size_t>(SummaryRole::customer)],
                    "the customer " + quote_value(row.customer) + " is already listed on line " + std::to_string(earlier));
    for (size_t a = 0; a < columns.attributes.size(); ++a) {
      auto i = static_cast<size_t>(columns.attributes[a]);
      std::string_view value = i < record.fields.size() ? trim(record.fields[i]) : std::string_view{};
      if (!is_missing(value)) totals.book().set_attribute(customer, a, value);
    }
    return true;
  }

  RETENTION_RARE bool on_header(const CsvRecord& record) {
    ResolvedColumns columns;
    const bool headerless = is_data_line(record);
    std::vector<std::string> names;
    std::vector<std::string_view> header(record.fields.begin(), record.fields.end());
    if (headerless) {  // the columns are named by position: "column 1", "column 2" ...
      for (size_t i = 0; i < record.fields.size(); ++i) names.push_back("column " + std::to_string(i + 1));
      header.assign(names.begin(), names.end());
    }
    if (reads_summary(header)) {
      if (!on_summary_header(header, record.line)) return false;
      if (!headerless) return true;
      ++report.summary.rowsRead;  // the first line is a row
      return on_summary_row(record);
    }
    if ((error = resolve_columns(header, options.columns, record.line, columns))) {
      if (headerless && error.code == ErrorCode::missing_column)
        error.message = "the file has no header row, so its columns are named by position: " + error.message +
                        " (e.g. columns.customer = \"column 1\", CLI --customer \"column 1\")";
      return false;
    }
    DayMonthOrder order = options.dayFirst < 0   ? DayMonthOrder::undecided
                          : options.dayFirst > 0 ? DayMonthOrder::day_first
                                                 : DayMonthOrder::month_first;
    if (report.dataQuality.files == 1) {
      orders = OrderBook(columns.attributes.size());
      first_attribute_headers = columns.attribute_headers;
    } else if (columns.attribute_headers != first_attribute_headers) {
      // Attributes are the first file's columns: a later file adds to them only under the same names.
      columns.attributes.clear();
      columns.attribute_headers.clear();
    }
    mapper.emplace(std::move(columns), order, options.decimalSeparator);
    if (!headerless) return true;
    ++report.summary.rowsRead;  // the first line is a row
    return on_row(record);
  }

  bool on_row(const CsvRecord& record) {
    Role role = Role::customer;
    const RowOutcome outcome = mapper->map(record, row_, reason_, role);
    return outcome == RowOutcome::ok ? add(record, row_) : not_added(record, outcome, role);
  }

  // A row that adds to no order: rare, so kept out of the row path's code (RETENTION_RARE).
  RETENTION_RARE bool not_added(const CsvRecord& record, RowOutcome outcome, Role role) {
    const Row& row = row_;
    switch (outcome) {
      case RowOutcome::no_customer:
        ++report.summary.rowsWithoutCustomer;
        if (options.keepRows)  // a placeholder the preset knows is written as no customer at all
          row_log.add(is_missing(row.customer) ? row.customer : std::string_view{}, row.order_id, false, 0, 0, false,
                      0, row.status);
        return true;
      case RowOutcome::excluded: {
        ++report.summary.rowsExcluded;
        // Stripe's Captured = false has no status value; requires_capture is the state it stands for.
        if (options.keepRows)
          row_log.add(row.customer, row.order_id, false, 0, 0, false, 0,
                      row.status == "uncaptured" ? std::string_view("requires_capture") : row.status);
        excluded_statuses.add(row.status);
        bool added = false;
        if (!row.order_id.empty()) excluded_orders.intern(row.order_id, added);
        return true;
      }
      case RowOutcome::pending:
        hold(record);
        return true;
      case RowOutcome::rejected:
        return reject(record.line, mapper->columns().header[static_cast<size_t>(role)], std::move(reason_));
      case RowOutcome::misaligned:
        return reject(record.line, std::string(), std::move(reason_));
      case RowOutcome::ok:
        break;
    }
    return true;
  }

  // An order id first read in an earlier file: that file's order, met again in an overlapping export.
  RETENTION_RARE bool from_earlier_file(std::string_view order_id) {
    if (order_id.empty()) return false;  // the caller asks only once a file has been read
    int64_t order = orders.find_order(order_id);
    if (order < 0 || static_cast<size_t>(order) >= file_first_order) return false;
    ++report.dataQuality.duplicateRows;
    if (duplicate_seen.size() <= static_cast<size_t>(order)) duplicate_seen.resize(file_first_order, false);
    if (!duplicate_seen[static_cast<size_t>(order)]) {
      duplicate_seen[static_cast<size_t>(order)] = true;
      ++report.dataQuality.duplicateOrders;
    }
    return true;
  }

  bool add(const CsvRecord& record, const Row& row) {
    if (file_first_order != 0 && from_earlier_file(row.order_id)) return true;
    // A later line of an excluded order (no lookup while no order is excluded).
    if (excluded_orders.size() && of_excluded_order(row)) return true;
    if (!money_budget.take(row.amount, row.line_amount)) return beyond_sum_limit(record);
    uint32_t order = 0;
    if (row.has_date && row.has_amount) {
      order = orders.add_row(row.customer, row.order_id, row.date_month_first, row.date_day_first, row.amount);
    } else if (!to_earlier_order(record, row, order)) {
      return !error;  // rejected: the run goes on unless strict mode stopped it
    }
    if (options.keepRows) log(row);
    if (!row.product.empty()) orders.add_line(order, row.product, row.line_amount);
    if (!row.currency.empty()) currencies.add(row.currency);
    const ResolvedColumns& columns = mapper->columns();
    for (size_t a = 0; a < columns.attributes.size(); ++a) {
      auto i = static_cast<size_t>(columns.attributes[a]);
      std::string_view value = i < record.fields.size() ? trim(record.fields[i]) : std::string_view{};
      if (!is_missing(value)) orders.set_order_attribute(order, a, value);
    }
    return true;
  }

  // The rare paths of add(), out of the row path's code (RETENTION_RARE).
  RETENTION_RARE bool of_excluded_order(const Row& row) {
    if (row.order_id.empty() || excluded_orders.find(row.order_id) < 0) return false;
    ++report.summary.rowsExcluded;
    if (options.keepRows) log(row);
    return true;
  }

  // The column a row's amount comes from: the amount, else quantity x unit price.
  Role amount_role() const { return mapper->columns().has(Role::amount) ? Role::amount : Role::quantity; }

  RETENTION_RARE bool beyond_sum_limit(const CsvRecord& record) {
    ++report.dataQuality.rowsBeyondSumLimit;
    return reject(record.line, mapper->columns().header[static_cast<size_t>(amount_role())],
                  "the amounts so far add up to more than can be summed exactly (9223372036854 in all): "
                  "this row is left out");
  }

  // A row without its date or its amount: a later line of an order seen before may leave them blank
  // (Shopify line items). False when the row is rejected.
  RETENTION_RARE bool to_earlier_order(const CsvRecord& record, const Row& row, uint32_t& order) {
    const ResolvedColumns& columns = mapper->columns();
    const int64_t earlier = row.order_id.empty() ? -1 : orders.find_order(row.order_id);
    if (!row.has_date) {
      if (earlier < 0) {
        reject(record.line, columns.header[static_cast<size_t>(Role::date)], "the date is missing");
        return false;
      }
      order = static_cast<uint32_t>(earlier);
      orders.add_to_order(order, row.amount);
    } else if (earlier < 0) {
      const Role role = amount_role();
      reject(record.line, columns.header[static_cast<size_t>(role)],
             role == Role::amount ? "the amount is missing" : "the quantity or unit price is missing");
      return false;
    } else {
      order = orders.add_row(row.customer, row.order_id, row.date_month_first, row.date_day_first, row.amount);
    }
    return true;
  }

  RETENTION_RARE void log(const Row& row) {
    row_log.add(row.customer, row.order_id, row.has_date, row.date_month_first, row.date_day_first, row.has_amount,
                row.amount, row.status);
  }

  RETENTION_RARE void hold(const CsvRecord& record) {
    PendingRow row;
    row.line = record.line;
    for (std::string_view f : record.fields) {
      row.bytes.append(f);
      row.ends.push_back(row.bytes.size());
    }
    pending.push_back(std::move(row));
    if (pending.size() >= kMaxPendingRows) mapper->assume_decimal_separator();
  }

  // Reads the rows that waited for the decimal separator, now that it is known.
  RETENTION_RARE bool replay_pending() {
    std::vector<PendingRow> rows;
    rows.swap(pending);
    CsvRecord record;
    for (const PendingRow& row : rows) {
      record.line = row.line;
      record.fields.clear();
      size_t begin = 0;
      for (size_t end : row.ends) {
        record.fields.push_back({row.bytes.data() + begin, end - begin});
        begin = end;
      }
      if (!on_row(record)) return false;
    }
    return true;
  }

  bool start_reader(bool at_end) {
    // Issue 13: what is decided from the start of the file is decided from the same bytes however the
    // input is cut: the first kMaxSniffBytes (and, for a file opening with `{`, its whole first line).
    std::string_view text(prefix);
    // ... but never more than the engine holds at once: a first line longer than that is sniffed cut.
    const std::string_view window = text.substr(bom_length(text), options.maxHeldBytes);
    if (!at_end && (text.size() < kMaxSniffBytes || (text.size() <= options.maxHeldBytes && sniff_needs_more(window))))
      return true;
    Error not_text = check_text(raw_start);  // a UTF-16 mark, as given (before any transcoding)
    if (!not_text) not_text = check_text(text.substr(0, kMaxSniffBytes));  // a binary file: NULs early on
    if (not_text) {
      error = not_text;
      return false;
    }
    text.remove_prefix(bom_length(text));
    std::string_view first_line = text.substr(0, std::min(text.find('\n'), text.size()));
    // Excel writes "sep=;" as a first line to name the delimiter.
    char excel_delimiter = 0;
    if (std::string_view line = trim(first_line); line.size() == 5 && line.substr(0, 4) == "sep=") {
      excel_delimiter = line[4];
      text.remove_prefix(std::min(text.size(), first_line.size() + 1));
      first_line = text.substr(0, std::min(text.find('\n'), text.size()));
    }
    const bool sniffed = options.format == InputFormat::automatic || options.format == InputFormat::customers;
    InputFormat format = sniffed ? sniff_format(text.substr(0, options.maxHeldBytes)) : options.format;
    auto sink = [this](const CsvRecord& r) { return on_record(r); };
    DataQuality& quality = report.dataQuality;
    if (format == InputFormat::json || format == InputFormat::ndjson) {
      quality.format = format == InputFormat::json ? "json" : "ndjson";
      reader = std::make_unique<JsonReader>(format == InputFormat::ndjson, sink, options.maxHeldBytes);
    } else {
      char delimiter = options.delimiter ? options.delimiter
                       : excel_delimiter   ? excel_delimiter
                                           : sniff_delimiter(first_line.substr(0, kMaxSniffBytes));
      quality.format = delimiter == ' ' ? "text" : "csv";
      quality.delimiter = delimiter == ' ' ? "whitespace" : std::string(1, delimiter);
      reader = std::make_unique<CsvReader>(delimiter, static_cast<RecordConsumer&>(*this), excel_delimiter ? 2 : 1);
    }
    bool ok = feed_reader(text);
    prefix.clear();
    prefix.shrink_to_fit();
    return ok;
  }

  // A NUL byte later in the file (a binary tail) ends the run where the reading reaches it: the lines
  // before it are read first, so the outcome does not depend on where chunks were cut.
  bool feed_reader(std::string_view text) {
    const auto nul = static_cast<size_t>(find_byte(text.data(), text.data() + text.size(), '\0') - text.data());
    if (!keep_going(reader->feed(text.substr(0, nul)))) return false;
    if (nul == text.size()) return true;
    error = check_text(text.substr(nul, 1));
    return false;
  }

  bool keep_going(bool fed) {
    if (!fed && !error) error = reader->error();
    return fed && !error;
  }

  bool feed(const char* data, size_t size) {
    if (error || finished) return false;
    StageTimer stage(measuring(), "read");
    measured.inputBytes += static_cast<int64_t>(size);
    if (raw_start.size() < 2) raw_start.append(data, std::min(size, 2 - raw_start.size()));
    return take(transcoder.feed(std::string_view(data, size)), false);
  }

  bool take(std::string_view text, bool at_end) {
    if (!reader) {
      prefix.append(text);
      return start_reader(at_end);
    }
    return feed_reader(text);
  }

  // The end of one file's bytes: its last records read, its rows waiting for the decimal separator too.
  bool end_file() {
    if (std::string_view rest = transcoder.finish(); !rest.empty() && !take(rest, false)) return false;
    if (!reader) {
      if (trim(std::string_view(prefix).substr(bom_length(prefix))).empty()) {
        error = {ErrorCode::empty_input, "the file is empty", 0};
        return false;
      }
      if (!start_reader(true)) return false;
    }
    if (Error e = reader->finish()) error = e;
    if (error) return false;
    if (!mapper && !summary_mapper) {
      error = {ErrorCode::empty_input, "the file is empty", 0};
      return false;
    }
    if (!pending.empty()) {
      mapper->assume_decimal_separator();
      if (!replay_pending()) return false;
    }
    return true;
  }

  bool next_file() {
    if (error || finished) return false;
    if (!end_file()) return false;
    if (summary_mapper) {
      error = {ErrorCode::invalid_options,
               "a customer summary is read as one file: several files as one are order files", 0};
      return false;
    }
    orders.settle_file_dates(file_first_order, mapper->dates().order() == DayMonthOrder::day_first);
    file_first_order = orders.order_count();
    ++report.dataQuality.files;
    // The next file starts afresh: its own encoding, format, header and layout.
    transcoder = Transcoder();
    raw_start.clear();
    prefix.clear();
    reader.reset();
    mapper.reset();
    return true;
  }

  bool finish() {
    if (error) return false;
    if (finished) return true;
    finished = true;
    const bool analysed = read_to_end_and_analyse();
    if (options.measure) {
      measured.peakMemoryBytes = peak_memory_bytes();
      report.measured = measured;
    }
    return analysed;
  }

  bool read_to_end_and_analyse() {
    {
      StageTimer stage(measuring(), "read");
      if (!end_file()) return false;
      if (!summary_mapper) orders.finish_reading();
    }
    if (report.summary.rowsRead == 0) {
      error = {ErrorCode::no_data_rows, "the file has a header but no data rows", 0};
      return false;
    }
    return summary_mapper ? analyse_summary() : analyse();
  }

  RETENTION_ONCE void describe_input() {
    const ResolvedColumns& columns = mapper->columns();
    report.preset = columns.preset;
    for (size_t r = 0; r < kRoleCount; ++r)
      if (columns.index[r] >= 0) report.columns.emplace_back(kRoleNames[r], columns.header[r]);
    report.attributeColumns = columns.attribute_headers;

    DataQuality& q = report.dataQuality;
    describe_reading(*mapper);
    q.currencies = currencies.list();
    q.excludedStatuses = excluded_statuses.list();
    q.ordersWithSeveralCustomers = orders.orders_with_several_customers();
    q.sharedOrderIds = orders.shared_order_examples();
    q.ordersMergedFromRows = orders.orders_merged();
    q.rowsMerged = orders.rows_merged();
  }

  // How the dates and amounts were read, by either reader (RowMapper, SummaryMapper).
  template <class Mapper>
  void describe_reading(const Mapper& m) {
    DataQuality& q = report.dataQuality;
    q.encoding = transcoder.encoding();
    const DateColumn& dates = m.dates();
    q.dateFormat = dates.format_name();
    if (dates.order() != DayMonthOrder::undecided || dates.ambiguous_rows() > 0)
      q.dayMonthOrder = dates.order() == DayMonthOrder::day_first ? "day-first" : "month-first";
    q.datesAmbiguous = dates.ambiguous();
    q.ambiguousDateRows = dates.ambiguous_rows();
    q.dayMonthDecidedOnLine = dates.decided_line();
    q.decimalSeparator = m.decimal_separator() ? std::string(1, m.decimal_separator()) : "";
    q.decimalSeparatorAssumed = m.decimal_assumed();
    q.decimalSeparatorDecidedOnLine = m.decimal_decided_line();
    q.amountsAboveLimit = m.implausible_amounts();
    q.datesBefore1970 = m.dates_before_1970();
  }

  // Counted orders far above the rest (Tukey's far-out fence, Q3 + 3 x IQR), and the largest few.
  RETENTION_ONCE void find_outliers(const CustomerTable& customers) {
    const auto& net = orders.order_net();
    const auto& date = orders.order_date();
    auto counted = [&](size_t o) { return net[o] > 0 && date[o] <= customers.asOf; };
    // The largest few kept while scanning, the quartiles selected: no copy of the amounts (issue 11).
    constexpr size_t kLargest = 5;
    std::vector<uint32_t> largest;  // by amount, descending, then by order (the earlier first)
    size_t count = 0;
    Money least = 0;
    for_each_block(net.size(), [&](size_t begin, size_t end) RETENTION_BLOCK_BODY {
      for (auto o = static_cast<uint32_t>(begin); o < end; ++o) {
        if (!counted(o)) continue;
        least = count++ ? std::min(least, net[o]) : net[o];
        if (largest.size() == kLargest && net[o] <= net[largest.back()]) continue;
        // After every earlier order of the same amount, as o is the latest order so far.
        auto at = std::find_if(largest.begin(), largest.end(), [&](uint32_t l) { return net[l] < net[o]; });
        largest.insert(at, o);
        if (largest.size() > kLargest) largest.pop_back();
      }
    });
    constexpr size_t kMinOrders = 20;
    if (count < kMinOrders) return;
    auto each_amount = [&](auto f) {
      for_each_index(net.size(), [&](size_t o) { if (counted(o)) f(net[o]); });
    };
    // Linear interpolation between the closest ranks, for the first and third quartile.
    const double pos1 = 0.25 * static_cast<double>(count - 1), pos3 = 0.75 * static_cast<double>(count - 1);
    const auto lo1 = static_cast<size_t>(pos1), lo3 = static_cast<size_t>(pos3);
    const Money most = net[largest.front()];
    const std::vector<Money> at = smallest_at_ranks<Money>(
        each_amount, least, most, {lo1, std::min(lo1 + 1, count - 1), lo3, std::min(lo3 + 1, count - 1)});
    auto between = [](double pos, size_t lo, Money a, Money b) {
      return static_cast<double>(a) + (pos - static_cast<double>(lo)) * static_cast<double>(b - a);
    };
    const double q1 = between(pos1, lo1, at[0], at[1]), q3 = between(pos3, lo3, at[2], at[3]);
    auto threshold = static_cast<Money>(std::llround(q3 + 3 * (q3 - q1)));
    DataQuality& q = report.dataQuality;
    q.outlierThreshold = threshold;
    each_amount([&](Money m) { q.outlierOrders += m > threshold; });
    for (uint32_t o : largest)
      q.largestOrders.push_back({orders.customer_id(orders.order_customer()[o]), date[o], net[o]});
  }

  bool analyse() {
    CustomerTable customers;
    {
      // Everything that reads the order book runs here, so that it is freed before the value model
      // and the other analyses add their columns (issue 11): the customer table, the outliers, the
      // segments that the attribute profiles and top products are grouped by, the customer ids. The
      // stage "customers" therefore times these analyses too.
      StageTimer stage(measuring(), "customers");
      if (!build_customers(customers)) return false;
      segment_customers(customers);
      // The figures per customer are made again from the copied orders once the order book is freed:
      // until then the top products' scratch and the copies need the room.
      customers.free_figures();
      find_order_rows(orders, orders.take_order_customers(), customers);
      if (mapper->columns().has(Role::product))
        report.topProducts = compute_top_products(orders, customers, per_customer.rfCell, per_customer.segment,
                                                  report.rfm.segments.size());
      index_customer_orders(orders, customers);  // the largest columns of the table, made last
      orders = OrderBook();  // from here on only the customer table is read
      customers.orderRow = ChunkedColumn<uint32_t>();
      sum_customer_orders(customers);
    }
    {
      StageTimer stage(measuring(), "value");
      report.model = clv::predict_customer_value(customers, options.clv, per_customer.value,
                                                 options.churnRisk.pAliveAmber, measuring());
    }
    StageTimer stage(measuring(), "analyses");
    run_customer_analytics(customers);
    report.retention = compute_retention(customers);
    report.cohorts = compute_cohorts(customers);
    report.migration = compute_migration(customers, options.rf, per_customer.rfCell);
    report.performance = compute_performance(customers, options.rf, per_customer.rfCell);
    summarise_value_by_group();
    keep_customer_columns(customers);
    return true;
  }

  // The orders settled, dated and grouped into customers (without each customer's orders yet), with the
  // summary, outliers and RF matrix.
  RETENTION_ONCE bool build_customers(CustomerTable& customers) {
    const bool day_first = mapper->dates().order() == DayMonthOrder::day_first;
    orders.settle_dates(day_first);
    if (options.keepRows) rows_csv = row_log.csv(day_first);
    describe_input();
    // Issue 10: with a range's end and no asOf, asOf is that end (the range's last day, as the default
    // asOf is the data's last day).
    std::optional<Date> asOf = options.asOf ? options.asOf : options.to;
    if (!asOf) {  // orders dated far beyond all others (typos) do not move asOf (model/plausibility.hpp)
      DefaultAsOf chosen = default_as_of(orders);
      asOf = chosen.asOf;
      report.dataQuality.farFutureOrders = chosen.farFutureOrders;
      report.dataQuality.firstFarFutureDate = chosen.firstFarFuture;
    }
    if (!apply_date_range(asOf)) return false;
    if ((error = build_customer_rows(orders, asOf, customers))) return false;
    summarise(customers);
    find_outliers(customers);
    report.rfMatrix = compute_rf_matrix(customers, options.rf);
    return true;
  }

  RETENTION_ONCE void summarise(const CustomerTable& customers) {
    Summary& s = report.summary;
    s.asOf = customers.asOf;
    s.customers = static_cast<int64_t>(customers.size());
    s.customersWithoutOrders = customers.customersWithoutOrders;
    s.orders = customers.countedOrders;
    s.ordersAfterAsOf = customers.ordersAfterAsOf;
    for_each_index(customers.size(), [&](size_t i) {
      s.revenue += customers.monetary[i];
      if (!s.firstOrder || customers.firstOrder[i] < *s.firstOrder) s.firstOrder = customers.firstOrder[i];
      if (!s.lastOrder || customers.lastOrder[i] > *s.lastOrder) s.lastOrder = customers.lastOrder[i];
    });
  }

  void describe_summary_input() {
    const SummaryColumns& columns = summary_mapper->columns();
    report.preset = "customer-summary";
    for (size_t r = 0; r < kSummaryRoleCount; ++r)
      if (columns.index[r] >= 0) report.columns.emplace_back(kSummaryRoleNames[r], columns.header[r]);
    report.attributeColumns = columns.attribute_headers;
    describe_reading(*summary_mapper);
  }

  // Issue 14: a per-customer summary gives every section that customer totals allow; the others are
  // listed in report.input with why.
  bool analyse_summary() {
    StageTimer stage(measuring(), "analyses");  // one stage: customer totals need no grouping
    describe_summary_input();
    report.input.format = "customers";
    if (options.from || options.to) {  // issue 10's range selects orders; a summary has none
      error = {ErrorCode::invalid_options,
               "invalid options: a date range (from, to) selects orders, and a per-customer summary has none: "
               "compute the summary over those days instead",
               0};
      return false;
    }
    const SummaryColumns& columns = summary_mapper->columns();
    auto reject_row = [&](int64_t line, SummaryRole role, std::string message) {
      return reject(line, columns.header[static_cast<size_t>(role)], std::move(message));
    };
    CustomerTable customers;
    CustomerTotalsColumns extra;
    bool stopped = false;
    const bool day_first = summary_mapper->dates().order() == DayMonthOrder::day_first;
    if ((error = totals.build(day_first, options.asOf, reject_row, customers, extra, stopped)) || stopped) return false;
    orders = std::move(totals.book());  // the customer ids and attributes, no orders
    summarise(customers);
    report.rfMatrix = compute_rf_matrix(customers, options.rf);
    segment_customers(customers);
    orders = OrderBook();
    report.model = clv::predict_customer_value(clv::summarise_totals(customers, extra, options.clv.timeUnit),
                                               customers.asOf, options.clv, per_customer.value,
                                               options.churnRisk.pAliveAmber);
    run_customer_analytics(customers);
    report.retention.withAtLeast = customers_with_at_least(customers);
    report.migration.from = customers.asOf - 365;
    report.input.unavailableSections = sections_without_order_rows(options, report.churnRisk);
    summarise_value_by_group();
    keep_customer_columns(customers);
    return true;
  }

  // Issue 10: the summary's periods are compared on every order of the file, then the orders outside
  // the date range are left out (counted) before anything else sees them.
  RETENTION_ONCE bool apply_date_range(std::optional<Date> asOf) {
    DateRange& range = report.dateRange;
    range.from = options.from;
    range.to = options.to;
    const auto& net = orders.order_net();
    const auto& date = orders.order_date();
    for_each_index(net.size(), [&](size_t o) {
      if (net[o] <= 0) return;
      if (!range.firstOrder || date[o] < *range.firstOrder) range.firstOrder = date[o];
      if (!range.lastOrder || date[o] > *range.lastOrder) range.lastOrder = date[o];
    });
    if (asOf)
      report.comparison =
          compare_periods(orders, *asOf, options.from, options.to, options.comparePeriodDays, range.firstOrder);
    if (!options.from && !options.to) return true;
    const OrderBook::Outside outside = orders.keep_dated_between(
        options.from.value_or(std::numeric_limits<Date>::min()), options.to.value_or(std::numeric_limits<Date>::max()));
    range.ordersBefore = outside.before;
    range.ordersAfter = outside.after;
    report.summary.ordersOutsideRange = outside.before + outside.after;
    for (size_t o = 0; o < orders.order_count(); ++o)
      if (orders.order_net()[o] > 0) return true;
    error = {ErrorCode::no_orders,
             "no order with a positive amount is dated " + range_text() + " (" +
                 std::to_string(report.summary.ordersOutsideRange) + " orders of the file are outside it)",
             0};
    return false;
  }

  std::string range_text() const {
    if (options.from && options.to) return "from " + format_date(*options.from) + " to " + format_date(*options.to);
    return options.from ? "on or after " + format_date(*options.from) : "on or before " + format_date(*options.to);
  }

  // Mean P(alive) and predicted CLV per RF cell and per RFM segment (issue 5), from the customer rows.
  RETENTION_ONCE void summarise_value_by_group() {
    const ClvColumns& value = per_customer.value;
    if (value.pAlive.empty()) return;
    auto group = [&](const std::vector<uint8_t>& labels, size_t groups) {
      std::vector<ModelReport::Group> out(groups);
      for_each_index(labels.size(), [&](size_t i) {
        ModelReport::Group& g = out[labels[i]];
        ++g.customers;
        g.meanPAlive += value.pAlive[i];
        if (!value.clv.empty()) g.meanClv += value.clv[i];
      });
      for (ModelReport::Group& g : out)
        if (g.customers) g.meanPAlive /= static_cast<double>(g.customers), g.meanClv /= static_cast<double>(g.customers);
      return out;
    };
    report.model.byRfCell = group(per_customer.rfCell, kRfCells);
    report.model.bySegment = group(per_customer.segment, report.rfm.segments.size());
  }

  // RF cells and RFM segments (SPEC 4), then what the order book adds per customer: the attribute
  // profiles (by segment) and the ids.
  RETENTION_ONCE void segment_customers(const CustomerTable& table) {
    per_customer.rfCell = rf_cells(table, options.rf);
    report.rfm = compute_rfm(table, options.segments, options.rf.activeBelowDays, per_customer);
    report.attributes = compute_attributes(orders, report.attributeColumns, table, per_customer.segment,
                                           report.rfm.segments.size());
    keep_customer_ids(table);
  }

  // What customer totals alone give (issue 14) once the value model has run: Pareto and the churn light.
  void run_customer_analytics(const CustomerTable& table) {
    report.pareto = compute_pareto(table);
    report.churnRisk = compute_churn_risk(table, options.churnRisk, options.rf, per_customer.churnRisk,
                                          per_customer.value.pAlive);
  }

  // Each row's customer id, copied out of the order book before it is freed.
  RETENTION_ONCE void keep_customer_ids(const CustomerTable& table) {
    CustomerResults& out = per_customer;
    size_t bytes = 0;
    for_each_index(table.size(), [&](size_t row) { bytes += orders.customer_id_length(table.customer[row]); });
    out.idBytes.reserve(bytes);
    out.idOffsets.reserve(table.size() + 1);
    out.idOffsets.assign(1, 0);
    for_each_index(table.size(), [&](size_t row) {
      out.idBytes += orders.customer_id(table.customer[row]);
      out.idOffsets.push_back(out.idBytes.size());
    });
  }

  // The table's figures per customer become the per-customer results once no analysis reads them.
  RETENTION_ONCE void keep_customer_columns(CustomerTable& table) {
    CustomerResults& out = per_customer;
    out.firstOrder = std::move(table.firstOrder);
    out.lastOrder = std::move(table.lastOrder);
    out.recencyDays = std::move(table.recencyDays);
    out.frequency = std::move(table.frequency);
    out.monetary = std::move(table.monetary);
  }
};

Engine::Engine(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Engine::~Engine() = default;
const CustomerResults& Engine::customers() const { return impl_->per_customer; }
bool Engine::feed(const char* data, size_t size) { return impl_->feed(data, size); }
bool Engine::finish() { return impl_->finish(); }
bool Engine::next_file() { return impl_->next_file(); }
const Error& Engine::error() const { return impl_->error; }
const Report& Engine::report() const { return impl_->report; }
const std::string& Engine::rows_csv() const { return impl_->rows_csv; }

}  // namespace retention
