// The engine's definitions (SPEC 3-4) as one SQL script. Each CTE is one step of the engine's flow:
// rows -> kept rows -> orders -> customers as of asOf -> scores -> cells and segments.
#include <string>

#include "analytics/rf_matrix.hpp"
#include "report/json_writer.hpp"
#include "retention/sql.hpp"
#include "sql/dialect.hpp"

namespace retention {

namespace {

// What the engine reads as a missing value (ingest/text.hpp is_missing), after trimming.
constexpr const char* kMissing[] = {"", "NA", "N/A", "NaN", "null", "NULL", "None", "-"};

Error invalid(const std::string& message) { return {ErrorCode::invalid_options, "invalid options: " + message, 0}; }

class Writer {
 public:
  Writer(const SqlRequest& request) : r_(request), d_(request.dialect) {}

  Error write(std::string& out) {
    const ColumnMapping& c = r_.options.columns;
    if (c.customer.empty() || c.date.empty())
      return invalid("the SQL needs the customer and date columns named (--customer COL --date COL)");
    if (c.amount.empty() && (c.quantity.empty() || c.unitPrice.empty()))
      return invalid("the SQL needs the amount column named (--amount COL), or --quantity and --unit-price");
    // No dialect can quote a NUL byte: such a name cannot be written at all.
    for (const SegmentRule& rule : r_.options.segments)
      if (has_nul(rule.name)) return invalid("a segment name holds a NUL byte");
    for (const std::string* name : {&c.customer, &c.date, &c.amount, &c.order, &c.refund, &c.quantity, &c.unitPrice,
                                    &c.status, &r_.table})
      if (has_nul(*name)) return invalid("a column or table name holds a NUL byte");
    for (const std::string& s : r_.excludedStatuses.value_or(std::vector<std::string>{}))
      if (has_nul(s)) return invalid("a status holds a NUL byte");

    std::string query = "WITH\n" + source() + ",\n" + rows() + ",\n" + kept() + ",\n" + orders() + ",\n" + as_of() +
                        ",\n" + customers() + ",\n" + scored() + "\n" + final_select();
    out = "-- retention-kit: the per-customer table, RF matrix and RFM segments (SPEC 4) from " + one_line(r_.table) +
          "\n";
    out += d_.create_temp("rk_customers", query) + ";\n";
    out += "-- The RF matrix: customers and revenue per cell.\n";
    out += "SELECT rf_cell, COUNT(*) AS customers, SUM(monetary) AS revenue FROM rk_customers GROUP BY rf_cell "
           "ORDER BY rf_cell;\n";
    out += "-- The RFM segments: customers and revenue per segment.\n";
    out += "SELECT segment, COUNT(*) AS customers, SUM(monetary) AS revenue FROM rk_customers GROUP BY segment "
           "ORDER BY segment;\n";
    out += "-- One row per customer.\n";
    out += "SELECT * FROM rk_customers ORDER BY customer;\n";
    return {};
  }

 private:
  const SqlRequest& r_;
  sql::Dialect d_;

  static bool has_nul(const std::string& text) { return text.find('\0') != std::string::npos; }

  // A comment line must not end early: control bytes become spaces.
  static std::string one_line(std::string text) {
    for (char& ch : text)
      if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
    return text;
  }

  std::string text(const std::string& column) const {
    return "TRIM(CAST(" + d_.ident(column) + " AS " + d_.text_type() + "))";
  }
  std::string money(const std::string& column) const {
    return "CAST(" + d_.ident(column) + " AS " + d_.money_type() + ")";
  }
  std::string missing_list() const {
    std::string out;
    for (const char* m : kMissing) out += (out.empty() ? "" : ", ") + d_.literal(m);
    return out;
  }
  // NULL when missing (SPEC 3: empty, NA, N/A ...), else the trimmed text.
  std::string present(const std::string& name) const {
    return "CASE WHEN " + name + " IS NULL OR " + name + " IN (" + missing_list() + ") THEN NULL ELSE " + name + " END";
  }

  std::string source() const {
    const ColumnMapping& c = r_.options.columns;
    const std::string null_text = std::string("CAST(NULL AS ") + d_.text_type() + ")";
    const std::string null_money = std::string("CAST(NULL AS ") + d_.money_type() + ")";
    std::string amount = !c.amount.empty() ? money(c.amount)
                                           : "CAST(" + money(c.quantity) + " * " + money(c.unitPrice) + " AS " +
                                                 d_.money_type() + ")";
    return "rk_source AS (\n  SELECT\n    " + text(c.customer) + " AS customer_text,\n    " +
           (c.order.empty() ? null_text : text(c.order)) + " AS order_text,\n    " + text(c.date) +
           " AS date_text,\n    " + amount + " AS amount,\n    " + (c.refund.empty() ? null_money : money(c.refund)) +
           " AS refund,\n    " + (c.status.empty() ? null_text : text(c.status)) + " AS status_text\n  FROM " +
           d_.table(r_.table) + "\n)";
  }

