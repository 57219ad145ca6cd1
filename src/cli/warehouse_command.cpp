// The same arguments, output and exit codes as web/lib/cli-warehouse.js.
#include "cli/warehouse_command.hpp"

#include "cli/cli_files.hpp"
#include "cli/flags.hpp"

#include <cstdio>

#include "retention/engine.hpp"
#include "retention/sql.hpp"

namespace {

constexpr const char* kUsage =
    "usage: retention-kit sql --dialect duckdb|postgres|spark|bigquery [--table NAME] [--as-of YYYY-MM-DD]\n"
    "         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n"
    "         [--quantity COL] [--unit-price COL] [--status COL] [--options JSON] [--segments RULES.json]\n"
    "       retention-kit rows FILE [the same column flags] [--format auto|csv|text|json|ndjson]\n"
    "         [--delimiter D] [--decimal-separator S] [--date-order auto|month-first|day-first]\n"
    "         [--options JSON]\n"
    "sql prints a script for the table (default orders) whose last statement returns one row per\n"
    "customer; rows prints the file's rows as that table (customer,order,date,amount,status). FILE\n"
    "may be - for standard input. A flag wins over the same key in --options; a value may also\n"
    "follow its flag after =.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "retention-kit: %s\n%s", message.c_str(), kUsage);
  return 2;
}

}  // namespace

int warehouse_command(const std::vector<std::string>& args) {
  const bool sql = args[0] == "sql";
  CommandArgs parsed;
  if (std::string error = parse_command_args(sql ? Command::sql : Command::rows, args, 1, parsed); !error.empty())
    return usage_error(error);
  if (parsed.help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (sql && !parsed.positionals.empty()) return usage_error("sql reads no file: it writes SQL for a table (--table NAME)");
  if (!sql && parsed.positionals.size() > 1) return usage_error("more than one input file given");
  if (!sql && parsed.positionals.empty()) return usage_error("no input file given");

  if (!sql) {
    retention::Options options;
    if (retention::Error e = retention::parse_options_json(parsed.options_json, options)) return usage_error(e.message);
    options.keepRows = true;
    options.clv.model = retention::ClvModel::none;  // only the rows are wanted
    const std::string& file = parsed.positionals[0];
    int error = 0;
    std::FILE* in = open_input(file, error);
    if (!in) return file_error("open", file, error);
    std::string bytes;
    bool read = read_stream(in, bytes);
    error = errno;
    if (in != stdin) std::fclose(in);
    if (!read) return file_error("read", file == "-" ? "standard input" : file, error);
    retention::Engine engine(options);
    if (!engine.feed(bytes.data(), bytes.size()) || !engine.finish()) {
      std::fprintf(stderr, "retention-kit: %s\n", retention::describe_error(engine.error()).c_str());
      return 1;
    }
    std::fwrite(engine.rows_csv().data(), 1, engine.rows_csv().size(), stdout);
    return 0;
  }

  std::string segments_json;  // read first, as analyze reads it
  if (!parsed.segments_file.empty() && !read_whole_file(parsed.segments_file, segments_json))
    return file_error("open", parsed.segments_file);
  retention::SqlRequest request;
  if (retention::Error e = retention::parse_sql_request(parsed.options_json, request)) return usage_error(e.message);
  if (!parsed.segments_file.empty())
    if (retention::Error e = retention::parse_segments_json(segments_json, request.options.segments))
      return usage_error(e.message);
  std::string out;
  if (retention::Error e = retention::generate_sql(request, out)) return usage_error(e.message);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
