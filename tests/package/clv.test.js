// Predicted customer value (issues 5, 9): the native and the wasm CLI print the same model section,
// byte for byte, whatever the model options; a file the models cannot use still gives a report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createEngine } from '../../web/lib/node.js';
import { runNative, runWasm, sampleShop } from './helpers.js';

const cases = {
  'MBG/NBD (the default) with a holdout': { calibrationEnd: '2024-06-30' },
  'BG/NBD with a holdout': { model: 'bgnbd', calibrationEnd: '2024-06-30' },
  'Pareto/NBD with a holdout': { model: 'pareto-nbd', calibrationEnd: '2024-06-30' },
  'Pareto/NBD in days, penalised, 6 months at 2%': {
    model: 'pareto-nbd', timeUnit: 'days', penalty: 0.001, horizonMonths: 6, monthlyDiscountRate: 0.02,
  },
};

describe('native CLI == wasm CLI for the model section', () => {
  for (const [name, clv] of Object.entries(cases)) {
    test(name, () => {
      const args = ['analyze', sampleShop, '--json', '--options', JSON.stringify({ clv })];
      const native = runNative(args);
      const wasm = runWasm(args);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(wasm.stdout, native.stdout);
      const model = JSON.parse(wasm.stdout).model;
      assert.equal(model.model, clv.model ?? 'mbgnbd');
      assert.equal(model.error, undefined);
      assert.equal(model.transactions.convergence.converged, true);
      assert.equal(model.validation?.byFrequency.length ?? 8, 8);
    });
  }
});

test('customers who never came back: the report has the model section with its reason, no NaN', () => {
  const once = 'customer,date,amount\na,2024-01-01,10\nb,2024-01-05,20\nc,2024-02-01,5\n';
  const native = runNative(['analyze', '-', '--json'], once);
  const wasm = runWasm(['analyze', '-', '--json'], once);
  assert.equal(wasm.status, 0);
  assert.equal(wasm.stdout, native.stdout);
  const model = JSON.parse(wasm.stdout).model;
  assert.equal(model.error, 'every customer bought on a single day only: the models need customers who came back');
  assert.equal(model.message, 'Predicted value needs customers who ordered on at least two different days; this file ' +
    'has 3 customers and none of them did. An export that covers a longer period (a year or more) or more customers ' +
    'usually fixes this.');
});

// Seeded shops: issue 9's dev store (~40 customers, a few repeaters, regular gaps) and a shop whose
// customers buy at their own random rate and stop at their own random chance, repeat orders all
// costing the same (Gamma-Gamma cannot tell how spend varies there: the shrunk mean takes over).
function random(seed) {
  let s = seed;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 0.5) / 4294967296;
}
const isoDay = (d) => new Date(Date.UTC(2024, 0, 1) + Math.floor(d) * 86_400_000).toISOString().slice(0, 10);

// Each customer's first order somewhere in the first 300 days, then what `repeatOrders` adds.
function seededShop(customers, seed, repeatOrders) {
  const u = random(seed);
  const lines = ['order_id,customer_id,order_date,amount'];
  const push = (c, t, amount) => lines.push(`O${lines.length},c${c},${isoDay(t)},${amount}`);
  for (let c = 0; c < customers; c++) {
    const t = u() * 300;
    push(c, t, (20 + 80 * u()).toFixed(2));
    repeatOrders(u, c, t, push);
  }
  return `${lines.join('\n')}\n`;
}

const devStore = (customers, repeaters, seed) => seededShop(customers, seed, (u, c, t, push) => {
  if (c >= repeaters) return;
  const gap = 10 + 60 * u();
  for (let k = 0; k < 1 + (c % 4) && (t += gap * (0.5 + u())) < 365; k++) push(c, t, (20 + 80 * u()).toFixed(2));
});

const flatRepeatValues = (customers, seed) => seededShop(customers, seed, (u, c, t, push) => {
  const meanGap = 15 + 300 * u() * u(), stop = u() * u();
  while ((t += -Math.log(u()) * meanGap) < 365) {
    push(c, t, '25.00');
    if (u() < stop) break;
  }
});

