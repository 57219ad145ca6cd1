// Real export layouts through the package: each fixture's report, the same from every chunking and
// from both CLIs; unreadable files as typed errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createEngine, RetentionError } from 'retention-kit';
import { fixture, runNative, runWasm } from './helpers.js';

let engine;
before(async () => {
  engine = await createEngine();
});
after(() => engine.close());

const layouts = {
  'shopify-orders.csv': { preset: 'shopify', customers: 3, orders: 4, revenue: 1415, excluded: 3 },
  'shopify-dev-store.csv': { preset: 'shopify', customers: 3, orders: 4, revenue: 1415, excluded: 3 },
  'shopify-cancelled.csv': { preset: 'shopify', customers: 3, orders: 3, revenue: 225, excluded: 5 },
  'stripe-payments.csv': { preset: 'stripe', customers: 2, orders: 3, revenue: 105.5, excluded: 3 },
  'woocommerce-orders.csv': { preset: 'woocommerce', customers: 3, orders: 3, revenue: 1299.5, excluded: 4 },
  'woocommerce-analytics.csv': { preset: 'generic', customers: 2, orders: 2, revenue: 1075.5, excluded: 1 },
  'online-retail.csv': { preset: 'online-retail', customers: 4, orders: 6, revenue: 128.19, excluded: 0 },
  'eu-semicolon.csv': { preset: 'generic', customers: 3, orders: 4, revenue: 1256.75, excluded: 0 },
  'orders.json': { preset: 'generic', customers: 3, orders: 4, revenue: 159.75, excluded: 0 },
  'orders-wrapped.json': { preset: 'generic', customers: 3, orders: 4, revenue: 159.75, excluded: 0 },
  'orders.ndjson': { preset: 'generic', customers: 3, orders: 4, revenue: 159.75, excluded: 0 },
};

describe('export layouts read with no mapping', () => {
  for (const [name, expected] of Object.entries(layouts)) {
    test(name, async () => {
      const bytes = readFileSync(fixture(name));
      const report = await engine.analyze(new Blob([bytes]));
      assert.equal(report.columns.preset, expected.preset);
      assert.equal(report.summary.customers, expected.customers);
      assert.equal(report.summary.orders, expected.orders);
      assert.equal(report.summary.revenue, expected.revenue);
      assert.equal(report.summary.rowsExcluded, expected.excluded);
      for (const chunkSize of [1, 5, 64, 1024]) {
        assert.deepEqual(await engine.analyze(bytes, { chunkSize }), report, `chunkSize ${chunkSize}`);
      }
      const native = runNative(['analyze', fixture(name), '--json']);
      assert.equal(native.status, 0);
      assert.equal(runWasm(['analyze', fixture(name), '--json']).stdout, native.stdout);
      assert.deepEqual(JSON.parse(native.stdout), report);
    });
  }
});

test('the format, delimiter, decimal separator and date order can be set', async () => {
  const text = 'customer|date|amount\nc1|01/02/2024|1.234\nc2|03/02/2024|5\n';
  const auto = await engine.analyze(text);
  assert.equal(auto.dataQuality.dates.ambiguous, true);
  assert.equal(auto.summary.asOf, '2024-03-02');
  assert.equal(auto.summary.revenue, 6.234); // `1.234` waited, then a decimal point was assumed
  assert.equal(auto.dataQuality.decimalSeparator.assumed, true);
  const set = await engine.analyze(text, { dateOrder: 'day-first', decimalSeparator: ',', delimiter: '|', format: 'csv' });
  assert.equal(set.summary.asOf, '2024-02-03');
  assert.equal(set.summary.revenue, 1239); // with a decimal comma, `1.234` groups thousands
  assert.equal(set.dataQuality.dates.ambiguous, false);
  const args = ['analyze', '-', '--json', '--date-order', 'day-first', '--decimal-separator', ',', '--delimiter', '|'];
  const native = runNative(args, text);
  assert.equal(native.status, 0);
  assert.deepEqual(JSON.parse(native.stdout), set);
  assert.equal(runWasm(args, text).stdout, native.stdout);
});

test('unreadable files are RetentionError values with a code and a line', async () => {
  const cases = [
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'not_text', 0],
    [new Uint8Array([0xff, 0xfe, 0x63, 0, 0x75, 0]), 'not_text', 0],
    ['[{"customer":"a","date":"2024-01-01","amount":5},\n{"customer":"b","da', 'invalid_json', 2],
    ['{"customer":"a","date":"2024-01-01","amount":5}\n{"customer":"b",\n', 'invalid_json', 2],
    ['customer,amount\nc1,5\n', 'missing_column', 1],
    ['customer,date,amount\n', 'no_data_rows', 0],
  ];
  for (const [input, code, line] of cases) {
    await assert.rejects(engine.analyze(input), (error) => {
      assert.ok(error instanceof RetentionError, String(error));
      assert.equal(error.code, code);
      assert.equal(error.line, line);
      return true;
    });
  }
});

// The engine looks for a NUL in each chunk, in wasm 64 bytes a step (ingest/csv_scan.hpp find_byte):
// one at any place in a step, or in a chunk's last bytes, must stop the run before the bad row after it.
test('a NUL byte at any offset past the sniffed start stops the reading where it stands', async () => {
  let head = 'customer,date,amount\n';
  for (let i = 0; head.length < 70_000; i++) head += `c${i},2024-01-01,5\n`;
  const bad = 'x,2024-01-02,oops\n';
  await assert.rejects(engine.analyze(head + bad, { strict: true }), (e) => e.code === 'rejected_row');
  for (let offset = 0; offset < 150; offset += 1) {
    const at = head.length - 150 + offset;
    const text = `${head.slice(0, at)}\u0000${head.slice(at)}${bad}`;
    for (const chunkSize of [1 << 16, 4099]) {
      await assert.rejects(engine.analyze(text, { strict: true, chunkSize }), (e) => {
        assert.equal(e.code, 'not_text', `NUL at ${at}, chunks of ${chunkSize}`);
        return true;
      });
    }
  }
});

test('both CLIs fail the same way on a truncated JSON file', () => {
  const input = '[{"customer":"a","date":"2024-01-01","amount":5},\n{"customer":"b","da';
  const native = runNative(['analyze', '-'], input);
  const wasm = runWasm(['analyze', '-'], input);
  assert.equal(native.status, 1);
  assert.match(native.stderr, /^retention-kit: line 2: the JSON cannot be read: it ends before it is complete/);
  assert.deepEqual(wasm, native);
});
