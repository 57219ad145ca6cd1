// Wires the one-way flow: bytes -> records -> rows -> orders -> customers -> analytics -> report.
#include "retention/engine.hpp"

#include <optional>
#include <string>

#include "analytics/attributes.hpp"
#include "analytics/churn_risk.hpp"
#include "analytics/cohorts.hpp"
#include "analytics/migration.hpp"
#include "analytics/pareto.hpp"
#include "analytics/performance.hpp"
#include "analytics/products.hpp"
#include "analytics/rf_matrix.hpp"
#include "analytics/retention.hpp"
#include "analytics/rfm.hpp"
#include "ingest/columns.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/dates.hpp"
#include "ingest/money.hpp"
#include "ingest/sniff.hpp"
#include "ingest/text.hpp"
#include "model/customer_table.hpp"
#include "model/order_book.hpp"

namespace retention {

std::string describe_error(const Error& error) {
  return error.line > 0 ? "line " + std::to_string(error.line) + ": " + error.message : error.message;
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_options: return "invalid_options";
    case ErrorCode::empty_input: return "empty_input";
    case ErrorCode::no_data_rows: return "no_data_rows";
    case ErrorCode::missing_column: return "missing_column";
    case ErrorCode::unterminated_quote: return "unterminated_quote";
    case ErrorCode::rejected_row: return "rejected_row";
    case ErrorCode::no_orders: return "no_orders";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}
namespace {
// The header line is sniffed before parsing starts; a longer first line is sniffed from this much.
constexpr size_t kMaxSniffBytes = 1 << 16;
}  // namespace

struct Engine::Impl {
  Options options;
  Error error;
  Report report;
  CustomerResults per_customer;
  uint64_t bytes = 0;
  bool finished = false;

  std::string prefix;  // input held back until the header line is complete
  std::optional<CsvReader> reader;
  bool header_done = false;
  ResolvedColumns columns;
  OrderBook orders;

  explicit Impl(Options o) : options(std::move(o)) {}

  std::string_view field(const CsvRecord& record, Role role) const {
    int i = columns[role];
    return i >= 0 && static_cast<size_t>(i) < record.fields.size() ? record.fields[static_cast<size_t>(i)]
                                                                     : std::string_view{};
  }

  // A row the analysis cannot use: counted, the first ones listed; fatal in strict mode.
  bool reject(int64_t line, Role role, std::string message) {
    ++report.summary.rowsRejected;
    if (options.strict) {
      error = {ErrorCode::rejected_row, message + " (strict mode rejects any bad row)", line};
      return false;
    }
    if (report.warnings.size() < kMaxWarnings)
      report.warnings.push_back({line, columns.header[static_cast<size_t>(role)], std::move(message)});
    return true;
  }