test('a few repeaters: the plain reason, and a penalty suggested only because it gives a fit', () => {
  const text = devStore(40, 4, 7);
  const native = runNative(['analyze', '-', '--json'], text);
  const wasm = runWasm(['analyze', '-', '--json'], text);
  assert.equal(wasm.stdout, native.stdout);
  const model = JSON.parse(wasm.stdout).model;
  assert.match(model.message, /^Predicted value needs more returning customers than this file has: \d+ customers? of 40 /);
  assert.doesNotMatch(model.message, /likelihood|parameter|penalty|converge|NBD/);
  if (model.error.endsWith('; clv.penalty 0.1 gives a fit')) {
    const penalised = JSON.parse(runWasm(['analyze', '-', '--json', '--options', '{"clv":{"penalty":0.1}}'], text).stdout).model;
    assert.equal(penalised.error, undefined);
    assert.equal(penalised.transactions.convergence.converged, true);
  }
});

test('Gamma-Gamma not identified: the shrunk mean values every customer, the same bytes in both CLIs', () => {
  const text = flatRepeatValues(150, 3);
  const native = runNative(['analyze', '-', '--json'], text);
  const wasm = runWasm(['analyze', '-', '--json'], text);
  assert.equal(wasm.stdout, native.stdout);
  const model = JSON.parse(wasm.stdout).model;
  assert.equal(model.error, undefined, model.message);
  assert.equal(model.spendModel, 'shrunk-mean');
  assert.match(model.spendMessage, /^Order values are each customer's average order shrunk toward the shop's average/);
  assert.equal(typeof model.prediction.clv, 'number');
  // The export (P(alive), CLV, next order on every line) is the same file from both CLIs.
  const out = (cli) => join(tmpdir(), `rk-clv-${cli}-${process.pid}.csv`);
  for (const [cli, runCli] of [['native', runNative], ['wasm', runWasm]]) {
    const r = runCli(['analyze', '-', '--export-segment', 'active/single', '--out', out(cli)], text);
    assert.equal(r.status, 0, r.stderr);
  }
  const exported = readFileSync(out('native'), 'utf8');
  assert.equal(readFileSync(out('wasm'), 'utf8'), exported);
  for (const line of exported.split('\r\n').slice(1, -1)) assert.match(line, /,\d+(\.\d+)?,\d+(\.\d+)?,(\d{4}-\d\d-\d\d)?$/);
});

test('per customer: P(alive), CLV and the expected next order as typed columns, and in the segment export', async () => {
  const engine = await createEngine();
  const report = await engine.analyze(readFileSync(sampleShop));
  const c = report.customers;
  for (const name of ['pAlive', 'expectedPurchases', 'expectedOrderValue', 'clv', 'nextOrder']) {
    assert.ok(c[name] instanceof Float64Array, name);
    assert.equal(c[name].length, c.length, name);
  }
  const asOf = Date.parse(`${report.summary.asOf}T00:00:00Z`) / 86_400_000;
  let dated = 0;
  for (let i = 0; i < c.length; i++) {
    assert.ok(Number.isFinite(c.pAlive[i]) && Number.isFinite(c.clv[i]));
    if (c.pAlive[i] >= 0.2) {
      assert.ok(c.nextOrder[i] >= asOf, `next order of ${c.id[i]}`);
      dated++;
    } else {
      assert.ok(Number.isNaN(c.nextOrder[i]));
    }
  }
  assert.ok(dated > 0 && dated < c.length);
  const lines = report.exportSegment('Champions').split('\r\n').slice(1, -1);
  const index = new Map(c.id.map((id, i) => [id, i]));
  for (const line of lines) {
    const f = line.split(',');
    const i = index.get(f[0]);
    assert.equal(Number(f[12]), Math.round(c.pAlive[i] * 10000) / 10000);
    assert.equal(Number(f[13]), Math.round(c.clv[i] * 100) / 100);
    const next = Number.isNaN(c.nextOrder[i]) ? '' : new Date(c.nextOrder[i] * 86_400_000).toISOString().slice(0, 10);
    assert.equal(f[14], next);
  }
  engine.close();
});
