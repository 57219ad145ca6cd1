// Native CLI: `retention-kit analyze FILE... [--json] [options]` (and `sql`, `rows`), the same arguments and
// output as the npm CLI.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/cli_files.hpp"
#include "cli/flags.hpp"
#include "cli/huge_pages.hpp"
#include "cli/warehouse_command.hpp"
#include "retention/engine.hpp"

namespace {

constexpr const char* kUsage =
    "usage: retention-kit analyze FILE... [options]   segments and analyses order exports (several as one)\n"
    "       retention-kit analyze --help           the options of analyze\n"
    "       retention-kit sql --dialect D [options]  SQL that computes the per-customer table in a warehouse\n"
    "       retention-kit rows FILE [options]      the rows as the engine read them, as CSV\n"
    "       retention-kit --version                prints the version\n";

constexpr const char* kAnalyzeUsage =
    "usage: retention-kit analyze FILE... [--json] [--as-of YYYY-MM-DD] [--strict]\n"
    "         [--from YYYY-MM-DD] [--to YYYY-MM-DD] (only the orders of those days)\n"
    "         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n"
    "         [--quantity COL] [--unit-price COL] [--product COL] [--status COL] [--currency COL]\n"
    "         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson|customers]\n"
    "         [--delimiter auto|,|;|tab|\"|\"|whitespace] [--decimal-separator auto|.|,]\n"
    "         [--date-order auto|month-first|day-first] [--clv-model mbgnbd|bgnbd|pareto-nbd|none]\n"
    "         [--calibration-end YYYY-MM-DD] [--options JSON] [--segments RULES.json]\n"
    "         [--export-segment NAME --out FILE.csv]\n"
    "FILE may be - for standard input; several FILEs are analysed as one. --out - writes the\n"
    "segment to standard output instead of the report. NAME is an RF cell (active/single ...\n"
    "lapsed/highValue) or an RFM segment (Champions ... Others). A value may also follow its flag\n"
    "after =, as in --as-of=2024-06-30.\n"
    "--format customers reads a per-customer summary (customer, first order, last order, orders,\n"
    "revenue), such as the last result of retention-kit sql; it is also detected from the header.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "retention-kit: %s\n%s", message.c_str(), kAnalyzeUsage);
  return 2;
}

bool write_whole_file(const std::string& path, const std::string& text) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  return std::fclose(out) == 0 && ok;
}

int print_usage(const char* usage) {
  std::fputs(usage, stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  retention::use_huge_pages(argv);
  retention::keep_freed_memory();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h") return print_usage(kUsage);
  if (args[0] == "--version") return print_usage(RETENTION_VERSION "\n");
  if (args[0] == "sql" || args[0] == "rows") return warehouse_command(args);
  if (args[0] != "analyze") {
    std::fprintf(stderr, "retention-kit: unknown command '%s'\n%s", args[0].c_str(), kUsage);
    return 2;
  }

  CommandArgs parsed;
  if (std::string error = parse_command_args(Command::analyze, args, 1, parsed); !error.empty()) return usage_error(error);
  if (parsed.help) return print_usage(kAnalyzeUsage);
  const std::vector<std::string>& files = parsed.positionals;  // several: one analysis of them all
  const std::string &segments_file = parsed.segments_file, &export_name = parsed.export_name, &out_file = parsed.out_file;
  if (files.empty()) return usage_error("no input file given");
  if (export_name.empty() != out_file.empty())
    return usage_error(out_file.empty() ? "--export-segment needs --out FILE" : "--out needs --export-segment NAME");
  std::string segments_json;
  if (!segments_file.empty() && !read_whole_file(segments_file, segments_json))
    return file_error("open", segments_file, errno);

  retention::Options options;
  if (retention::Error e = retention::parse_options_json(parsed.options_json, options)) return usage_error(e.message);
  if (!segments_file.empty())
    if (retention::Error e = retention::parse_segments_json(segments_json, options.segments)) return usage_error(e.message);

  // Every file is opened before any is read, so a missing one is reported at once.
  std::vector<std::FILE*> inputs;
  auto close_from = [&](size_t k) {
    for (; k < inputs.size(); ++k)
      if (inputs[k] != stdin) std::fclose(inputs[k]);
  };
  for (const std::string& file : files) {
    int error = 0;
    std::FILE* in = open_input(file, error);
    if (!in) {
      close_from(0);
      return file_error("open", file, error);
    }
    inputs.push_back(in);
  }
  retention::Engine engine(options);
  std::vector<char> buffer(1 << 20);
  bool ok = true;
  size_t fed = 0;
  for (size_t k = 0; k < inputs.size(); ++k) {
    std::FILE* in = inputs[k];
    if (ok && k > 0) ok = engine.next_file();
    int read_error = 0;
    while (ok) {
      size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
      if (n == 0) {
        if (std::ferror(in)) read_error = errno;
        break;
      }
      ok = engine.feed(buffer.data(), n);
      fed += n;
    }
    if (in != stdin) std::fclose(in);
    if (read_error) {
      close_from(k + 1);
      return file_error("read", files[k] == "-" ? "standard input" : files[k], read_error);
    }
  }
  if (ok) ok = engine.finish();
  if (!ok) {
    std::string message = retention::describe_error(engine.error());
    if (engine.error().code == retention::ErrorCode::input_too_large)  // as the wasm CLI words it (session.js)
      message += " (" + std::to_string(fed) + " bytes were read)";
    std::fprintf(stderr, "retention-kit: %s\n", message.c_str());
    return 1;
  }
  if (!export_name.empty()) {
    std::string csv;
    if (retention::Error e = retention::export_segment_csv(engine.report(), engine.customers(), export_name, csv))
      return usage_error(e.message);
    if (out_file == "-") {  // the segment is the output: the report would be mixed into it
      std::fwrite(csv.data(), 1, csv.size(), stdout);
      return 0;
    }
    if (!write_whole_file(out_file, csv)) return file_error("write", out_file, errno);
  }
  std::string out = parsed.json ? retention::to_json(engine.report()) + "\n" : retention::to_text(engine.report());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
