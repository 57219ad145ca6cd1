// Issue 14: a per-customer summary as input, through the API and both CLIs. The engine fed the summary
// of an order file gives the RF matrix, segments, Pareto and model of the engine fed the orders.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEngine } from '../../web/lib/node.js';
import { fixture, runNative, runWasm, sampleShop } from './helpers.js';
import { assertSameAnswers, summaryOfReport } from './summary.js';

const FIXTURES = readdirSync(fixture('.')).filter((name) => /\.(csv|json|ndjson)$/.test(name) && !name.startsWith('segments'));

let engine;
let work;
before(async () => {
  engine = await createEngine();
  work = mkdtempSync(join(tmpdir(), 'retention-summary-'));
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('the engine on its own per-customer table gives the answers of the orders', () => {
  for (const [name, path] of [...FIXTURES.map((f) => [f, fixture(f)]), ['the sample shop', sampleShop]]) {
    test(name, async () => {
      const fromOrders = await engine.analyze(readFileSync(path));
      const summary = summaryOfReport(fromOrders);
      const fromSummary = await engine.analyze(summary, { format: 'customers', asOf: fromOrders.summary.asOf });
      // Without order days each order is a day of its own: the transaction model matches when no
      // customer ordered twice on one day. The spend model needs the repeat revenue (warehouse test).
      assertSameAnswers(fromSummary, fromOrders, { name, model: fromOrders.model?.sameDayOrdersMerged === 0 });
      for (const section of ['cohorts', 'comparison']) {
        assert.ok(fromSummary.input.unavailableSections.some((u) => u.section === section && u.reason), section);
      }
      // Detected from the header as well, with the same report.
      const detected = await engine.analyze(summary, { asOf: fromOrders.summary.asOf });
      assert.equal(JSON.stringify(detected), JSON.stringify(fromSummary));
    });
  }
});

test('a date range, which selects orders, is refused for a summary, which has none', async () => {
  const summary = 'customer,first_order,last_order,frequency,monetary\nann,2024-01-01,2024-03-01,2,30\n';
  await assert.rejects(engine.analyze(summary, { from: '2024-01-01' }), (error) => {
    assert.equal(error.code, 'invalid_options');
    assert.match(error.message, /a date range \(from, to\) selects orders, and a per-customer summary has none/);
    return true;
  });
});

test('summary columns can be named through columns, and bad rows are listed with their line', async () => {
  const csv = 'who,since,until,n,paid\nann,2024-01-01,2024-03-01,2,30\nbob,2024-03-01,2024-01-01,2,5\ncy,2024-02-01,2024-02-01,0,5\n';
  const report = await engine.analyze(csv, {
    format: 'customers',
    columns: { customer: 'who', firstOrder: 'since', lastOrder: 'until', orders: 'n', revenue: 'paid' },
  });
  assert.equal(report.summary.customers, 1);
  assert.equal(report.summary.rowsRejected, 2);
  assert.deepEqual(report.diagnostics.warnings.map((w) => w.line).sort(), [3, 4]);
  assert.deepEqual(report.columns.firstOrder, 'since');
  await assert.rejects(engine.analyze(csv, { format: 'customers', columns: { firstOrder: 'nope' } }), (e) => e.code === 'missing_column');
});

test('native CLI == wasm CLI on a customer summary, as JSON and as text', async () => {
  const fromOrders = await engine.analyze(readFileSync(sampleShop));
  const path = join(work, 'summary.csv');
  writeFileSync(path, summaryOfReport(fromOrders));
  for (const args of [
    ['analyze', path, '--json', '--format', 'customers'],
    ['analyze', path],
    ['analyze', path, '--json', '--as-of', fromOrders.summary.asOf, '--clv-model', 'bgnbd'],
  ]) {
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.stdout, native.stdout);
    assert.equal(wasm.stderr, native.stderr);
    assert.equal(wasm.status, native.status);
  }
  const text = runNative(['analyze', path]).stdout;
  assert.match(text, /Read as a per-customer summary; not available without order-level rows: .*cohorts/);
});
