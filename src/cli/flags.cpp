#include "cli/flags.hpp"

#include <algorithm>
#include <utility>

#include <simdjson.h>

#include "report/json_writer.hpp"

namespace {

enum class Kind { Column, Setting, Clv, Attributes, Options, Segments, ExportSegment, Out, Json, Strict, Help };

constexpr unsigned kAnalyze = static_cast<unsigned>(Command::analyze);
constexpr unsigned kSql = static_cast<unsigned>(Command::sql);
constexpr unsigned kRows = static_cast<unsigned>(Command::rows);
constexpr unsigned kAll = kAnalyze | kSql | kRows;

struct Flag {
  const char* name;
  Kind kind;
  const char* key;    // the options key a column role or setting sets
  const char* needs;  // what a missing value is called in the error; none for a switch
  unsigned commands;  // the commands that take it
};
constexpr Flag kFlags[] = {
    {"--customer", Kind::Column, "customer", "a value", kAll},
    {"--date", Kind::Column, "date", "a value", kAll},
    {"--amount", Kind::Column, "amount", "a value", kAll},
    {"--order", Kind::Column, "order", "a value", kAll},
    {"--refund", Kind::Column, "refund", "a value", kAll},
    {"--quantity", Kind::Column, "quantity", "a value", kAll},
    {"--unit-price", Kind::Column, "unitPrice", "a value", kAll},
    {"--product", Kind::Column, "product", "a value", kAnalyze},
    {"--status", Kind::Column, "status", "a value", kAll},
    {"--currency", Kind::Column, "currency", "a value", kAnalyze},
    {"--as-of", Kind::Setting, "asOf", "a value", kAnalyze | kSql},
    {"--from", Kind::Setting, "from", "a value", kAnalyze},
    {"--to", Kind::Setting, "to", "a value", kAnalyze},
    {"--format", Kind::Setting, "format", "a value", kAnalyze | kRows},
    {"--delimiter", Kind::Setting, "delimiter", "a value", kAnalyze | kRows},
    {"--decimal-separator", Kind::Setting, "decimalSeparator", "a value", kAnalyze | kRows},
    {"--date-order", Kind::Setting, "dateOrder", "a value", kAnalyze | kRows},
    {"--dialect", Kind::Setting, "dialect", "a value", kSql},
    {"--table", Kind::Setting, "table", "a value", kSql},
    {"--clv-model", Kind::Clv, "model", "a value", kAnalyze},
    {"--calibration-end", Kind::Clv, "calibrationEnd", "a value", kAnalyze},
    {"--attributes", Kind::Attributes, "", "column names", kAnalyze},
    {"--options", Kind::Options, "", "a JSON object", kAll},
    {"--segments", Kind::Segments, "", "a JSON file of segment rules", kAnalyze | kSql},
    {"--export-segment", Kind::ExportSegment, "", "a segment name", kAnalyze},
    {"--out", Kind::Out, "", "a file name", kAnalyze},
    {"--json", Kind::Json, "", nullptr, kAnalyze},
    {"--strict", Kind::Strict, "", nullptr, kAnalyze},
    {"--help", Kind::Help, "", nullptr, kAll},
    {"-h", Kind::Help, "", nullptr, kAll},
};

const Flag* find_flag(Command command, const std::string& name) {
  for (const Flag& f : kFlags)
    if (name == f.name && (f.commands & static_cast<unsigned>(command))) return &f;
  return nullptr;
}

// The --options object with the flags' keys laid over it, one level deep in "columns" and "clv",
// as web/lib/cli-flags.js does. Anything but an object is passed on unchanged, for the core to say
// what is wrong with it.
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

using Pairs = std::vector<std::pair<std::string, std::string>>;

// The flags as the JSON options object the npm CLI builds from them.
std::string flags_json(const Pairs& settings, const Pairs& clv, const Pairs& columns, const std::string& attributes,
                       bool strict) {
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
  return w.take();
}

}  // namespace

std::string parse_command_args(Command command, const std::vector<std::string>& args, size_t first, CommandArgs& out) {
  out = CommandArgs{};
  std::string options_json, attributes;
  bool strict = false, flags_ended = false;
  Pairs columns, settings, clv;
  for (size_t i = first; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!flags_ended && a == "--") {
      flags_ended = true;
      continue;
    }
    if (flags_ended || a.size() < 2 || a[0] != '-') {  // "-" is a file: standard input
      out.positionals.push_back(a);
      continue;
    }
    size_t eq = a[1] == '-' ? a.find('=') : std::string::npos;  // --flag=value
    const std::string name = a.substr(0, eq);
    const Flag* flag = find_flag(command, name);
    if (!flag) return "unknown option '" + a + "'";
    const bool takes_value = flag->needs != nullptr;
    if (!takes_value && eq != std::string::npos) return name + " takes no value";
    std::string v;
    if (takes_value) {
      if (eq != std::string::npos) v = a.substr(eq + 1);
      else if (i + 1 < args.size()) v = args[++i];
      else return name + " needs " + flag->needs;
    }
    switch (flag->kind) {
      case Kind::Column: columns.emplace_back(flag->key, v); break;
      case Kind::Setting: settings.emplace_back(flag->key, v); break;
      case Kind::Clv: clv.emplace_back(flag->key, v); break;
      case Kind::Attributes: attributes = v; break;
      case Kind::Options: options_json = v; break;
      case Kind::Segments: out.segments_file = v; break;
      case Kind::ExportSegment: out.export_name = v; break;
      case Kind::Out: out.out_file = v; break;
      case Kind::Json: out.json = true; break;
      case Kind::Strict: strict = true; break;
      case Kind::Help: out.help = true; return "";
    }
  }
  std::string flags = flags_json(settings, clv, columns, attributes, strict);
  out.options_json = options_json.empty() ? flags : with_flags(options_json, flags);
  return "";
}
