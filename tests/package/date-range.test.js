// Issue 10: the date range (from/to) and the summary's period comparison on the sample shop, against a
// second computation written here in JS from the definitions (retention/report.hpp, PeriodKpis), and
// the same bytes from both CLIs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createEngine } from 'retention-kit';
import { runNative, runWasm, sampleShop } from './helpers.js';

const DAY = 86400000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date, n) => iso(Date.parse(date) + n * DAY);
const daysBetween = (a, b) => (Date.parse(b) - Date.parse(a)) / DAY;
// The same day a year earlier; 29 February becomes 28 February.
const yearEarlier = (date) => {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

// The sample shop's orders (one row per order), amounts in cents.
function sampleOrders() {
  const [header, ...lines] = readFileSync(sampleShop, 'utf8').trim().split('\n');
  const col = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  return lines.map((line) => {
    const f = line.split(',');
    return { customer: f[col.customer_id], date: f[col.order_date], cents: Math.round(Number(f[col.amount]) * 100) };
  });
}

// Customers with a counted order (amount > 0) in [from, to], their counted orders, their net revenue there.
function kpis(orders, from, to) {
  const byCustomer = new Map();
  for (const o of orders) {
    if (o.date < from || o.date > to) continue;
    const c = byCustomer.get(o.customer) ?? { counted: 0, cents: 0 };
    c.cents += o.cents;
    if (o.cents > 0) c.counted += 1;
    byCustomer.set(o.customer, c);
  }
  const buyers = [...byCustomer.values()].filter((c) => c.counted > 0);
  const orderCount = buyers.reduce((n, c) => n + c.counted, 0);
  const cents = buyers.reduce((n, c) => n + c.cents, 0);
  const repeat = buyers.filter((c) => c.counted >= 2).length;
  return {
    from, to, days: daysBetween(from, to) + 1,
    customers: buyers.length, orders: orderCount, revenue: cents / 100,
    averageOrderValue: orderCount ? cents / 100 / orderCount : null,
    repeatCustomers: repeat, repeatRate: buyers.length ? repeat / buyers.length : null,
  };
}

const close = (actual, expected, message) =>
  assert.ok(expected === null ? actual === null : Math.abs(actual - expected) < 5e-6, `${message}: ${actual} vs ${expected}`);

function checkKpis(actual, expected, label) {
  for (const key of ['from', 'to', 'days', 'customers', 'orders', 'repeatCustomers']) assert.equal(actual[key], expected[key], `${label}.${key}`);
  for (const key of ['revenue', 'averageOrderValue', 'repeatRate']) close(actual[key], expected[key], `${label}.${key}`);
}

// A compared period: available only when it starts on or after the file's first counted order.
function checkCompared(actual, current, from, to, firstOrder, label) {
  if (from < firstOrder) {
    assert.equal(actual.available, false, label);
    assert.match(actual.reason, /first order|orders start/);
    assert.equal(actual.change, null);
    assert.equal(actual.revenue, null);
    return;
  }
  const was = kpis(orders, from, to);
  assert.equal(actual.available, true, label);
  checkKpis(actual, was, label);
  const rel = (now, base) => (base > 0 ? (now - base) / base : null);
  close(actual.change.customers, rel(current.customers, was.customers), `${label} change.customers`);
  close(actual.change.orders, rel(current.orders, was.orders), `${label} change.orders`);
  close(actual.change.revenue, rel(current.revenue, was.revenue), `${label} change.revenue`);
  close(actual.change.averageOrderValue, rel(current.averageOrderValue, was.averageOrderValue), `${label} change.aov`);
  close(actual.change.repeatRatePoints, was.customers ? current.repeatRate - was.repeatRate : null, `${label} change.repeat`);
}

function checkComparison(report, from, to) {
  const first = orders.filter((o) => o.cents > 0).map((o) => o.date).sort()[0];
  const current = kpis(orders, from, to);
  checkKpis(report.comparison.current, current, 'current');
  const length = current.days;
  checkCompared(report.comparison.previousPeriod, current, addDays(from, -length), addDays(from, -1), first, 'previous');
  checkCompared(report.comparison.samePeriodLastYear, current, yearEarlier(from), yearEarlier(to), first, 'last year');
}

const orders = sampleOrders();
const lastOrder = orders.filter((o) => o.cents > 0).map((o) => o.date).sort().at(-1);
let engine;
before(async () => {
  engine = await createEngine();
});
after(() => engine.close());

describe('the date range and the period comparison on the sample shop, against a JS computation', () => {
  test('without a range: the last 90 days up to asOf against the 90 before and a year earlier', async () => {
    const report = await engine.analyze(readFileSync(sampleShop));
    assert.equal(report.comparison.basis, 'lastDays');
    assert.equal(report.summary.asOf, lastOrder);
    checkComparison(report, addDays(lastOrder, -89), lastOrder);
    assert.equal(report.summary.ordersOutsideRange, 0);
    assert.deepEqual(report.dateRange, { from: null, to: null, ordersBefore: 0, ordersAfter: 0, firstOrder: '2023-01-01', lastOrder });
  });

  test('comparePeriodDays sets the default period', async () => {
    const report = await engine.analyze(readFileSync(sampleShop), { comparePeriodDays: 30 });
    checkComparison(report, addDays(lastOrder, -29), lastOrder);
  });

  for (const [from, to] of [['2024-07-01', '2024-09-30'], ['2024-01-01', '2024-12-31'], ['2023-01-01', '2023-06-30']]) {
    test(`from ${from} to ${to}: the summary is that of the range's orders, asOf its last day`, async () => {
      const report = await engine.analyze(readFileSync(sampleShop), { from: new Date(`${from}T00:00:00Z`), to });
      const expected = kpis(orders, from, to);
      assert.equal(report.summary.asOf, to);
      assert.equal(report.summary.customers, expected.customers);
      assert.equal(report.summary.orders, expected.orders);
      close(report.summary.revenue, expected.revenue, 'revenue');
      close(report.retention.repeatPurchaseRate, expected.repeatRate, 'repeat rate');
      const before = orders.filter((o) => o.date < from).length;
      const later = orders.filter((o) => o.date > to).length;
      assert.deepEqual([report.dateRange.ordersBefore, report.dateRange.ordersAfter], [before, later]);
      assert.equal(report.summary.ordersOutsideRange, before + later);
      assert.deepEqual([report.dateRange.from, report.dateRange.to], [from, to]);
      assert.equal(report.comparison.basis, 'dateRange');
      checkComparison(report, from, to);
      // Every per-customer row is a customer of the range.
      assert.ok(report.customers.firstOrder.every((d) => iso(d * DAY) >= from));
    });
  }

  test('both CLIs: --from/--to give the same report as the options, byte for byte', () => {
    const args = ['analyze', sampleShop, '--json', '--from', '2024-03-01', '--to=2024-08-31', '--clv-model', 'none'];
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(wasm.stdout, native.stdout);
    const viaOptions = runNative(['analyze', sampleShop, '--json', '--clv-model', 'none', '--options', '{"from":"2024-03-01","to":"2024-08-31"}']);
    assert.equal(viaOptions.stdout, native.stdout);
    const report = JSON.parse(native.stdout);
    assert.equal(report.summary.customers, kpis(orders, '2024-03-01', '2024-08-31').customers);
    const text = runNative(['analyze', sampleShop, '--from', '2024-03-01', '--to', '2024-08-31', '--clv-model', 'none']);
    assert.match(text.stdout, /Date range 2024-03-01 to 2024-08-31: \d+ orders before it and \d+ after it left out/);
  });

  test('a backwards range is an invalid option, in both CLIs alike', () => {
    const args = ['analyze', sampleShop, '--from', '2024-03-01', '--to', '2024-02-01'];
    const native = runNative(args);
    const wasm = runWasm(args);
    assert.equal(native.status, 2); // invalid options: the usage follows, as for any wrong argument
    assert.equal(wasm.status, 2);
    assert.match(native.stderr, /from \(2024-03-01\) is after to \(2024-02-01\)/);
    assert.equal(wasm.stderr, native.stderr);
  });
});
