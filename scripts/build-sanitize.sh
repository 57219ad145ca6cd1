#!/usr/bin/env bash
# Issue 13: two builds under AddressSanitizer + UndefinedBehaviorSanitizer, the core with the same
# -fno-exceptions as the product:
#   build/sanitize  the unit tests (g++: the tests use C++20 captures of structured bindings that
#                   Debian's clang-14 refuses)
#   build/fuzz      the libFuzzer targets of tests/fuzz (Debian's clang-14 and libclang-rt-14-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 2 ] && jobs=2
common=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DRETENTION_SANITIZE=ON -DRETENTION_BUILD_CLI=OFF -DRETENTION_BUILD_BENCH=OFF)
# -O1: quick to build, and the usual level for sanitizer runs
CXX=g++ cmake -S . -B build/sanitize "${common[@]}" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS=-O1 -DRETENTION_BUILD_FUZZ=OFF >/dev/null
cmake --build build/sanitize -j "$jobs" --target retention_unit_tests
CXX=clang++-14 cmake -S . -B build/fuzz "${common[@]}" -DRETENTION_BUILD_FUZZ=ON -DRETENTION_BUILD_TESTS=OFF >/dev/null
cmake --build build/fuzz -j "$jobs"
