// Issue 14, several files as one: split anywhere by date they give the report of the whole file;
// overlapping exports count each order once and say how many they met twice.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine } from '../../web/lib/node.js';
import { runNative, runWasm, sampleShop } from './helpers.js';

const MULTI_FILE_KEYS = ['files', 'duplicateOrders', 'duplicateRows'];
const text = readFileSync(sampleShop, 'utf8');
const [header, ...lines] = text.trimEnd().split('\n');
const dateOf = (line) => line.split(',')[2];
const csv = (rows) => `${header}\n${rows.join('\n')}\n`;
// The rows dated in [from, to).
const between = (from, to) => lines.filter((l) => dateOf(l) >= from && dateOf(l) < to);

let engine;
let work;
let whole;

// The report without the fields that only several files have, and those fields.
function split(report) {
  const copy = JSON.parse(JSON.stringify(report));
  const extra = Object.fromEntries(MULTI_FILE_KEYS.map((k) => [k, copy.dataQuality[k]]));
  for (const k of MULTI_FILE_KEYS) delete copy.dataQuality[k];
  return { report: copy, extra };
}

before(async () => {
  engine = await createEngine();
  work = mkdtempSync(join(tmpdir(), 'retention-files-'));
  whole = await engine.analyze(text);
});
after(() => rmSync(work, { recursive: true, force: true }));

test('files split anywhere by date give the report of the whole file', async () => {
  for (const cuts of [['2023-06-15'], ['2023-02-01', '2023-09-30', '2024-03-03'], ['2024-12-15']]) {
    const bounds = ['0000', ...cuts, '9999'];
    const parts = bounds.slice(1).map((to, i) => csv(between(bounds[i], to)));
    const { report, extra } = split(await engine.analyze(parts));
    assert.deepEqual(report, JSON.parse(JSON.stringify(whole)), `cut at ${cuts}`);
    assert.deepEqual(extra, { files: parts.length, duplicateOrders: 0, duplicateRows: 0 });
  }
});

test('two overlapping exports count each order once and report the orders met twice', async () => {
  const first = between('0000', '2023-10-01');
  const second = between('2023-07-01', '9999');
  const overlap = new Set(between('2023-07-01', '2023-10-01').map((l) => l.split(',')[0]));
  const { report, extra } = split(await engine.analyze([csv(first), csv(second)]));
  assert.ok(overlap.size > 0);
  // The rows read differ (the overlap is read twice); every figure computed from orders is the same.
  assert.equal(report.summary.rowsRead, lines.length + between('2023-07-01', '2023-10-01').length);
  report.summary.rowsRead = whole.summary.rowsRead;
  assert.deepEqual(report, JSON.parse(JSON.stringify(whole)));
  assert.deepEqual(extra, { files: 2, duplicateOrders: overlap.size, duplicateRows: between('2023-07-01', '2023-10-01').length });
});

test('each file may have its own layout: CSV with other names, order and delimiter, and NDJSON', async () => {
  const rows = (from, to) => between(from, to).map((l) => l.split(','));
  // Renamed, reordered columns and a semicolon; then NDJSON.
  const second = `Email;Order Date;Order #;Total;Country;Item\n${rows('2023-06-01', '2024-01-01')
    .map(([o, c, d, a, country, p]) => [c, d, o, a, country, p].join(';')).join('\n')}\n`;
  const third = rows('2024-01-01', '9999')
    .map(([o, c, d, a, country, p]) => JSON.stringify({ order_id: o, customer: c, date: d, total: Number(a), country, product: p }))
    .join('\n');
  const { report } = split(await engine.analyze([csv(between('0000', '2023-06-01')), second, third]));
  for (const key of ['summary', 'rfMatrix', 'rfm', 'retention', 'cohorts', 'pareto', 'churnRisk', 'model']) {
    assert.deepEqual(report[key], JSON.parse(JSON.stringify(whole[key])), key);
  }
});

test('both CLIs analyse several paths as one, byte for byte alike', () => {
  const a = join(work, 'a.csv');
  const b = join(work, 'b.csv');
  writeFileSync(a, csv(between('0000', '2023-10-01')));
  writeFileSync(b, csv(between('2023-07-01', '9999')));
  const native = runNative(['analyze', a, b, '--json']);
  assert.equal(native.status, 0, native.stderr);
  assert.equal(runWasm(['analyze', a, b, '--json']).stdout, native.stdout);
  assert.equal(JSON.parse(native.stdout).dataQuality.files, 2);
  const missing = runNative(['analyze', a, join(work, 'missing.csv')]);
  assert.equal(missing.status, 1);
  assert.equal(runWasm(['analyze', a, join(work, 'missing.csv')]).stderr, missing.stderr);
});
