// The demo page: analyses the bundled sample shop on load, then any file the user picks or drops.
// Everything runs in this browser (the engine lives in a Web Worker); nothing is uploaded.
import { createEngine } from '../lib/index.js';
import sampleUrl from '../../examples/sample-shop.csv?url';

const RECENCY = [
  { key: 'active', label: 'Active' },
  { key: 'churning', label: 'Churning' },
  { key: 'lapsed', label: 'Lapsed' },
];
const FREQUENCY = [
  { key: 'single', label: 'Single' },
  { key: 'multi', label: 'Multi' },
  { key: 'highValue', label: 'High value' },
];
const ROLE_LABELS = {
  preset: 'Export layout',
  customer: 'Customer',
  date: 'Order date',
  amount: 'Amount',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  refund: 'Refund',
  order: 'Order id',
  product: 'Product',
  status: 'Status',
  currency: 'Currency',
  captured: 'Captured',
  attributes: 'Attributes',
};

const $ = (selector) => document.querySelector(selector);
const el = {
  dropZone: $('#drop-zone'),
  fileInput: $('#file-input'),
  status: $('#status'),
  progress: $('#progress'),
  error: $('#error'),
  summary: $('#summary'),
  summaryNote: $('#summary-note'),
  rfBody: $('#rf-body'),
  thresholds: $('#thresholds'),
  columns: $('#columns'),
  warningsBox: $('#warnings-box'),
  warnings: $('#warnings'),
};

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

function setText(node, text) {
  node.textContent = text;
}

// ---- the RF matrix grid: built once, so the layout is in place before the first result -------------

const cells = {}; // "recency/frequency" -> {cell, customers, revenue, share}

function buildMatrix() {
  for (const recency of RECENCY) {
    const row = document.createElement('tr');
    const header = document.createElement('th');
    header.scope = 'row';
    header.dataset.recency = recency.key;
    header.innerHTML = '<span class="rf-name"></span><span class="rf-rule"></span>';
    header.firstChild.textContent = recency.label;
    header.lastChild.dataset.rule = recency.key;
    row.append(header);
    for (const frequency of FREQUENCY) {
      const cell = document.createElement('td');
      cell.className = 'rf-cell';
      cell.dataset.testid = 'rf-cell';
      cell.dataset.recency = recency.key;
      cell.dataset.frequency = frequency.key;
      const customers = document.createElement('span');
      customers.className = 'rf-customers';
      customers.dataset.testid = 'rf-customers';
      const label = document.createElement('span');
      label.className = 'visually-hidden';
      label.textContent = ' customers';
      const revenue = document.createElement('span');
      revenue.className = 'rf-revenue';
      const share = document.createElement('span');
      share.className = 'rf-share';
      cell.append(customers, label, revenue, share);
      row.append(cell);
      cells[`${recency.key}/${frequency.key}`] = { cell, customers, revenue, share };
    }
    el.rfBody.append(row);
  }
}

function clearMatrix() {
  for (const { cell, customers, revenue, share } of Object.values(cells)) {
    delete cell.dataset.customers;
    cell.style.removeProperty('--heat');
    cell.classList.remove('is-dark');
    cell.title = '';
    setText(customers, '–');
    setText(revenue, '');
    setText(share, '');
  }
}

function renderMatrix(rf) {
  const maxShare = Math.max(...rf.share.flat(), 0);
  rf.recency.forEach((recency, i) => {
    rf.frequency.forEach((frequency, j) => {
      const target = cells[`${recency}/${frequency}`];
      if (!target) return;
      const count = rf.customers[i][j];
      const share = rf.share[i][j];
      // Intensity relative to the largest cell, so the matrix reads as a heatmap on any data set.
      const heat = maxShare > 0 ? share / maxShare : 0;
      target.cell.dataset.customers = String(count);
      target.cell.style.setProperty('--heat', heat.toFixed(3));
      target.cell.classList.toggle('is-dark', heat > 0.55);
      setText(target.customers, integer.format(count));
      setText(target.revenue, money.format(rf.revenue[i][j]));
      const ofCustomers = document.createElement('span');
      ofCustomers.className = 'rf-share-label';
      ofCustomers.textContent = ' of customers';
      target.share.replaceChildren(percent.format(share), ofCustomers);
      target.cell.title = `${labelOf(RECENCY, recency)} / ${labelOf(FREQUENCY, frequency)}`;
    });
  });
  renderThresholds(rf.thresholds);
}

