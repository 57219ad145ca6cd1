// The report's numbers against hand-worked values and an independent computation in the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createEngine, RetentionError } from 'retention-kit';
import { fixture, sampleShop } from './helpers.js';

let engine;
before(async () => {
  engine = await createEngine();
});
after(() => engine.close());

test('the generic fixture (BOM, CRLF, quoted commas and newlines, line items, a refund) gives the hand-worked report', async () => {
  const report = await engine.analyze(readFileSync(fixture('generic-orders.csv')));
  assert.deepEqual(report.summary, {
    rowsRead: 10,
    rowsRejected: 0,
    rowsWithoutCustomer: 0,
    rowsExcluded: 0,
    customers: 4,
    customersWithoutOrders: 0,
    orders: 8,
    ordersAfterAsOf: 0,
    ordersOutsideRange: 0,
    revenue: 1165,
    firstOrder: '2022-12-01',
    lastOrder: '2024-05-02',
    asOf: '2024-05-02',
  });
  assert.deepEqual(report.columns, {
    preset: 'generic',
    customer: 'customer_id',
    date: 'order_date',
    amount: 'amount',
    order: 'order_id',
    attributes: [],
  });
  assert.deepEqual(report.rfMatrix.customers, [[0, 2, 1], [0, 0, 0], [1, 0, 0]]);
  assert.deepEqual(report.rfMatrix.revenue, [[0, 1095, 30], [0, 0, 0], [40, 0, 0]]);
  assert.deepEqual(report.rfMatrix.share, [[0, 0.5, 0.25], [0, 0, 0], [0.25, 0, 0]]);
});

// A second, straightforward implementation of SPEC 4 for files with one row per order id.
function independentRfMatrix(csvText, asOf) {
  const [header, ...lines] = csvText.trim().split('\n');
  const col = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  const orders = new Map();
  for (const line of lines) {
    const f = line.split(',');
    const id = f[col.order_id];
    const order = orders.get(id) ?? { customer: f[col.customer_id], date: f[col.order_date], cents: 0 };
    if (f[col.order_date] < order.date) order.date = f[col.order_date];
    order.cents += Math.round(Number(f[col.amount]) * 100);
    orders.set(id, order);
  }
  const counted = [...orders.values()].filter((o) => o.cents > 0);
  asOf ??= counted.map((o) => o.date).sort().at(-1);
  const customers = new Map();
  for (const o of orders.values()) {
    if (o.date > asOf) continue;
    const c = customers.get(o.customer) ?? { frequency: 0, cents: 0, last: '' };
    c.cents += o.cents;
    if (o.cents > 0) {
      c.frequency += 1;
      if (o.date > c.last) c.last = o.date;
    }
    customers.set(o.customer, c);
  }
  const matrix = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const revenue = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const c of customers.values()) {
    if (c.frequency === 0) continue;
    const recency = (Date.parse(asOf) - Date.parse(c.last)) / 86400000;
    const r = recency < 90 ? 0 : recency <= 365 ? 1 : 2;
    const f = c.frequency >= 3 ? 2 : c.frequency === 2 ? 1 : 0;
    matrix[r][f] += 1;
    revenue[r][f] += c.cents;
  }
  return { matrix, revenue: revenue.map((row) => row.map((cents) => cents / 100)) };
}

test('the sample shop\'s RF matrix equals an independent computation, for the default and a given asOf', async () => {
  const text = readFileSync(sampleShop, 'utf8');
  for (const asOf of [undefined, '2024-06-30', '2023-12-31']) {
    const report = await engine.analyze(text, { asOf });
    const expected = independentRfMatrix(text, asOf);
    assert.deepEqual(report.rfMatrix.customers, expected.matrix, `asOf ${asOf}`);
    assert.deepEqual(report.rfMatrix.revenue, expected.revenue, `asOf ${asOf}`);
    const total = expected.matrix.flat().reduce((a, b) => a + b, 0);
    assert.equal(report.summary.customers, total);
  }
});

test('errors are RetentionError values with a code and a line', async () => {
  await assert.rejects(engine.analyze('customer,date,amount\nc1,2024-01-01,1\n"c2,2024-01-02,3\n'), (error) => {
    assert.ok(error instanceof RetentionError);
    assert.equal(error.code, 'unterminated_quote');
    assert.equal(error.line, 3);
    assert.equal(error.message, 'line 3: a quoted field starts here and is never closed');
    return true;
  });
  await assert.rejects(engine.analyze('when,total\n2024-01-01,3\n'), { code: 'missing_column', line: 1 });
  await assert.rejects(engine.analyze(''), { code: 'empty_input', message: 'the file is empty' });
  await assert.rejects(engine.analyze('a,b\n1,2\n', { asOf: 'soon' }), { code: 'invalid_options' });
  await assert.rejects(engine.analyze('a,b\n1,2\n', { colums: {} }), {
    code: 'invalid_options',
    message: "invalid options: unknown option 'colums'",
  });
});

