#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine lacks: the toolchains (Debian packages) and the npm
# dependencies (npm ci, pinned by package-lock.json). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
command -v em++ >/dev/null || missing+=(emscripten)   # Debian's 3.1.6 with clang-14, lld-14, binaryen, acorn
[ -f /usr/include/doctest/doctest.h ] || missing+=(doctest-dev)
[ -x /usr/bin/chromium ] || missing+=(chromium)       # browser tests drive Debian's Chromium (SPEC 7)
command -v clang++-14 >/dev/null || missing+=(clang-14)  # ASan/UBSan unit tests and libFuzzer targets (SPEC 7)
ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || missing+=(libclang-rt-14-dev)
# The warehouse SQL runs on a real PostgreSQL 15 and is read by sqlglot in the tests (SPEC 7, issue 14).
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
/usr/bin/python3 -c 'import sqlglot' 2>/dev/null || missing+=(python3-sqlglot)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (found $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
