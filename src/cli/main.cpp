// Native CLI: `retention-kit analyze FILE [--json] [options]`, the same arguments and output as the npm CLI.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/cli_files.hpp"
#include "cli/warehouse_command.hpp"
#include "report/json_writer.hpp"
#include "retention/engine.hpp"

namespace {

constexpr const char* kUsage =
    "usage: retention-kit analyze FILE... [--json] [--as-of YYYY-MM-DD] [--strict]\n"
    "         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n"
    "         [--quantity COL] [--unit-price COL] [--product COL] [--status COL] [--currency COL]\n"
    "         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson]\n"
    "         [--delimiter auto|,|;|tab|\"|\"|whitespace] [--decimal-separator auto|.|,]\n"
    "         [--date-order auto|month-first|day-first] [--clv-model bgnbd|pareto-nbd|none]\n"
    "         [--calibration-end YYYY-MM-DD] [--options JSON] [--segments RULES.json]\n"
    "         [--export-segment NAME --out FILE.csv]\n"
    "FILE may be - for standard input; several FILEs are analysed as one.\n"
    "NAME is an RF cell (active/single ... lapsed/highValue)\n"
    "or an RFM segment (Champions ... Others).\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "retention-kit: %s\n%s", message.c_str(), kUsage);
  return 2;
}

bool write_whole_file(const std::string& path, const std::string& text) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (!out) return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  return std::fclose(out) == 0 && ok;
}

// A flag with a value, and the options key it sets (in "columns" for a column role).
struct Flag {
  const char* name;
  const char* key;
};
constexpr Flag kColumnFlags[] = {{"--customer", "customer"}, {"--date", "date"},         {"--amount", "amount"},
                                 {"--order", "order"},       {"--refund", "refund"},     {"--quantity", "quantity"},
                                 {"--unit-price", "unitPrice"}, {"--product", "product"}, {"--status", "status"},
                                 {"--currency", "currency"}};
constexpr Flag kSettingFlags[] = {{"--as-of", "asOf"},
                                  {"--format", "format"},
                                  {"--delimiter", "delimiter"},
                                  {"--decimal-separator", "decimalSeparator"},
                                  {"--date-order", "dateOrder"}};
constexpr Flag kClvFlags[] = {{"--clv-model", "model"}, {"--calibration-end", "calibrationEnd"}};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "sql" || args[0] == "rows") return warehouse_command(args);
  if (args[0] != "analyze") return usage_error("unknown command '" + args[0] + "'");

  std::vector<std::string> files;  // several: one analysis of them all (issue 14)
  std::string options_json, attributes, segments_file, export_name, out_file;
  bool json = false, strict = false;
  std::vector<std::pair<std::string, std::string>> columns, settings, clv;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    // Flags with a value: a column role, or a setting.
    auto take = [&](const auto& flags, auto& target) {
      for (const Flag& f : flags) {
        if (a != f.name) continue;
        std::string v;
        if (!value(v)) return -1;
        target.emplace_back(f.key, v);
        return 1;
      }
      return 0;
    };
    int matched = take(kColumnFlags, columns);
    if (!matched) matched = take(kSettingFlags, settings);
    if (!matched) matched = take(kClvFlags, clv);
    if (matched < 0) return usage_error(a + " needs a value");
    if (matched) continue;
    if (a == "--json") json = true;
    else if (a == "--strict") strict = true;
    else if (a == "--attributes") {
      if (!value(attributes)) return usage_error("--attributes needs column names");
    } else if (a == "--options") {
      if (!value(options_json)) return usage_error("--options needs a JSON object");
    } else if (a == "--segments") {
      if (!value(segments_file)) return usage_error("--segments needs a JSON file of segment rules");
    } else if (a == "--export-segment") {
      if (!value(export_name)) return usage_error("--export-segment needs a segment name");
    } else if (a == "--out") {
      if (!value(out_file)) return usage_error("--out needs a file name");
    } else if (a.size() > 1 && a[0] == '-' && a != "-") return usage_error("unknown option '" + a + "'");
    else files.push_back(a);
  }
  if (files.empty()) return usage_error("no input file given");
  if (export_name.empty() != out_file.empty())
    return usage_error(out_file.empty() ? "--export-segment needs --out FILE" : "--out needs --export-segment NAME");
  std::string segments_json;
  if (!segments_file.empty() && !read_whole_file(segments_file, segments_json)) return file_error("open", segments_file);

  // Flags become the same JSON options object the npm CLI builds; --options gives the whole object.
  if (options_json.empty()) {
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
    options_json = w.take();
  }
  retention::Options options;
  if (retention::Error e = retention::parse_options_json(options_json, options)) return usage_error(e.message);
  if (!segments_file.empty())
    if (retention::Error e = retention::parse_segments_json(segments_json, options.segments)) return usage_error(e.message);

  // Every file is opened before any is read, so a missing one is reported at once.
  std::vector<std::FILE*> inputs;
  for (const std::string& file : files) {
    std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
    if (!in) {
      for (std::FILE* f : inputs) if (f != stdin) std::fclose(f);
      return file_error("open", file);
    }
    inputs.push_back(in);
  }
  retention::Engine engine(options);
  std::vector<char> buffer(1 << 20);
  bool ok = true;
  for (size_t k = 0; k < inputs.size(); ++k) {
    std::FILE* in = inputs[k];
    if (ok && k > 0) ok = engine.next_file();
    while (ok) {
      size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
      if (n == 0) break;
      ok = engine.feed(buffer.data(), n);
    }
    bool read_failed = std::ferror(in) != 0;
    if (in != stdin) std::fclose(in);
    if (read_failed) {
      for (size_t j = k + 1; j < inputs.size(); ++j) if (inputs[j] != stdin) std::fclose(inputs[j]);
      std::fprintf(stderr, "retention-kit: cannot read %s\n", files[k].c_str());
      return 1;
    }
  }
  if (ok) ok = engine.finish();
  if (!ok) {
    std::fprintf(stderr, "retention-kit: %s\n", retention::describe_error(engine.error()).c_str());
    return 1;
  }
  if (!export_name.empty()) {
    std::string csv;
    if (retention::Error e = retention::export_segment_csv(engine.report(), engine.customers(), export_name, csv))
      return usage_error(e.message);
    if (!write_whole_file(out_file, csv)) return file_error("write", out_file);
  }
  std::string out = json ? retention::to_json(engine.report()) + "\n" : retention::to_text(engine.report());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
