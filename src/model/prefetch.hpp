// Asks for the cache line at `p` ahead of its use, natively; nothing in wasm, which has no prefetch
// (a plain read ahead there waits as the use would: tried natively, it was slower). For loops bound by
// reads at random in tables of millions (issue 11).
#pragma once

#include <cstddef>

namespace retention {

// How far ahead a loop asks: 16 iterations covered the miss in every loop measured at 10M rows.
constexpr size_t kPrefetchAhead = 16;

inline void prefetch(const void* p) {
#if !defined(__EMSCRIPTEN__)
  __builtin_prefetch(p);
#else
  (void)p;
#endif
}

}  // namespace retention
