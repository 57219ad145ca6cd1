// End-to-end test of the built demo page (dist/demo) in Debian's Chromium, driven by playwright-core.
// Needs: the wasm in dist/wasm, `npx vite build --config web/demo/vite.config.js`, and build/native (the CLI).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.js';

const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const DEMO = repo('dist/demo');
const CLI = repo('build/native/retention-kit');
const RESULTS = repo('test-results');
const READY_TIMEOUT = 15_000;

let server;
let origin;
let browser;
let page;
const requests = []; // every URL the page (and its worker) asked for
const pageErrors = [];

function rfCells() {
  return page.$$eval('[data-testid="rf-cell"]', (cells) =>
    cells.map((cell) => ({
      recency: cell.dataset.recency,
      frequency: cell.dataset.frequency,
      customers: cell.dataset.customers,
      text: cell.textContent,
    })),
  );
}

// The cells as a 3 x 3 matrix of counts, rows = recency, columns = frequency, in the report's order.
function toMatrix(cells, recency, frequency) {
  return recency.map((r) =>
    frequency.map((f) => {
      const cell = cells.find((c) => c.recency === r && c.frequency === f);
      assert.ok(cell, `no rf-cell for ${r}/${f}`);
      assert.match(cell.customers, /^\d+$/, `data-customers of ${r}/${f} is an integer`);
      return Number(cell.customers);
    }),
  );
}

async function summaryField(name) {
  return (await page.textContent(`[data-testid="summary"] [data-field="${name}"]`)).trim();
}

// Digits only: the page formats numbers for the user's locale (1,500 or 1 500 or 1.500).
const digits = (text) => text.replace(/[^\d]/g, '');

before(async () => {
  assert.ok(existsSync(`${DEMO}/index.html`), 'dist/demo is missing: run npx vite build --config web/demo/vite.config.js');
  mkdirSync(RESULTS, { recursive: true });
  ({ server, url: origin } = await startServer(DEMO));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Context-level: also sees the Web Worker's requests (the wasm).
  context.on('request', (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(new Error(`${message.text()} ${message.location().url ?? ''}`.trim()));
  });
  context.on('response', (response) => {
    if (response.status() >= 400) pageErrors.push(new Error(`HTTP ${response.status()} for ${response.url()}`));
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('opens on the sample shop with the same RF matrix as the native CLI', async () => {
  await page.goto(origin);
  await page.waitForSelector('body[data-state="ready"]', { timeout: READY_TIMEOUT });

  const run = spawnSync(CLI, ['analyze', repo('examples/sample-shop.csv'), '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `native CLI failed: ${run.stderr}`);
  const report = JSON.parse(run.stdout);
  const { recency, frequency, customers } = report.rfMatrix;

  const cells = await rfCells();
  assert.equal(cells.length, 9);
  const matrix = toMatrix(cells, recency, frequency);
  assert.deepEqual(matrix, customers);
  assert.equal(matrix.flat().reduce((a, b) => a + b, 0), report.summary.customers);

  assert.equal(digits(await summaryField('customers')), String(report.summary.customers));
  assert.equal(digits(await summaryField('orders')), String(report.summary.orders));
  assert.equal(await summaryField('asOf'), report.summary.asOf);
  assert.match(await page.textContent('[data-testid="status"]'), /Analysed sample-shop\.csv/);
  assert.equal(await page.isVisible('[data-testid="error"]'), false);
  // The detected column mapping is shown.
  assert.match(await page.textContent('[data-testid="columns"]'), /customer_id/);

  await page.screenshot({ path: `${RESULTS}/demo-sample.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways at 360px by ${overflow}px`);
  await page.screenshot({ path: `${RESULTS}/demo-narrow.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('a picked file replaces the sample: generic-orders.csv', async () => {
  await page.setInputFiles('[data-testid="file-input"]', repo('tests/fixtures/generic-orders.csv'));
  await page.waitForFunction(
    () => document.body.dataset.state === 'ready' && /generic-orders\.csv/.test(document.querySelector('[data-testid="status"]').textContent),
    null,
    { timeout: READY_TIMEOUT },
  );
  const cells = await rfCells();
  assert.equal(cells.length, 9);
  // Hand-computed with asOf 2024-05-02 (the latest order): alice, bob active/multi; dave active/highValue; carol lapsed/single.
  const matrix = toMatrix(cells, ['active', 'churning', 'lapsed'], ['single', 'multi', 'highValue']);
  assert.deepEqual(matrix, [
    [0, 2, 1],
    [0, 0, 0],
    [1, 0, 0],
  ]);
  assert.equal(await summaryField('customers'), '4');
  assert.equal(digits(await summaryField('revenue')), '116500');
  assert.equal(await summaryField('asOf'), '2024-05-02');
  assert.match(await page.textContent('[data-testid="summary"]'), /Customers\s*4/);
});

test('a file without a customer column shows the error on the page', async () => {
  await page.setInputFiles('[data-testid="file-input"]', {
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('a,b\n1,2\n'),
  });
  await page.waitForSelector('body[data-state="error"]', { timeout: READY_TIMEOUT });
  const error = page.locator('[data-testid="error"]');
  assert.equal(await error.isVisible(), true);
  assert.match(await error.textContent(), /customer/i);
  assert.match(await page.textContent('[data-testid="status"]'), /bad\.csv/);
  // The previous file's numbers are not left on screen next to the error.
  const cells = await rfCells();
  assert.ok(cells.every((cell) => cell.customers === undefined));
});

test('the built page also works from a sub-folder of a static server', async () => {
  const sub = await startServer(repo('dist'));
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto(`${sub.url}demo/`);
    await other.waitForSelector('body[data-state="ready"]', { timeout: READY_TIMEOUT });
    assert.equal(await other.locator('[data-testid="rf-cell"][data-customers]').count(), 9);
  } finally {
    await context.close();
    await new Promise((resolve) => sub.server.close(resolve));
  }
});

test('the page never contacts another origin', async () => {
  assert.ok(requests.length >= 4, `expected the page, its script, worker, wasm and sample; saw ${requests.join(', ')}`);
  assert.ok(requests.some((url) => url.endsWith('.wasm')), 'the wasm was requested');
  const foreign = requests.filter((url) => !url.startsWith(origin) && !/^(data|blob):/.test(url));
  assert.deepEqual(foreign, []);
  // The only console errors allowed are the one logged for bad.csv.
  const unexpected = pageErrors.filter((error) => !/customer column/.test(error.message));
  assert.deepEqual(unexpected.map((error) => error.message), []);
});