  // Rows: customer and order id or NULL, the calendar date as written (SPEC 3: time and offset
  // ignored), the amount less the refund, the status normalised.
  std::string rows() const {
    const ColumnMapping& c = r_.options.columns;
    std::string date = "CASE WHEN date_text IS NULL OR date_text IN (" + missing_list() +
                       ") THEN NULL ELSE CAST(SUBSTR(date_text, 1, 10) AS DATE) END";
    std::string status = "COALESCE(" + d_.normalized("status_text") + ", '')";
    std::string amount;
    if (!c.refund.empty()) {
      amount = "CASE WHEN refund IS NULL THEN amount ELSE COALESCE(amount, 0) - refund END";
    } else if (!c.status.empty()) {  // refunded in full, and no refund column says how much
      amount = "CASE WHEN " + status + " = 'refunded' THEN 0 ELSE amount END";
    } else {
      amount = "amount";
    }
    return "rk_rows AS (\n  SELECT\n    " + present("customer_text") + " AS customer,\n    " + present("order_text") +
           " AS order_id,\n    " + date + " AS order_date,\n    CAST(" + amount + " AS " + d_.money_type() +
           ") AS amount,\n    " + status + " AS status\n  FROM rk_source\n)";
  }

  std::string excluded_condition() const {
    std::vector<std::string> statuses = r_.excludedStatuses.value_or(default_excluded_statuses());
    if (statuses.empty()) return "1 = 0";  // none excluded
    std::string list;
    for (const std::string& s : statuses) list += (list.empty() ? "" : ", ") + d_.literal(s);
    return "status IN (" + list + ")";
  }

  // SPEC 3: rows without a customer are skipped; a no-money status excludes the row and the other
  // rows of its order.
  std::string kept() const {
    return "rk_customer_rows AS (\n  SELECT * FROM rk_rows WHERE customer IS NOT NULL\n),\n"
           "rk_excluded AS (\n  SELECT DISTINCT order_id FROM rk_customer_rows\n  WHERE order_id IS NOT NULL AND " +
           excluded_condition() +
           "\n),\n"
           "rk_kept AS (\n  SELECT k.* FROM rk_customer_rows k\n  LEFT JOIN rk_excluded x ON k.order_id = x.order_id\n"
           "  WHERE x.order_id IS NULL AND NOT (k." +
           excluded_condition() + ")\n)";
  }

  // SPEC 4: rows sharing an order id are one order (earliest date, net sum); without an order id
  // each row is an order. An order's customer is that of its earliest row (the engine: its first row).
  std::string orders() const {
    const std::string m = d_.money_type();
    return "rk_ranked AS (\n  SELECT k.*, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY CASE WHEN order_date IS "
           "NULL THEN 1 ELSE 0 END, order_date, customer) AS rk_n\n  FROM rk_kept k WHERE order_id IS NOT NULL\n),\n"
           "rk_orders AS (\n  SELECT MAX(CASE WHEN rk_n = 1 THEN customer END) AS customer, MIN(order_date) AS "
           "order_date,\n    CAST(SUM(COALESCE(amount, 0)) AS " +
           m +
           ") AS net\n  FROM rk_ranked GROUP BY order_id\n  UNION ALL\n"
           "  SELECT customer, order_date, CAST(COALESCE(amount, 0) AS " +
           m + ") AS net FROM rk_kept WHERE order_id IS NULL\n)";
  }

  // SPEC 4: asOf defaults to the date of the latest counted order (net > 0).
  std::string as_of() const {
    if (r_.options.asOf) return "rk_as_of AS (\n  SELECT " + d_.date_literal(format_date(*r_.options.asOf)) + " AS as_of\n)";
    return "rk_as_of AS (\n  SELECT MAX(order_date) AS as_of FROM rk_orders WHERE net > 0\n)";
  }

  // SPEC 4: orders after asOf are ignored; monetary sums every order, refunds included; customers
  // with no counted order are left out.
  std::string customers() const {
    return "rk_base AS (\n  SELECT o.customer, MAX(a.as_of) AS as_of,\n"
           "    MIN(CASE WHEN o.net > 0 THEN o.order_date END) AS first_order,\n"
           "    MAX(CASE WHEN o.net > 0 THEN o.order_date END) AS last_order,\n"
           "    SUM(CASE WHEN o.net > 0 THEN 1 ELSE 0 END) AS frequency,\n"
           "    SUM(o.net) AS monetary,\n"
           "    COUNT(DISTINCT CASE WHEN o.net > 0 THEN o.order_date END) AS order_days\n"
           "  FROM rk_orders o CROSS JOIN rk_as_of a\n"
           "  WHERE o.order_date IS NOT NULL AND o.order_date <= a.as_of\n"
           "  GROUP BY o.customer\n  HAVING SUM(CASE WHEN o.net > 0 THEN 1 ELSE 0 END) > 0\n),\n"
           // Issue 14: what the spend model reads, so that a summary made here values customers to the
           // cent: the counted orders' revenue (no refund orders) and that of the days after the first.
           "rk_values AS (\n  SELECT b.customer,\n"
           "    SUM(CASE WHEN o.net > 0 THEN o.net ELSE 0 END) AS counted_revenue,\n"
           "    SUM(CASE WHEN o.net > 0 AND o.order_date > b.first_order THEN o.net ELSE 0 END) AS repeat_revenue\n"
           "  FROM rk_base b JOIN rk_orders o ON o.customer = b.customer\n"
           "  WHERE o.order_date IS NOT NULL AND o.order_date <= b.as_of\n  GROUP BY b.customer\n),\n"
           "rk_metrics AS (\n  SELECT b.*, v.counted_revenue, v.repeat_revenue, " +
           d_.days_between("b.last_order", "b.as_of") +
           " AS recency_days,\n    COUNT(*) OVER () AS n\n  FROM rk_base b JOIN rk_values v ON v.customer = b.customer\n)";
  }

