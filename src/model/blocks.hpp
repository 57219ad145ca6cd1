// Long loops run in blocks, each block one call of its body (issue 11).
//
// V8 runs a wasm function in its baseline compiler (Liftoff) until the function has used up a budget,
// then compiles it optimised (TurboFan) for its next call: never within a call (wasm has no on-stack
// replacement). A loop over millions of orders in a function that runs once therefore runs baseline
// code to its end: such loops held a quarter of the 10M-row run's CPU samples, and run in blocks the
// run took about 5% less CPU. Called per block, the body runs optimised after its first blocks.
// A function that runs once and loops long itself is also compiled optimised (in the background, for
// nothing: it never runs again); such compiles came to about 180 ms of CPU at 1M rows, and with
// every loop over customers or orders in blocks the 1M-row run took 7% less CPU.
// Natively this is the plain loop.
#pragma once

#include <cstddef>

// On the body's lambda, so that it stays a function of its own (a lambda called from one place is
// otherwise inlined into the function that runs once).
#define RETENTION_BLOCK_BODY __attribute__((noinline))

namespace retention {

// Calls body(begin, end) for consecutive blocks of `block` covering [0, n), in order. Two calls in
// the code, not one: Binaryen inlines a function called from one place (up to the size set in
// CMakeLists.txt).
template <class Body>
void for_each_block(size_t n, const Body& body, size_t block = size_t{1} << 14) {
  size_t begin = 0;
  for (; n - begin > block; begin += block) body(begin, begin + block);
  if (begin < n) body(begin, n);
}

// body(i) for each i in [0, n), in order, in blocks as for_each_block: the form most loops take.
template <class Body>
void for_each_index(size_t n, const Body& body) {
  for_each_block(n, [&](size_t begin, size_t end) RETENTION_BLOCK_BODY {
    for (size_t i = begin; i < end; ++i) body(i);
  });
}

}  // namespace retention
