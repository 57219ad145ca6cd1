// The npm CLI (wasm) and the native CLI print the same bytes and exit with the same codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fixture, runNative, runWasm, sampleShop } from './helpers.js';

const cases = {
  'generic fixture as JSON': ['analyze', fixture('generic-orders.csv'), '--json'],
  'sample shop as JSON': ['analyze', sampleShop, '--json'],
  'sample shop as text': ['analyze', sampleShop],
  'sample shop with options': ['analyze', sampleShop, '--json', '--as-of', '2024-06-30', '--customer', 'customer_id', '--order', 'order_id'],
  'options as JSON': ['analyze', sampleShop, '--json', '--options', '{"rfThresholds":{"activeBelowDays":30,"lapsedAboveDays":180}}'],
  'missing column': ['analyze', fixture('generic-orders.csv'), '--customer', 'nobody'],
  'missing file': ['analyze', fixture('does-not-exist.csv')],
  'bad as-of': ['analyze', sampleShop, '--as-of', 'tomorrow'],
  'unknown flag': ['analyze', sampleShop, '--frobnicate'],
  'no command': [],
};

describe('native CLI == wasm CLI', () => {
  for (const [name, args] of Object.entries(cases)) {
    test(name, () => {
      const native = runNative(args);
      const wasm = runWasm(args);
      assert.equal(wasm.stdout, native.stdout);
      assert.equal(wasm.stderr, native.stderr);
      assert.equal(wasm.status, native.status);
    });
  }

  test('standard input', () => {
    const input = readFileSync(fixture('generic-orders.csv'));
    const native = runNative(['analyze', '-', '--json'], input);
    const wasm = runWasm(['analyze', '-', '--json'], input);
    assert.equal(native.status, 0);
    assert.equal(wasm.stdout, native.stdout);
  });
});

test('the CLI reports a fixture exactly and exits 0', () => {
  const { status, stdout } = runWasm(['analyze', fixture('generic-orders.csv'), '--json']);
  assert.equal(status, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.summary.customers, 4);
  assert.equal(report.summary.revenue, 1165);
  assert.deepEqual(report.rfMatrix.customers, [[0, 2, 1], [0, 0, 0], [1, 0, 0]]);
});

test('a file that cannot be analysed exits 1 with one line naming the problem and the line', () => {
  const { status, stdout, stderr } = runWasm(['analyze', '-'], 'customer,date,amount\nc1,2024-01-01,1\n"c2,2024-01-02,3\n');
  assert.equal(status, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, 'retention-kit: line 3: a quoted field starts here and is never closed\n');
});