test('explicit column names and strict mode reach the core', async () => {
  const text = 'who,when,paid,total\nc1,2024-01-01,5,999\nc1,2024-02-01,7,999\n';
  const report = await engine.analyze(text, { columns: { customer: 'who', date: 'when', amount: 'paid' } });
  assert.equal(report.summary.revenue, 12);
  assert.deepEqual(report.columns, { preset: 'generic', customer: 'who', date: 'when', amount: 'paid', attributes: [] });
  await assert.rejects(engine.analyze('customer,date,amount\nc1,2024-01-01,x\n', { strict: true }), {
    code: 'rejected_row',
    line: 2,
  });
});

test('customers.idAt(i) decodes one id, the same text as customers.id[i], before and after the whole column', async () => {
  const text = 'customer,date,amount\n\uFEFFbom,2024-01-01,1\nrené@example.fr,2024-01-02,2\n东京,2024-01-03,3\nplain,2024-01-04,4\n"a,b",2024-01-05,5\n';
  const report = await engine.analyze(text);
  const c = report.customers;
  const one = Array.from({ length: c.length }, (_, i) => c.idAt(i));
  assert.deepEqual([...one].sort(), ['\uFEFFbom', 'a,b', 'plain', 'rené@example.fr', '东京'].sort());
  assert.deepEqual(one, c.id);
  assert.deepEqual(Array.from({ length: c.length }, (_, i) => c.idAt(i)), c.id);
});

test('customers.idRanks() places every id in code point order, the same in steps and again', async () => {
  const text = 'customer,date,amount\nplain,2024-01-01,1\n\uFEFFbom,2024-01-02,2\nrené@example.fr,2024-01-03,3\n东京,2024-01-04,4\nA,2024-01-05,5\nplain2,2024-01-06,6\n😀,2024-01-07,7\n\uFFFD,2024-01-08,8\n';
  const c = (await engine.analyze(text)).customers;
  const byCodePoints = (a, b) => {
    const [x, y] = [[...a].map((ch) => ch.codePointAt(0)), [...b].map((ch) => ch.codePointAt(0))];
    for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k] - y[k];
    return x.length - y.length;
  };
  const expected = [...c.id].sort(byCodePoints);
  const ranks = c.idRanks();
  assert.deepEqual(Array.from(ranks, (_, i) => i).sort((a, b) => ranks[a] - ranks[b]).map((i) => c.id[i]), expected);
  const steps = c.idRankSteps();
  let step;
  while (!(step = steps.next()).done);
  assert.deepEqual(step.value, ranks);
  assert.deepEqual(c.idRanks(), ranks);
});

test('customers.idsContaining(needle) marks the ids that contain it ignoring case, as toLowerCase().includes', async () => {
  const ascii = 'customer,date,amount\nAnn@Shop.com,2024-01-01,1\nbob@shop.com,2024-01-02,2\nC1234,2024-01-03,3\nc12345,2024-01-04,4\nx,2024-01-05,5\n';
  const mixed = `${ascii}RENÉ@shop.fr,2024-01-06,6\n\u212Aelvin,2024-01-07,7\n`;  // É and the Kelvin sign: not ASCII
  for (const text of [ascii, mixed]) {
    const c = (await engine.analyze(text)).customers;
    for (const needle of ['c123', 'shop', '@shop.c', 'ann@shop.com', 'x', 'é', 'kelvin', 'zz', 'c12345678']) {
      const expected = c.id.map((id) => (id.toLowerCase().includes(needle) ? 1 : 0));
      assert.deepEqual(Array.from(c.idsContaining(needle)), expected, `${needle} in ${c.id}`);
    }
  }
});

test('measure: the peak memory is the top the heap reached, not the size the wasm memory grew to', async () => {
  // A fresh engine: its heap only ever grows, so the small file's peak comes first.
  const fresh = await createEngine();
  try {
    const small = await fresh.analyze(readFileSync(fixture('generic-orders.csv')), { measure: true });
    let text = 'order_id,customer,date,amount\n';
    for (let i = 0; i < 300000; i++) text += `O${i},c${i % 50000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 0.5}\n`;
    const large = await fresh.analyze(text, { measure: true });
    const [before, peak] = [small, large].map((r) => r.diagnostics.measured.peakMemoryBytes);
    // The wasm memory starts at 32 MiB (CMakeLists.txt); ten lines need a fraction of it.
    assert.ok(before > 0 && before < 32 * 2 ** 20, `${before}`);
    // 300,000 orders hold at least a date, a net and a customer key each (4 + 4 + 9 bytes).
    assert.ok(peak - before > 300000 * 17, `${before} -> ${peak}`);
  } finally {
    fresh.close();
  }
});