  bool on_record(const CsvRecord& record) {
    // A line of only spaces and delimiters (",,,," at the end of spreadsheet exports) holds nothing.
    bool blank = true;
    for (std::string_view f : record.fields) blank = blank && trim(f).empty();
    if (blank) return true;
    if (!header_done) {
      header_done = true;
      error = resolve_columns(record.fields, options.columns, record.line, columns);
      orders = OrderBook(columns.attributes.size());
      return !error;
    }
    ++report.summary.rowsRead;
    std::string_view customer = trim(field(record, Role::customer));
    if (is_missing(customer)) {
      ++report.summary.rowsWithoutCustomer;
      return true;
    }
    std::string_view order_id = trim(field(record, Role::order));
    bool has_order_id = columns.has(Role::order) && !is_missing(order_id);

    std::string_view date_text = field(record, Role::date);
    std::optional<Date> date;
    if (!is_missing(date_text)) {
      date = parse_date(date_text);
      if (!date) return reject(record.line, Role::date, "cannot read the date " + quote_value(trim(date_text)));
    }

    Money amount = 0;
    Role amount_role = columns.has(Role::amount) ? Role::amount : Role::quantity;
    bool amount_missing = false;
    if (columns.has(Role::amount)) {
      std::string_view text = field(record, Role::amount);
      amount_missing = is_missing(text);
      if (!amount_missing) {
        auto value = parse_money(text);
        if (!value) return reject(record.line, Role::amount, "cannot read the amount " + quote_value(trim(text)));
        amount = *value;
      }
    } else {
      std::string_view q = field(record, Role::quantity), p = field(record, Role::unitPrice);
      amount_missing = is_missing(q) || is_missing(p);
      if (!amount_missing) {
        auto quantity = parse_money(q);
        if (!quantity) return reject(record.line, Role::quantity, "cannot read the quantity " + quote_value(trim(q)));
        auto price = parse_money(p);
        if (!price) return reject(record.line, Role::unitPrice, "cannot read the unit price " + quote_value(trim(p)));
        auto product = multiply_money(*quantity, *price);
        if (!product) return reject(record.line, Role::quantity, "quantity x unit price is too large");
        amount = *product;
      }
    }
    if (columns.has(Role::refund)) {
      std::string_view text = field(record, Role::refund);
      if (!is_missing(text)) {
        auto refund = parse_money(text);
        if (!refund) return reject(record.line, Role::refund, "cannot read the refund " + quote_value(trim(text)));
        amount -= *refund;  // SPEC 3: a refund is subtracted from the row's amount
      }
    }

    // A later line of an order seen before may leave its date or total blank.
    auto earlier_order = [&] { return has_order_id ? orders.find_order(order_id) : int64_t{-1}; };
    int64_t order = -1;
    if (!date) {
      if ((order = earlier_order()) < 0) return reject(record.line, Role::date, "the date is missing");
      orders.add_to_order(static_cast<uint32_t>(order), amount);
    } else if (amount_missing && (order = earlier_order()) < 0) {
      return reject(record.line, amount_role, columns.has(Role::amount) ? "the amount is missing"
                                                                        : "the quantity or unit price is missing");
    } else {
      order = has_order_id ? orders.add_row(customer, order_id, *date, amount) : orders.add_row(customer, *date, amount);
    }
    record_details(record, static_cast<uint32_t>(order), amount);
    return true;
  }

  // Product lines and customer attributes, for the analyses that break results down by them.
  void record_details(const CsvRecord& record, uint32_t order, Money amount) {
    if (columns.has(Role::product)) {
      std::string_view product = trim(field(record, Role::product));
      if (!is_missing(product)) orders.add_line(order, product, amount);
    }
    if (columns.attributes.empty()) return;
    uint32_t customer = orders.order_customer()[order];
    for (size_t a = 0; a < columns.attributes.size(); ++a) {
      auto i = static_cast<size_t>(columns.attributes[a]);
      std::string_view value = i < record.fields.size() ? trim(record.fields[i]) : std::string_view{};
      if (!is_missing(value)) orders.set_attribute(customer, a, value);
    }
  }

  bool start_reader(bool at_end) {
    // Wait for the whole header line, so the delimiter is sniffed from all of it.
    size_t newline = prefix.find('\n');
    if (newline == std::string::npos && !at_end && prefix.size() < kMaxSniffBytes) return true;
    size_t bom = bom_length(prefix);
    std::string_view text(prefix);
    text.remove_prefix(bom);
    char delimiter = sniff_delimiter(text.substr(0, newline == std::string::npos ? text.size() : newline - bom));
    report.delimiter = std::string(1, delimiter);
    reader.emplace(delimiter, [this](const CsvRecord& r) { return on_record(r); });
    bool ok = reader->feed(text);
    prefix.clear();
    prefix.shrink_to_fit();
    return ok && !error;
  }

  bool feed(const char* data, size_t size) {
    if (error || finished) return false;
    bytes += size;
    if (!reader) {
      prefix.append(data, size);
      return start_reader(false);
    }
    return reader->feed(std::string_view(data, size)) && !error;
  }

