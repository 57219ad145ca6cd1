#!/usr/bin/env bash
# Builds the native library, tests and CLI, the wasm module, and the demo page.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

# ccache, where a developer has it, makes rebuilds across several checkouts cheap; CI builds without it.
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$PWD")}"
fi
cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build build/native -j "$jobs"

# Issue 13: unit tests and fuzz targets under ASan + UBSan (clang-14), run by the test run.
bash scripts/build-sanitize.sh

# Debian's Emscripten needs acorn from /usr/share/nodejs (SPEC 7).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/wasm -j "$jobs"
mkdir -p dist/wasm
cp build/wasm/retention-kit.mjs build/wasm/retention-kit.wasm dist/wasm/

npx --no-install vite build --config web/demo/vite.config.js --logLevel warn
npx --no-install vite build --config examples/embed/vite.config.js --logLevel warn   # -> dist/demo/embed
