// Issue 9, "one customer, one story", through the package: the labels of one customer never contradict
// each other, on every fixture and the sample shop (the native doctest tests/unit/test_invariants.cpp
// also covers a generated 100k-customer shop and CDNOW).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createEngine } from 'retention-kit';
import { fixture, sampleShop } from './helpers.js';

const LAPSED_TYPE = new Set(["Can't Lose Them", 'At Risk', 'About To Sleep', 'Lost']);

const inputs = [
  ...readdirSync(fixture('.'))
    .filter((name) => /\.(csv|json|ndjson)$/.test(name) && !name.startsWith('segments'))
    .sort()
    .map((name) => [name, fixture(name)]),
  ['sample shop', sampleShop],
];

let engine;
before(async () => {
  engine = await createEngine();
});
after(() => engine.close());

// No customer with P(alive) below 0.2 is green, none above 0.8 is red.
function checkLights(report, name) {
  const { pAlive, churnRisk, churnRiskNames, id } = report.customers;
  if (!pAlive) return 0;
  for (let i = 0; i < pAlive.length; i++) {
    const light = churnRiskNames[churnRisk[i]];
    if (pAlive[i] < 0.2) assert.notEqual(light, 'green', `${name}: ${id[i]} P(alive) ${pAlive[i]}`);
    if (pAlive[i] > 0.8) assert.notEqual(light, 'red', `${name}: ${id[i]} P(alive) ${pAlive[i]}`);
  }
  return pAlive.length;
}

describe('one customer, one story', () => {
  for (const [name, path] of inputs) {
    test(name, async () => {
      const bytes = readFileSync(path);
      const report = await engine.analyze(bytes);
      const c = report.customers;
      const activeBelow = report.rfMatrix.thresholds.activeBelowDays;
      for (let i = 0; i < c.length; i++) {
        if (c.recencyDays[i] < activeBelow) {
          assert.ok(!LAPSED_TYPE.has(c.segmentNames[c.segment[i]]), `${c.id[i]}: ${c.segmentNames[c.segment[i]]}`);
        }
      }
      // The light from P(alive) whenever a model fitted; from the gaps it is corrected by P(alive).
      assert.equal(report.churnRisk.basis, c.pAlive ? 'pAlive' : 'gaps');
      checkLights(report, name);
      const byGaps = await engine.analyze(bytes, { churnRisk: { basis: 'gaps' } });
      assert.equal(byGaps.churnRisk.basis, 'gaps');
      checkLights(byGaps, `${name} (gaps)`);
    });
  }

  test('the sample shop has a model, lapsed-type customers and active ones, so the checks can fail', async () => {
    const report = await engine.analyze(readFileSync(sampleShop));
    assert.equal(report.customers.pAlive?.length, report.summary.customers);
    const names = Array.from(report.customers.segment, (s) => report.customers.segmentNames[s]);
    assert.ok(names.some((n) => LAPSED_TYPE.has(n)));
    assert.ok(Array.from(report.customers.recencyDays).some((r) => r < report.rfMatrix.thresholds.activeBelowDays));
  });

  test('an all-tied file (22 customers who paid on one day) scores 3 everywhere, with no lapsed-type segment', async () => {
    let csv = 'customer,date,amount\n';
    for (let i = 0; i < 22; i++) csv += `cus_${i},2024-11-29,49.00\n`;
    for (const asOf of ['2024-11-29', '2026-01-01']) {
      const report = await engine.analyze(csv, { asOf });
      const { r, f, m } = report.customers;
      for (const scores of [r, f, m]) assert.deepEqual(Array.from(scores), new Array(22).fill(3));
      for (const segment of report.rfm.segments) if (LAPSED_TYPE.has(segment.name)) assert.equal(segment.customers, 0, segment.name);
    }
  });
});
