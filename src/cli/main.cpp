// Native CLI: `retention-kit analyze FILE... [--json] [options]` (and `sql`, `rows`), the same arguments and
// output as the npm CLI.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <simdjson.h>

#include "cli/cli_files.hpp"
#include "cli/warehouse_command.hpp"
#include "report/json_writer.hpp"
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
    "         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson]\n"
    "         [--delimiter auto|,|;|tab|\"|\"|whitespace] [--decimal-separator auto|.|,]\n"
    "         [--date-order auto|month-first|day-first] [--clv-model mbgnbd|bgnbd|pareto-nbd|none]\n"
    "         [--calibration-end YYYY-MM-DD] [--options JSON] [--segments RULES.json]\n"
    "         [--export-segment NAME --out FILE.csv]\n"
    "FILE may be - for standard input; several FILEs are analysed as one. --out - writes the\n"
    "segment to standard output instead of the report. NAME is an RF cell (active/single ...\n"
    "lapsed/highValue) or an RFM segment (Champions ... Others). A value may also follow its flag\n"
    "after =, as in --as-of=2024-06-30.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "retention-kit: %s\n%s", message.c_str(), kAnalyzeUsage);
  return 2;
}

int file_error(const char* what, const std::string& file, int error) {
  std::fprintf(stderr, "retention-kit: cannot %s %s: %s\n", what, file.c_str(), std::strerror(error));
  return 1;
}

bool write_whole_file(const std::string& path, const std::string& text) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  return std::fclose(out) == 0 && ok;
}

// Every flag of `analyze`, read by the rules of Node's util.parseArgs as the npm CLI uses it
// (--flag VALUE or --flag=VALUE, -- ends the flags, grouped short flags are not taken apart), so
// that both CLIs answer the same arguments with the same bytes.
enum class Kind { Column, Setting, Clv, Attributes, Options, Segments, ExportSegment, Out, Json, Strict, Help };
struct Flag {
  const char* name;
  Kind kind;
  const char* key;    // the options key a column role or setting sets
  const char* needs;  // what a missing value is called in the error
};
constexpr Flag kFlags[] = {
    {"--customer", Kind::Column, "customer", "a value"},
    {"--date", Kind::Column, "date", "a value"},
    {"--amount", Kind::Column, "amount", "a value"},
    {"--order", Kind::Column, "order", "a value"},
    {"--refund", Kind::Column, "refund", "a value"},
    {"--quantity", Kind::Column, "quantity", "a value"},
    {"--unit-price", Kind::Column, "unitPrice", "a value"},
    {"--product", Kind::Column, "product", "a value"},
    {"--status", Kind::Column, "status", "a value"},
    {"--currency", Kind::Column, "currency", "a value"},
    {"--as-of", Kind::Setting, "asOf", "a value"},
    {"--from", Kind::Setting, "from", "a value"},
    {"--to", Kind::Setting, "to", "a value"},
    {"--format", Kind::Setting, "format", "a value"},
    {"--delimiter", Kind::Setting, "delimiter", "a value"},
    {"--decimal-separator", Kind::Setting, "decimalSeparator", "a value"},
    {"--date-order", Kind::Setting, "dateOrder", "a value"},
    {"--clv-model", Kind::Clv, "model", "a value"},
    {"--calibration-end", Kind::Clv, "calibrationEnd", "a value"},
    {"--attributes", Kind::Attributes, "", "column names"},
    {"--options", Kind::Options, "", "a JSON object"},
    {"--segments", Kind::Segments, "", "a JSON file of segment rules"},
    {"--export-segment", Kind::ExportSegment, "", "a segment name"},
    {"--out", Kind::Out, "", "a file name"},
    {"--json", Kind::Json, "", nullptr},
    {"--strict", Kind::Strict, "", nullptr},
    {"--help", Kind::Help, "", nullptr},
    {"-h", Kind::Help, "", nullptr},
};

const Flag* find_flag(const std::string& name) {
  for (const Flag& f : kFlags)
    if (name == f.name) return &f;
  return nullptr;
}

int print_usage(const char* usage) {
  std::fputs(usage, stdout);
  return 0;
}

