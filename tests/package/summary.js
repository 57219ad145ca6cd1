// Shared by the customer-summary tests (issue 14): summaries as CSV, and the comparison of the report
// on a summary with the report on the orders it summarises.
import assert from 'node:assert/strict';
import { engineCustomers } from './warehouse.js';

const quote = (v) => (/[",\r\n]/.test(v) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
export const csvOf = (header, rows) => `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n`;

// The engine's own per-customer table as a summary: customer, first and last order, orders, revenue.
export function summaryOfReport(report) {
  const rows = [...engineCustomers(report).values()].map((r) => [r[0], r[1], r[2], r[4], r[5]]);
  return csvOf(['customer', 'first_order', 'last_order', 'frequency', 'monetary'], rows);
}

// Relative closeness for model numbers that are computed in another order of summation.
function close(actual, expected, where) {
  const scale = Math.max(Math.abs(expected), 1e-12);
  assert.ok(Math.abs(actual - expected) / scale <= 1e-9, `${where}: ${actual} != ${expected}`);
}

function closeObject(actual, expected, where) {
  assert.deepEqual(Object.keys(actual ?? {}), Object.keys(expected ?? {}), where);
  for (const k of Object.keys(expected ?? {})) close(actual[k], expected[k], `${where}.${k}`);
}

// RF matrix, segment counts and revenue, every customer's cell, scores and segment, and Pareto:
// exactly. The model's parameters to 1e-9 when `model` (`spend` too when the summary carries the
// repeat revenue).
export function assertSameAnswers(fromSummary, fromOrders, { model = false, spend = false, name = '' } = {}) {
  assert.equal(fromSummary.input.format, 'customers', name);
  assert.deepEqual(fromSummary.rfMatrix.customers, fromOrders.rfMatrix.customers, `RF matrix of ${name}`);
  assert.deepEqual(fromSummary.rfMatrix.revenue, fromOrders.rfMatrix.revenue, `RF revenue of ${name}`);
  const segments = (r) => r.rfm.segments.map((s) => [s.name, s.customers, s.revenue]);
  assert.deepEqual(segments(fromSummary), segments(fromOrders), `segments of ${name}`);
  assert.deepEqual(fromSummary.pareto, fromOrders.pareto, `Pareto of ${name}`);
  const mine = engineCustomers(fromOrders);
  const theirs = engineCustomers(fromSummary);
  assert.equal(theirs.size, mine.size, `customers of ${name}`);
  for (const [id, row] of mine) assert.deepEqual(theirs.get(id), row, `customer ${id} of ${name}`);
  if (!model) return;
  const a = fromSummary.model;
  const b = fromOrders.model;
  assert.equal(a.error, b.error, `model error of ${name}`);
  assert.equal(a.sameDayOrdersMerged, b.sameDayOrdersMerged, `same-day orders of ${name}`);
  closeObject(a.transactions?.parameters, b.transactions?.parameters, `transactions of ${name}`);
  if (!spend) return;
  assert.equal(a.spendModel, b.spendModel, `spend model of ${name}`);
  closeObject(a.spend?.parameters, b.spend?.parameters, `spend of ${name}`);
  if (b.prediction) {
    close(a.prediction.meanPAlive, b.prediction.meanPAlive, `mean P(alive) of ${name}`);
    if (b.prediction.clv !== null) close(a.prediction.clv, b.prediction.clv, `CLV of ${name}`);
  }
  assert.deepEqual(fromSummary.churnRisk.customers, fromOrders.churnRisk.customers, `churn light of ${name}`);
}
