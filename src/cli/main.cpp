// Native CLI: `retention-kit analyze FILE [--json] [options]`, the same arguments and output as the npm CLI.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "report/json_writer.hpp"
#include "retention/engine.hpp"

namespace {

constexpr const char* kUsage =
    "usage: retention-kit analyze FILE [--json] [--as-of YYYY-MM-DD] [--strict]\n"
    "         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n"
    "         [--quantity COL] [--unit-price COL] [--options JSON]\n"
    "FILE may be - for standard input.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "retention-kit: %s\n%s", message.c_str(), kUsage);
  return 2;
}

struct Flag {
  const char* name;
  const char* role;  // column role, or nullptr for --as-of
};
constexpr Flag kColumnFlags[] = {{"--customer", "customer"}, {"--date", "date"},         {"--amount", "amount"},
                                 {"--order", "order"},       {"--refund", "refund"},     {"--quantity", "quantity"},
                                 {"--unit-price", "unitPrice"}};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] != "analyze") return usage_error("unknown command '" + args[0] + "'");

  std::string file, as_of, options_json;
  bool json = false, strict = false;
  std::vector<std::pair<std::string, std::string>> columns;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    bool matched = false;
    for (const Flag& f : kColumnFlags) {
      if (a == f.name) {
        std::string v;
        if (!value(v)) return usage_error(a + " needs a column name");
        columns.emplace_back(f.role, v);
        matched = true;
      }
    }
    if (matched) continue;
    if (a == "--json") json = true;
    else if (a == "--strict") strict = true;
    else if (a == "--as-of") {
      if (!value(as_of)) return usage_error("--as-of needs a date");
    } else if (a == "--options") {
      if (!value(options_json)) return usage_error("--options needs a JSON object");
    } else if (a.size() > 1 && a[0] == '-' && a != "-") return usage_error("unknown option '" + a + "'");
    else if (file.empty()) file = a;
    else return usage_error("more than one input file given");
  }
  if (file.empty()) return usage_error("no input file given");

  // Flags become the same JSON options object the npm CLI builds; --options gives the whole object.
  if (options_json.empty()) {
    retention::JsonWriter w;
    w.begin_object();
    if (!as_of.empty()) w.key("asOf").string(as_of);
    if (strict) w.key("strict").boolean(true);
    if (!columns.empty()) {
      w.key("columns").begin_object();
      for (const auto& [role, name] : columns) w.key(role).string(name);
      w.end_object();
    }
    w.end_object();
    options_json = w.take();
  }
  retention::Options options;
  if (retention::Error e = retention::parse_options_json(options_json, options)) return usage_error(e.message);

  std::FILE* in = file == "-" ? stdin : std::fopen(file.c_str(), "rb");
  if (!in) {
    std::fprintf(stderr, "retention-kit: cannot open %s: %s\n", file.c_str(), std::strerror(errno));
    return 1;
  }
  retention::Engine engine(options);
  std::vector<char> buffer(1 << 20);
  bool ok = true;
  while (ok) {
    size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
    if (n == 0) break;
    ok = engine.feed(buffer.data(), n);
  }
  bool read_failed = std::ferror(in) != 0;
  if (in != stdin) std::fclose(in);
  if (read_failed) {
    std::fprintf(stderr, "retention-kit: cannot read %s\n", file.c_str());
    return 1;
  }
  if (ok) ok = engine.finish();
  if (!ok) {
    std::fprintf(stderr, "retention-kit: %s\n", retention::describe_error(engine.error()).c_str());
    return 1;
  }
  std::string out = json ? retention::to_json(engine.report()) + "\n" : retention::to_text(engine.report());
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