// Explicit flags win over --options, whatever their order (issue 9): the --options object with the
// flags' keys laid over it, one level deep in "columns" and "clv", as web/lib/cli.js does.
// Anything but an object is passed on unchanged, for the core to say what is wrong with it.
std::string with_flags(const std::string& options_json, const std::string& flags_json) {
  simdjson::dom::parser base_parser, flag_parser;
  simdjson::dom::object base, flags;
  if (flag_parser.parse(flags_json).get(flags) || flags.size() == 0) return options_json;
  if (base_parser.parse(options_json).get(base)) return options_json;
  auto nested = [](std::string_view key) { return key == "columns" || key == "clv"; };
  retention::JsonWriter w;
  w.begin_object();
  for (auto field : base) {
    simdjson::dom::element flag;
    if (flags.at_key(field.key).get(flag)) w.key(field.key).raw(simdjson::minify(field.value));
  }
  for (auto field : flags) {
    simdjson::dom::object inner_flags, inner_base;
    if (!nested(field.key) || base.at_key(field.key).get(inner_base) || field.value.get(inner_flags)) {
      w.key(field.key).raw(simdjson::minify(field.value));
      continue;
    }
    w.key(field.key).begin_object();
    for (auto inner : inner_base) {
      simdjson::dom::element flag;
      if (inner_flags.at_key(inner.key).get(flag)) w.key(inner.key).raw(simdjson::minify(inner.value));
    }
    for (auto inner : inner_flags) w.key(inner.key).raw(simdjson::minify(inner.value));
    w.end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace

int main(int argc, char** argv) {
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

  std::vector<std::string> files;  // several: one analysis of them all
  std::string options_json, attributes, segments_file, export_name, out_file;
  bool json = false, strict = false, flags_ended = false;
  std::vector<std::pair<std::string, std::string>> columns, settings, clv;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!flags_ended && a == "--") {
      flags_ended = true;
      continue;
    }
    if (flags_ended || a.size() < 2 || a[0] != '-') {  // "-" is a file: standard input
      files.push_back(a);
      continue;
    }
    size_t eq = a[1] == '-' ? a.find('=') : std::string::npos;  // --flag=value
    const std::string name = a.substr(0, eq);
    const Flag* flag = find_flag(name);
    if (!flag) return usage_error("unknown option '" + a + "'");
    const bool takes_value = flag->needs != nullptr;
    if (!takes_value && eq != std::string::npos) return usage_error(name + " takes no value");
    std::string v;
    if (takes_value) {
      if (eq != std::string::npos) v = a.substr(eq + 1);
      else if (i + 1 < args.size()) v = args[++i];
      else return usage_error(name + " needs " + flag->needs);
    }
    switch (flag->kind) {
      case Kind::Column: columns.emplace_back(flag->key, v); break;
      case Kind::Setting: settings.emplace_back(flag->key, v); break;
      case Kind::Clv: clv.emplace_back(flag->key, v); break;
      case Kind::Attributes: attributes = v; break;
      case Kind::Options: options_json = v; break;
      case Kind::Segments: segments_file = v; break;
      case Kind::ExportSegment: export_name = v; break;
      case Kind::Out: out_file = v; break;
      case Kind::Json: json = true; break;
      case Kind::Strict: strict = true; break;
      case Kind::Help: return print_usage(kAnalyzeUsage);
    }
  }
  if (files.empty()) return usage_error("no input file given");
  if (export_name.empty() != out_file.empty())
    return usage_error(out_file.empty() ? "--export-segment needs --out FILE" : "--out needs --export-segment NAME");
  std::string segments_json;
  if (!segments_file.empty() && !read_whole_file(segments_file, segments_json))
    return file_error("open", segments_file, errno);

  // Flags become the same JSON options object the npm CLI builds, laid over --options.
  {
    retention::JsonWriter w;
    w.begin_object();
    for (const auto& [key, value] : settings) w.key(key).string(value);
    if (strict) w.key("strict").boolean(true);
    if (!clv.empty()) {
      w.key("clv").begin_object();
      for (const auto& [key, value] : clv) w.key(key).string(value);
      w.end_object();
    }
    if (!columns.empty() || !attributes.empty()) {
      w.key("columns").begin_object();
      for (const auto& [role, name] : columns) w.key(role).string(name);
      if (!attributes.empty()) {
        w.key("attributes").begin_array();
        for (size_t start = 0; start <= attributes.size();) {  // "Country,Channel"
          size_t comma = std::min(attributes.find(',', start), attributes.size());
          w.string(attributes.substr(start, comma - start));
          start = comma + 1;
        }
        w.end_array();
      }
      w.end_object();
    }
    w.end_object();
    options_json = options_json.empty() ? w.take() : with_flags(options_json, w.take());
  }
  retention::Options options;
  if (retention::Error e = retention::parse_options_json(options_json, options)) return usage_error(e.message);
  if (!segments_file.empty())
    if (retention::Error e = retention::parse_segments_json(segments_json, options.segments)) return usage_error(e.message);

  // Every file is opened before any is read, so a missing one is reported at once.
  std::vector<std::FILE*> inputs;
  auto close_from = [&](size_t k) {
    for (; k < inputs.size(); ++k)
      if (inputs[k] != stdin) std::fclose(inputs[k]);
  };
  for (const std::string& file : files) {
    std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
    int error = in ? 0 : errno;
    struct stat info;
    if (in && in != stdin && fstat(fileno(in), &info) == 0 && S_ISDIR(info.st_mode)) {  // fopen opens a folder on Linux
      std::fclose(in);
      in = nullptr;
      error = EISDIR;
    }
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
  std::string out = json ? retention::to_json(engine.report()) + "\n" : retention::to_text(engine.report());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