function labelOf(list, key) {
  return list.find((item) => item.key === key)?.label ?? key;
}

function days(n) {
  return `${integer.format(n)} ${n === 1 ? 'day' : 'days'}`;
}

function orders(n) {
  return `${integer.format(n)} ${n === 1 ? 'order' : 'orders'}`;
}

// Thresholds in plain words, next to the row and column headers and as a legend under the matrix.
function renderThresholds(t) {
  if (!t) return;
  const { activeBelowDays: active, lapsedAboveDays: lapsed, multiOrders: multi, highValueOrders: high } = t;
  const multiRule = high - 1 > multi ? `${integer.format(multi)}–${orders(high - 1)}` : orders(multi);
  const rules = {
    active: `last order < ${days(active)} ago`,
    churning: `last order ${integer.format(active)}–${days(lapsed)} ago`,
    lapsed: `last order > ${days(lapsed)} ago`,
    single: multi - 1 > 1 ? `1–${orders(multi - 1)}` : '1 order',
    multi: multiRule,
    highValue: `${integer.format(high)}+ orders`,
  };
  for (const node of document.querySelectorAll('[data-rule]')) setText(node, rules[node.dataset.rule] ?? '');
  el.thresholds.replaceChildren(
    ...[...RECENCY, ...FREQUENCY].map(({ key, label }) => {
      const item = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = `${label}:`;
      item.append(name, ` ${rules[key]}`);
      return item;
    }),
  );
}

// ---- summary, columns, diagnostics --------------------------------------------------------------------

function setField(name, text) {
  setText(el.summary.querySelector(`[data-field="${name}"]`), text);
}

function renderSummary(summary) {
  setField('customers', integer.format(summary.customers));
  setField('orders', integer.format(summary.orders));
  setField('revenue', money.format(summary.revenue));
  setField('aov', summary.orders > 0 ? money.format(summary.revenue / summary.orders) : '–');
  setField('firstOrder', summary.firstOrder || '–');
  setField('lastOrder', summary.lastOrder || '–');
  setField('asOf', summary.asOf || '–');
  setField('rows', `${integer.format(summary.rowsRead)} / ${integer.format(summary.rowsRejected)}`);
  const notes = [];
  if (summary.rowsWithoutCustomer) notes.push(`${integer.format(summary.rowsWithoutCustomer)} rows without a customer were skipped.`);
  if (summary.rowsExcluded) notes.push(`${integer.format(summary.rowsExcluded)} rows were excluded by their status.`);
  if (summary.customersWithoutOrders) {
    notes.push(`${integer.format(summary.customersWithoutOrders)} customers have only refunds or cancellations and are left out.`);
  }
  if (summary.ordersAfterAsOf) notes.push(`${orders(summary.ordersAfterAsOf)} dated after ${summary.asOf} are ignored.`);
  setText(el.summaryNote, notes.join(' '));
}

function clearSummary() {
  for (const node of el.summary.querySelectorAll('[data-field]')) setText(node, '–');
  setText(el.summaryNote, '');
}

function describeColumn(value) {
  if (Array.isArray(value)) return value.join(', ');
  if (value && typeof value === 'object') return Object.values(value).join(' × ');
  return String(value);
}

function renderColumns(columns = {}) {
  const rows = Object.entries(columns)
    .filter(([, value]) => value !== null && value !== '' && !(Array.isArray(value) && value.length === 0))
    .map(([role, value]) => {
      const row = document.createElement('div');
      const dt = document.createElement('dt');
      const dd = document.createElement('dd');
      dt.textContent = ROLE_LABELS[role] ?? role;
      dd.textContent = describeColumn(value);
      row.append(dt, dd);
      return row;
    });
  el.columns.replaceChildren(...rows);
}

