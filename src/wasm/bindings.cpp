// Embind layer: bytes in, report and per-customer columns out. No analytics here: every call forwards
// to retention::Engine. Sessions live behind integer handles so JS never owns C++ objects
// (open -> id ... close(id)).
#include <emscripten/bind.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "report/customers_csv.hpp"
#include "report/json_writer.hpp"
#include "retention/engine.hpp"
#include "retention/sql.hpp"

namespace {

struct Session {
  explicit Session(retention::Options options) : engine(std::move(options)) {}
  retention::Engine engine;
  // Made on first request, for JS: monetary in currency units, and every customer's CSV export line.
  std::vector<double> monetary;
  std::string csv;
  std::vector<size_t> csvOffsets;  // size_t: 32-bit in wasm32, 64-bit natively
};

std::map<int, std::unique_ptr<Session>> sessions;
int next_handle = 1;

// {"error":{"code","message","line"}}: errors stop here and become a typed error in JS.
std::string error_json(const retention::Error& e) {
  retention::JsonWriter w;
  w.begin_object().key("error").begin_object();
  w.key("code").string(retention::error_code_name(e.code));
  w.key("message").string(retention::describe_error(e));
  w.key("line").integer(e.line);
  w.end_object().end_object();
  return w.take();
}

Session* find(int handle) {
  auto it = sessions.find(handle);
  return it == sessions.end() ? nullptr : it->second.get();
}

std::string no_session() { return error_json({retention::ErrorCode::internal, "no such analysis session", 0}); }

// Returns {"handle":N} or an error.
std::string open_session(const std::string& options_json) {
  retention::Options options;
  if (retention::Error e = retention::parse_options_json(options_json, options)) return error_json(e);
  int handle = next_handle++;
  sessions.emplace(handle, std::make_unique<Session>(std::move(options)));
  return "{\"handle\":" + std::to_string(handle) + "}";
}

// Reads `size` bytes at `ptr` in the wasm heap; the caller owns (and frees) that buffer.
std::string append(int handle, uintptr_t ptr, size_t size) {
  Session* s = find(handle);
  if (!s) return no_session();
  if (s->engine.feed(reinterpret_cast<const char*>(ptr), size)) return "";
  return error_json(s->engine.error());
}

std::string finish(int handle) {
  Session* s = find(handle);
  if (!s) return no_session();
  return s->engine.finish() ? "" : error_json(s->engine.error());
}

// Ends one file and starts the next of one analysis (issue 14).
std::string next_file(int handle) {
  Session* s = find(handle);
  if (!s) return no_session();
  return s->engine.next_file() ? "" : error_json(s->engine.error());
}

std::string report_json(int handle) {
  Session* s = find(handle);
  return s ? retention::to_json(s->engine.report()) : no_session();
}

std::string report_text(int handle) {
  Session* s = find(handle);
  return s ? retention::to_text(s->engine.report()) : no_session();
}

template <class T>
emscripten::val view(const std::vector<T>& column) {
  return emscripten::val(emscripten::typed_memory_view(column.size(), column.data()));
}

emscripten::val view(const std::string& bytes) {
  return emscripten::val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data())));
}

// One per-customer column as a typed array viewing the wasm heap (undefined for an unknown name).
// The view dies with the next call that grows memory: JS copies it out before calling again.
emscripten::val customer_column(int handle, const std::string& name) {
  Session* s = find(handle);
  if (!s) return emscripten::val::undefined();
  const retention::CustomerResults& c = s->engine.customers();
  if (name == "monetary" || name == "csvBytes" || name == "csvOffsets") {
    if (s->csvOffsets.empty()) {  // computed before any view of this call is taken
      for (retention::Money m : c.monetary) s->monetary.push_back(static_cast<double>(m) / retention::kMoneyScale);
      retention::customers_csv(s->engine.report(), c, s->csv, s->csvOffsets);
    }
    if (name == "monetary") return view(s->monetary);
    if (name == "csvOffsets") return view(s->csvOffsets);
    return view(s->csv);
  }
  if (name == "idBytes") return view(c.idBytes);
  if (name == "idOffsets") return view(c.idOffsets);
  if (name == "firstOrder") return view(c.firstOrder);
  if (name == "lastOrder") return view(c.lastOrder);
  if (name == "recencyDays") return view(c.recencyDays);
  if (name == "frequency") return view(c.frequency);
  if (name == "r") return view(c.r);
  if (name == "f") return view(c.f);
  if (name == "m") return view(c.m);
  if (name == "rfCell") return view(c.rfCell);
  if (name == "segment") return view(c.segment);
  if (name == "churnRisk") return view(c.churnRisk);
  if (name == "pAlive") return view(c.value.pAlive);
  if (name == "expectedPurchases") return view(c.value.expectedPurchases);
  if (name == "expectedOrderValue") return view(c.value.expectedOrderValue);
  if (name == "clv") return view(c.value.clv);
  if (name == "nextOrder") return view(c.value.nextOrder);
  return emscripten::val::undefined();
}

// With options.keepRows: the rows as the engine read them (issue 14), after finish.
std::string rows_csv(int handle) {
  Session* s = find(handle);
  return s ? s->engine.rows_csv() : no_session();
}

// {"sql": script} or an error: the warehouse SQL for a request (retention/sql.hpp).
std::string sql_script(const std::string& request_json) {
  retention::SqlRequest request;
  std::string script;
  retention::Error e = retention::parse_sql_request(request_json, request);
  if (!e) e = retention::generate_sql(request, script);
  if (e) return error_json(e);
  retention::JsonWriter w;
  w.begin_object().key("sql").string(script).end_object();
  return w.take();
}

void close_session(int handle) { sessions.erase(handle); }

}  // namespace

EMSCRIPTEN_BINDINGS(retention_kit) {
  emscripten::function("open", &open_session);
  emscripten::function("append", &append);
  emscripten::function("finish", &finish);
  emscripten::function("nextFile", &next_file);
  emscripten::function("reportJson", &report_json);
  emscripten::function("reportText", &report_text);
  emscripten::function("customerColumn", &customer_column);
  emscripten::function("rowsCsv", &rows_csv);
  emscripten::function("sqlScript", &sql_script);
  emscripten::function("close", &close_session);
}