  bool finish() {
    if (error) return false;
    if (finished) return true;
    finished = true;
    if (!reader) {
      if (prefix.size() == bom_length(prefix) || trim(prefix).empty()) {
        error = {ErrorCode::empty_input, "the file is empty", 0};
        return false;
      }
      if (!start_reader(true)) return false;
    }
    if (Error e = reader->finish()) error = e;
    if (error) return false;
    if (!header_done) {
      error = {ErrorCode::empty_input, "the file is empty", 0};
      return false;
    }
    if (report.summary.rowsRead == 0) {
      error = {ErrorCode::no_data_rows, "the file has a header but no data rows", reader->line()};
      return false;
    }
    return analyse();
  }

  bool analyse() {
    for (size_t r = 0; r < kRoleCount; ++r)
      if (columns.index[r] >= 0) report.columns.emplace_back(kRoleNames[r], columns.header[r]);
    report.attributeColumns = columns.attribute_headers;

    CustomerTable customers;
    if ((error = build_customer_table(orders, options.asOf, customers))) return false;
    Summary& s = report.summary;
    s.asOf = customers.asOf;
    s.customers = static_cast<int64_t>(customers.size());
    s.customersWithoutOrders = customers.customersWithoutOrders;
    s.orders = customers.countedOrders;
    s.ordersAfterAsOf = customers.ordersAfterAsOf;
    for (size_t i = 0; i < customers.size(); ++i) {
      s.revenue += customers.monetary[i];
      if (!s.firstOrder || customers.firstOrder[i] < *s.firstOrder) s.firstOrder = customers.firstOrder[i];
      if (!s.lastOrder || customers.lastOrder[i] > *s.lastOrder) s.lastOrder = customers.lastOrder[i];
    }
    report.rfMatrix = compute_rf_matrix(customers, options.rf);
    run_analytics(customers, columns.has(Role::product));
    orders = OrderBook();  // frees the rows: from here on only the report and the per-customer results are asked for
    return true;
  }

  // SPEC 4, each analysis in its own file; later ones use the cells, segments and gaps of earlier ones.
  void run_analytics(const CustomerTable& table, bool has_products) {
    CustomerResults& out = per_customer;
    out.rfCell = rf_cells(table, options.rf);
    report.rfm = compute_rfm(table, options.segments, out);
    report.retention = compute_retention(table);
    report.cohorts = compute_cohorts(table);
    report.pareto = compute_pareto(table);
    report.churnRisk = compute_churn_risk(table, report.retention.gaps, options.churnRisk, options.rf, out.churnRisk);
    report.migration = compute_migration(table, options.rf, out.rfCell);
    report.performance = compute_performance(table, options.rf, out.rfCell);
    const size_t segments = report.rfm.segments.size();
    if (has_products)
      report.topProducts = compute_top_products(orders, table, out.rfCell, out.segment, segments);
    report.attributes = compute_attributes(orders, report.attributeColumns, table, out.segment, segments);

    out.firstOrder = table.firstOrder;
    out.lastOrder = table.lastOrder;
    out.recencyDays = table.recencyDays;
    out.frequency = table.frequency;
    out.monetary = table.monetary;
    out.idOffsets.assign(1, 0);
    for (uint32_t customer : table.customer) {
      out.idBytes += orders.customer_id(customer);
      out.idOffsets.push_back(static_cast<uint32_t>(out.idBytes.size()));
    }
  }
};

Engine::Engine(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Engine::~Engine() = default;
const CustomerResults& Engine::customers() const { return impl_->per_customer; }
bool Engine::feed(const char* data, size_t size) { return impl_->feed(data, size); }
bool Engine::finish() { return impl_->finish(); }
const Error& Engine::error() const { return impl_->error; }
const Report& Engine::report() const { return impl_->report; }
uint64_t Engine::bytes_fed() const { return impl_->bytes; }

}  // namespace retention