function clearColumns() {
  const row = document.createElement('div');
  row.innerHTML = '<dt>–</dt><dd>–</dd>';
  el.columns.replaceChildren(row);
}

function renderWarnings(diagnostics) {
  const warnings = diagnostics?.warnings ?? [];
  el.warningsBox.hidden = warnings.length === 0;
  el.warnings.replaceChildren(
    ...warnings.map(({ line, column, message }) => {
      const item = document.createElement('li');
      item.textContent = `Line ${line}${column ? `, ${column}` : ''}: ${message}`;
      return item;
    }),
  );
  if (diagnostics?.warningsOmitted) {
    const item = document.createElement('li');
    item.textContent = `… and ${integer.format(diagnostics.warningsOmitted)} more.`;
    el.warnings.append(item);
  }
}

// ---- running an analysis ------------------------------------------------------------------------------

function setState(state) {
  document.body.dataset.state = state;
}

function showProgress(fraction) {
  if (fraction === undefined) el.progress.removeAttribute('value');
  else el.progress.value = fraction;
}

function showError(error, name) {
  const line = error?.line > 0 && !/\bline \d+/i.test(error.message) ? ` (line ${error.line})` : '';
  setText(el.error, `${error?.message ?? error}${line}`);
  el.error.hidden = false;
  setText(el.status, `Could not analyse ${name}.`);
  clearSummary();
  clearMatrix();
  clearColumns();
  renderWarnings(null);
  setState('error');
}

const enginePromise = createEngine();
let current; // the AbortController of the analysis on screen

async function analyze(input, name) {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  setState('loading');
  el.error.hidden = true;
  setText(el.error, '');
  setText(el.status, `Analysing ${name}…`);
  el.progress.hidden = false;
  showProgress(0);
  const started = performance.now();
  try {
    const engine = await enginePromise;
    const blob = typeof input === 'function' ? await input() : input;
    const report = await engine.analyze(blob, {
      signal: controller.signal,
      onProgress: (fraction) => {
        if (current === controller) showProgress(fraction);
      },
    });
    if (current !== controller) return;
    renderSummary(report.summary);
    renderMatrix(report.rfMatrix);
    renderColumns(report.columns);
    renderWarnings(report.diagnostics);
    showProgress(1);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    setText(el.status, `Analysed ${name} in ${seconds} s.`);
    setState('ready');
  } catch (error) {
    if (current !== controller || error?.name === 'AbortError') return;
    console.error(error);
    showError(error, name);
  } finally {
    if (current === controller) el.progress.hidden = true;
  }
}

async function fetchSample() {
  const response = await fetch(sampleUrl);
  if (!response.ok) throw new Error(`Could not load the bundled sample shop (HTTP ${response.status}).`);
  return response.blob();
}

function analyzeFile(file) {
  if (file) analyze(file, file.name);
}

// ---- input: file picker and drag and drop -------------------------------------------------------------

el.fileInput.addEventListener('change', () => {
  analyzeFile(el.fileInput.files[0]);
  el.fileInput.value = ''; // picking the same file again re-runs it
});

const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');

el.dropZone.addEventListener('dragover', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  el.dropZone.classList.add('is-over');
});
el.dropZone.addEventListener('dragleave', (event) => {
  if (!el.dropZone.contains(event.relatedTarget)) el.dropZone.classList.remove('is-over');
});
el.dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  el.dropZone.classList.remove('is-over');
  analyzeFile(event.dataTransfer.files[0]);
});
// A file dropped next to the zone must not make the browser navigate away from the page.
window.addEventListener('dragover', (event) => hasFiles(event) && event.preventDefault());
window.addEventListener('drop', (event) => hasFiles(event) && event.preventDefault());

buildMatrix();
clearMatrix();
// The engine's default thresholds (SPEC 4) until the first report brings the ones it used.
renderThresholds({ activeBelowDays: 90, lapsedAboveDays: 365, multiOrders: 2, highValueOrders: 3 });
analyze(fetchSample, 'sample-shop.csv');