  // SPEC 4, mid-rank scores: w = customers with a strictly worse value, t = customers with the same
  // value; score = min(5, 1 + (5 (2w + t)) div (2n)) = 1 + the number of k in 1..4 with
  // 5 (2w + t) >= 2n k. Comparisons of whole numbers only: no dialect's division rules matter.
  static std::string score(const char* worse, const char* tied) {
    const std::string scaled = std::string("5 * (2 * ") + worse + " + " + tied + ")";
    std::string out = "1";
    for (int k = 1; k <= 4; ++k)
      out += " + CASE WHEN " + scaled + " >= 2 * n * " + std::to_string(k) + " THEN 1 ELSE 0 END";
    return out;
  }

  std::string scored() const {
    return "rk_ranks AS (\n  SELECT m.*,\n"
           "    RANK() OVER (ORDER BY recency_days DESC) - 1 AS r_worse, COUNT(*) OVER (PARTITION BY recency_days) AS "
           "r_tied,\n"
           "    RANK() OVER (ORDER BY frequency) - 1 AS f_worse, COUNT(*) OVER (PARTITION BY frequency) AS f_tied,\n"
           "    RANK() OVER (ORDER BY monetary) - 1 AS m_worse, COUNT(*) OVER (PARTITION BY monetary) AS m_tied\n"
           "  FROM rk_metrics m\n),\n"
           "rk_scores AS (\n  SELECT k.*,\n    " +
           score("r_worse", "r_tied") + " AS r,\n    " + score("f_worse", "f_tied") + " AS f,\n    " +
           score("m_worse", "m_tied") + " AS m\n  FROM rk_ranks k\n)";
  }

  std::string rf_cell() const {
    const RfThresholds& t = r_.options.rf;
    auto lit = [&](const char* name) { return d_.literal(name); };
    return "CONCAT(CASE WHEN recency_days < " + std::to_string(t.activeBelowDays) + " THEN " + lit(kRecencyNames[0]) +
           " WHEN recency_days <= " + std::to_string(t.lapsedAboveDays) + " THEN " + lit(kRecencyNames[1]) + " ELSE " +
           lit(kRecencyNames[2]) + " END, '/', CASE WHEN frequency >= " + std::to_string(t.highValueOrders) +
           " THEN " + lit(kFrequencyNames[2]) + " WHEN frequency >= " + std::to_string(t.multiOrders) + " THEN " +
           lit(kFrequencyNames[1]) + " ELSE " + lit(kFrequencyNames[0]) + " END)";
  }

  // SPEC 4: rules in order, the first match wins; a rule may be limited to customers outside the
  // active band (recencyDays >= activeBelowDays).
  std::string segment() const {
    auto range = [](const char* score, const std::array<int32_t, 2>& r) {
      return std::string(score) + " BETWEEN " + std::to_string(r[0]) + " AND " + std::to_string(r[1]);
    };
    std::string out = "CASE";
    for (const SegmentRule& rule : r_.options.segments) {
      out += "\n      WHEN " + range("r", rule.r) + " AND " + range("f", rule.f) + " AND " + range("m", rule.m);
      if (rule.outsideActiveBand) out += " AND recency_days >= " + std::to_string(r_.options.rf.activeBelowDays);
      out += " THEN " + d_.literal(rule.name);
    }
    return out + "\n      ELSE " + d_.literal(kOtherSegment) + " END";
  }

  std::string final_select() const {
    return "SELECT customer, first_order, last_order, recency_days, frequency, monetary,\n    " + rf_cell() +
           " AS rf_cell,\n    r, f, m,\n    " + segment() +
           " AS segment,\n    order_days, order_days - 1 AS btyd_x,\n    " +
           d_.days_between("first_order", "last_order") + " AS btyd_t_x, " + d_.days_between("first_order", "as_of") +
           " AS btyd_t,\n    counted_revenue, repeat_revenue\nFROM rk_scores";
  }
};

}  // namespace

Error generate_sql(const SqlRequest& request, std::string& out) {
  out.clear();
  return Writer(request).write(out);
}

}  // namespace retention
