#!/usr/bin/env node
// Runs every suite (doctest natively, node:test for the package and the browser) and sums them up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let passed = 0;
let failed = 0;

function doctest() {
  const r = spawnSync('build/native/retention_unit_tests', ['--no-intro'], { cwd: root, encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  const m = /test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/.exec(r.stdout ?? '');
  if (!m) return { passed: 0, failed: 1, note: `native unit tests did not run (exit ${r.status}, ${r.error ?? ''})` };
  const failed = Number(m[3]);
  return { passed: Number(m[2]), failed: failed || (r.status === 0 ? 0 : 1) }; // a crash counts as a failure
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

for (const [name, suite] of [['native unit tests (doctest)', doctest], ['package and browser tests (node:test)', nodeTests]]) {
  console.log(`\n=== ${name}`);
  const r = suite();
  if (r.note) console.log(r.note);
  console.log(`=== ${name}: ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
