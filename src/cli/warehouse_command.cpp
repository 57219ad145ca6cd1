// The same arguments, output and exit codes as web/lib/cli-warehouse.js.
#include "cli/warehouse_command.hpp"

#include "cli/cli_files.hpp"

#include <cstdio>

#include "report/json_writer.hpp"
#include "retention/engine.hpp"
#include "retention/sql.hpp"

namespace {

constexpr const char* kUsage =
    "usage: retention-kit sql --dialect duckdb|postgres|spark|bigquery [--table NAME]\n"
    "         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n"
    "         [--quantity COL] [--unit-price COL] [--status COL] [--as-of YYYY-MM-DD]\n"
    "         [--options JSON] [--segments RULES.json]\n"
    "       retention-kit rows FILE [--customer COL] [--date COL] [--amount COL] [--order COL]\n"
    "         [--refund COL] [--quantity COL] [--unit-price COL] [--status COL]\n"
    "         [--format auto|csv|text|json|ndjson] [--delimiter D] [--decimal-separator S]\n"
    "         [--date-order auto|month-first|day-first] [--options JSON]\n"
    "sql prints a script for the table (default orders) whose last statement returns one row per\n"
    "customer; rows prints the file's rows as that table (customer,order,date,amount,status).\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "retention-kit: %s\n%s", message.c_str(), kUsage);
  return 2;
}

struct Flag {
  const char* name;
  const char* key;
};
constexpr Flag kColumnFlags[] = {{"--customer", "customer"}, {"--date", "date"},     {"--amount", "amount"},
                                 {"--order", "order"},       {"--refund", "refund"}, {"--quantity", "quantity"},
                                 {"--unit-price", "unitPrice"}, {"--status", "status"}};
constexpr Flag kSqlFlags[] = {{"--dialect", "dialect"}, {"--table", "table"}, {"--as-of", "asOf"}};
constexpr Flag kRowsFlags[] = {{"--format", "format"},
                               {"--delimiter", "delimiter"},
                               {"--decimal-separator", "decimalSeparator"},
                               {"--date-order", "dateOrder"}};

}  // namespace

int warehouse_command(const std::vector<std::string>& args) {
  const bool sql = args[0] == "sql";
  if (args.size() > 1 && (args[1] == "--help" || args[1] == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::string file, options_json, segments_file;
  std::vector<std::pair<std::string, std::string>> columns, settings;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto take = [&](const auto& flags, auto& target) {
      for (const Flag& f : flags) {
        if (a != f.name) continue;
        if (i + 1 >= args.size()) return -1;
        target.emplace_back(f.key, args[++i]);
        return 1;
      }
      return 0;
    };
    int matched = take(kColumnFlags, columns);
    if (!matched) matched = sql ? take(kSqlFlags, settings) : take(kRowsFlags, settings);
    if (!matched && (a == "--options" || (sql && a == "--segments"))) {
      if (i + 1 >= args.size()) matched = -1;
      else (a == "--options" ? options_json : segments_file) = args[++i], matched = 1;
    }
    if (matched < 0) return usage_error(a + " needs a value");
    if (matched) continue;
    if (a.size() > 1 && a[0] == '-' && a != "-") return usage_error("unknown option '" + a + "'");
    if (sql) return usage_error("sql reads no file: it writes SQL for a table (--table NAME)");
    if (!file.empty()) return usage_error("more than one input file given");
    file = a;
  }
  if (!sql && file.empty()) return usage_error("no input file given");
  bool only_target = columns.empty();  // --dialect and --table may go with --options, nothing else
  for (const auto& s : settings) only_target = only_target && (s.first == "dialect" || s.first == "table");
  if (!options_json.empty() && !only_target)
    return usage_error("give the columns and settings either as flags or in --options, not both");

  // Flags become the JSON object --options would give; --dialect and --table may go with --options.
  retention::JsonWriter w;
  w.begin_object();
  for (const auto& [key, value] : settings) w.key(key).string(value);
  if (!columns.empty()) {
    w.key("columns").begin_object();
    for (const auto& [role, name] : columns) w.key(role).string(name);
    w.end_object();
  }
  if (!sql) w.key("keepRows").boolean(true);
  w.end_object();
  std::string flags_json = w.take();

  if (!sql) {
    retention::Options options;
    if (retention::Error e = retention::parse_options_json(options_json.empty() ? flags_json : options_json, options))
      return usage_error(e.message);
    options.keepRows = true;
    options.clv.model = retention::ClvModel::none;  // only the rows are wanted
    std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
    if (!in) return file_error("open", file);
    std::string bytes;
    bool read = read_stream(in, bytes);
    if (in != stdin) std::fclose(in);
    if (!read) {
      std::fprintf(stderr, "retention-kit: cannot read %s\n", file.c_str());
      return 1;
    }
    retention::Engine engine(options);
    if (!engine.feed(bytes.data(), bytes.size()) || !engine.finish()) {
      std::fprintf(stderr, "retention-kit: %s\n", retention::describe_error(engine.error()).c_str());
      return 1;
    }
    std::fwrite(engine.rows_csv().data(), 1, engine.rows_csv().size(), stdout);
    return 0;
  }

  retention::SqlRequest request;
  if (retention::Error e = retention::parse_sql_request(options_json.empty() ? flags_json : options_json, request))
    return usage_error(e.message);
  if (!options_json.empty() && !settings.empty()) {  // --dialect / --table beside --options
    retention::SqlRequest flags;
    if (retention::Error e = retention::parse_sql_request(flags_json, flags)) return usage_error(e.message);
    for (const auto& s : settings) {
      if (s.first == "dialect") request.dialect = flags.dialect;
      if (s.first == "table") request.table = flags.table;
    }
  }
  if (!segments_file.empty()) {
    std::string text;
    if (!read_whole_file(segments_file, text)) return file_error("open", segments_file);
    if (retention::Error e = retention::parse_segments_json(text, request.options.segments)) return usage_error(e.message);
  }
  std::string out;
  if (retention::Error e = retention::generate_sql(request, out)) return usage_error(e.message);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
