// Code shaped for V8's tiering of wasm (issue 11): long loops run in blocks, each block one call of
// its body, and steps that run once or rarely kept out of the functions that call them.
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

// On a step that runs once, or once per group, in an analysis (a stage, an analysis, a segment's
// median), so that it stays a function of its own: inlined into the function that runs the steps one
// after another, its loops over a few thousand buckets or periods used up that function's budget,
// and V8 compiled the whole of it optimised for nothing (build_customers and analyse, 23 and 22 kB of
// code: 90-220 ms of compiling in a 1M-row run, `node --trace-wasm-compilation-times`; compute_rfm,
// 5 kB, through the segments' medians).
#define RETENTION_ONCE __attribute__((noinline))

// On a rare path of a function run for every row (a rejection, a header, a held row), so that it stays
// out of that function's code: V8 compiles the hot function optimised, and the time that takes grows
// faster than the function's size (on_row, 18 kB with its rare paths, took 70-90 ms at every start).
#define RETENTION_RARE __attribute__((noinline))

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
