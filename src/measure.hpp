// Issue 11: the engine's measure of itself (options.measure), for benchmarks and for a user asking why a
// run is slow. Never in a default report: the figures differ from run to run and between the native and
// wasm builds, whose reports are otherwise byte-identical.
#pragma once

#include <cstdint>

#include "retention/report.hpp"

namespace retention {

// CPU seconds of this process natively; elapsed seconds in wasm, which has no CPU clock (the engine
// runs on one thread there and does not wait for input inside a stage).
double stage_clock_seconds();

// The most memory the engine has held: natively the process's peak resident set; in wasm the top of
// the heap (its malloc never gives memory back, so the highest it reached).
int64_t peak_memory_bytes();

// Adds the seconds from its construction to its end to the stage `name` of `into`; does nothing when
// `into` is null (not measuring).
class StageTimer {
 public:
  StageTimer(Report::Measured* into, const char* name)
      : into_(into), name_(name), start_(into ? stage_clock_seconds() : 0) {}
  ~StageTimer();
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  Report::Measured* into_;
  const char* name_;
  double start_;
};

}  // namespace retention
