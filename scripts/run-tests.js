#!/usr/bin/env node
// Runs every suite (doctest natively, node:test for the package and the browser) and sums them up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let passed = 0;
let failed = 0;

function doctest(binary = 'build/native/retention_unit_tests', env = process.env) {
  const r = spawnSync(binary, ['--no-intro'], { cwd: root, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const m = /test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/.exec(r.stdout ?? '');
  if (!m) return { passed: 0, failed: 1, note: `${binary} did not run (exit ${r.status}, ${r.error ?? ''})` };
  const failed = Number(m[3]);
  return { passed: Number(m[2]), failed: failed || (r.status === 0 ? 0 : 1) }; // a crash counts as a failure
}

// Issue 13: the same unit tests built with AddressSanitizer + UndefinedBehaviorSanitizer (clang-14);
// any sanitizer report aborts the run, which counts as a failure.
function sanitizedDoctest() {
  return doctest('build/sanitize/retention_unit_tests', {
    ...process.env,
    ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1',
    UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
  });
}

// Issue 13: every libFuzzer target for a short budget (a few seconds each); one test per target.
function fuzzSmoke() {
  const seconds = process.env.RETENTION_FUZZ_SECONDS ?? '4';
  const r = spawnSync(process.execPath, ['scripts/fuzz.js', '--seconds', seconds], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout ?? '');
  if (!m) return { passed: 0, failed: 1, note: `the fuzz run did not finish (exit ${r.status})` };
  return { passed: Number(m[1]), failed: Number(m[2]) || (r.status === 0 ? 0 : 1) };
}

function nodeTests() {
  mkdirSync(`${root}/test-results`, { recursive: true });
  const tap = `${root}/test-results/node-tests.tap`;
  const r = spawnSync(
    process.execPath,
    ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap',
      `--test-reporter-destination=${tap}`, 'tests/package/', 'tests/browser/', 'tests/integration/'],
    { cwd: root, stdio: 'inherit' },
  );
  let text = '';
  try {
    text = readFileSync(tap, 'utf8');
  } catch {}
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const result = { passed: count('pass'), failed: count('fail') + count('cancelled') };
  if (r.status !== 0 && result.failed === 0) result.failed = 1; // the runner itself failed
  return result;
}

const suites = [
  ['native unit tests (doctest)', () => doctest()],
  ['package and browser tests (node:test)', nodeTests],
  ['unit tests under ASan + UBSan (doctest, g++)', sanitizedDoctest],
  ['fuzz targets, short budget (libFuzzer, clang-14)', fuzzSmoke],
];
for (const [name, suite] of suites) {
  console.log(`\n=== ${name}`);
  const r = suite();
  if (r.note) console.log(r.note);
  console.log(`=== ${name}: ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
