#include "measure.hpp"

#include <cstdint>
#include <ctime>

#ifdef __EMSCRIPTEN__
#include <unistd.h>
#else
#include <sys/resource.h>
#endif

namespace retention {

double stage_clock_seconds() {
  timespec now{};
#ifdef __EMSCRIPTEN__
  clock_gettime(CLOCK_MONOTONIC, &now);
#else
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
#endif
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

int64_t peak_memory_bytes() {
#ifdef __EMSCRIPTEN__
  // The top of the heap: the wasm memory only grows and this malloc never gives memory back, so it
  // is the highest the heap reached, whatever step the memory grew by.
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(sbrk(0)));
#else
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<int64_t>(usage.ru_maxrss) * 1024;  // Linux reports kilobytes
#endif
}

StageTimer::~StageTimer() {
  if (!into_) return;
  const double seconds = stage_clock_seconds() - start_;
  for (Report::Stage& stage : into_->stages)
    if (stage.name == name_) {
      stage.seconds += seconds;
      return;
    }
  into_->stages.push_back({name_, seconds});
}

}  // namespace retention
