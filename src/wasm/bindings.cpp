// Embind layer: bytes in, report out. No analytics here: every call forwards to retention::Engine.
// Sessions live behind integer handles so JS never owns C++ objects (open -> id ... close(id)).
#include <emscripten/bind.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "report/json_writer.hpp"
#include "retention/engine.hpp"

namespace {

std::map<int, std::unique_ptr<retention::Engine>> sessions;
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

retention::Engine* find(int handle) {
  auto it = sessions.find(handle);
  return it == sessions.end() ? nullptr : it->second.get();
}

std::string no_session() { return error_json({retention::ErrorCode::internal, "no such analysis session", 0}); }

// Returns {"handle":N} or an error.
std::string open_session(const std::string& options_json) {
  retention::Options options;
  if (retention::Error e = retention::parse_options_json(options_json, options)) return error_json(e);
  int handle = next_handle++;
  sessions.emplace(handle, std::make_unique<retention::Engine>(std::move(options)));
  return "{\"handle\":" + std::to_string(handle) + "}";
}

// Reads `size` bytes at `ptr` in the wasm heap; the caller owns (and frees) that buffer.
std::string append(int handle, uintptr_t ptr, size_t size) {
  retention::Engine* engine = find(handle);
  if (!engine) return no_session();
  if (engine->feed(reinterpret_cast<const char*>(ptr), size)) return "";
  return error_json(engine->error());
}

std::string finish(int handle) {
  retention::Engine* engine = find(handle);
  if (!engine) return no_session();
  return engine->finish() ? "" : error_json(engine->error());
}

std::string report_json(int handle) {
  retention::Engine* engine = find(handle);
  return engine ? retention::to_json(engine->report()) : no_session();
}

std::string report_text(int handle) {
  retention::Engine* engine = find(handle);
  return engine ? retention::to_text(engine->report()) : no_session();
}

void close_session(int handle) { sessions.erase(handle); }

}  // namespace

EMSCRIPTEN_BINDINGS(retention_kit) {
  emscripten::function("open", &open_session);
  emscripten::function("append", &append);
  emscripten::function("finish", &finish);
  emscripten::function("reportJson", &report_json);
  emscripten::function("reportText", &report_text);
  emscripten::function("close", &close_session);
}
