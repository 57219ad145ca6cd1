// End-to-end test of the built demo page (dist/demo) in Debian's Chromium, driven by playwright-core.
// Needs `bash scripts/build.sh` (dist/demo and the native CLI in build/native).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  RESULTS, READY_TIMEOUT, assertPanelsRendered, assertSameOrigin, cancelOnFirstProgress, cliExport, cliReport,
  generatedOrders, layoutShift, openSession, pageRfMatrix, repo, waitReady,
} from './helpers.js';

const SAMPLE = repo('examples/sample-shop.csv');
const SHOPIFY = repo('tests/fixtures/shopify-orders.csv');
let session;
let page;

before(async () => {
  session = await openSession('');
  page = session.page;
});
after(() => session?.close());

const digits = (text) => text.replace(/[^\d]/g, '');
const field = (name) => page.locator(`[data-testid="summary"] [data-field="${name}"]`).textContent();
const status = () => page.locator('[data-testid="status"]').textContent();

test('opens on the sample shop: every panel, the same numbers as the native CLI, no layout jump', async () => {
  await page.goto(session.url);
  await waitReady(page, 'sample-shop.csv');
  const report = cliReport(SAMPLE);
  assert.deepEqual(await pageRfMatrix(page), report.rfMatrix.customers);
  assert.equal(digits(await field('customers')), String(report.summary.customers));
  assert.equal(digits(await field('orders')), String(report.summary.orders));
  assert.equal(digits(await field('revenue')), digits(report.summary.revenue.toFixed(2)));
  assert.match(await page.locator('[data-testid="privacy"]').textContent(), /never leaves this browser/);
  await assertPanelsRendered(page);
  // The detected mapping is shown as the selected column of each role.
  assert.equal(await page.locator('[data-testid="role-customer"]').inputValue(), 'customer_id');
  assert.equal(await page.locator('[data-testid="role-date"]').inputValue(), 'order_date');
  const shift = await layoutShift(page);
  assert.ok(shift < 0.1, `cumulative layout shift ${shift.toFixed(3)} while the results arrived`);
  await page.screenshot({ path: `${RESULTS}/demo-sample.png`, fullPage: true });

  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(200); // charts follow their box's width
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways at 360px by ${overflow}px`);
  await page.screenshot({ path: `${RESULTS}/demo-narrow.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
});

test("the first screen comes with 'analyzed', the panels below follow until 'drawn'; a report taken at once has them all", async () => {
  const seen = await page.evaluate(async (csv) => {
    const dashboard = document.querySelector('retention-dashboard');
    const root = dashboard.shadowRoot;
    const drawn = new Promise((resolve) => dashboard.addEventListener('drawn', (e) => resolve(e.detail.name), { once: true }));
    const atAnalyzed = await new Promise((resolve) => {
      dashboard.addEventListener('analyzed', () => resolve({
        drawing: dashboard.hasAttribute('drawing'),
        cards: root.querySelector('[data-field="customers"]').textContent,
        busy: [...root.querySelectorAll('[data-panel][aria-busy="true"]')].map((panel) => panel.dataset.panel),
        // Taken in the same task: every panel is drawn for it first.
        html: dashboard.downloadReport({ download: false }),
      }), { once: true });
      dashboard.analyze(new Blob([csv]), { name: 'sample-shop.csv' }); // the sample again: the next tests start from it
    });
    return { ...atAnalyzed, drawnName: await drawn, drawingAfter: dashboard.hasAttribute('drawing'), busyAfter: root.querySelectorAll('[aria-busy="true"]').length };
  }, readFileSync(SAMPLE, 'utf8'));
  assert.equal(seen.drawing, true, 'the panels below the first screen are still to draw at analyzed');
  assert.match(seen.cards, /\d/);
  assert.ok(seen.busy.includes('cohorts') && !seen.busy.includes('rf') && !seen.busy.includes('segments'), `busy: ${seen.busy}`);
  for (const caption of ['Cohort triangle', 'Segment migration', 'Model parameters and fit']) assert.ok(seen.html.includes(caption), `the report has the ${caption}`);
  assert.ok((seen.html.match(/class="chart-image"/g) ?? []).length >= 4, 'the report has every chart');
  assert.doesNotMatch(seen.html, /<section[^>]*aria-busy/, 'no panel of the report is still to draw');
  assert.equal(seen.drawnName, 'sample-shop.csv');
  assert.equal(seen.drawingAfter, false);
  assert.equal(seen.busyAfter, 0);
  await waitReady(page, 'sample-shop.csv');
  await assertPanelsRendered(page);
});

test('a segment lists its customers (search, sort) and downloads the same CSV as the CLI', async () => {
  await page.locator('[data-testid="segment"][data-segment="Champions"]').click();
  assert.equal(await page.locator('[data-testid="customers-title"]').textContent(), 'Champions');
  assert.equal(digits(await page.locator('[data-testid="customers-count"]').textContent()), '48');
  // Sorted by money spent, largest first.
  const spent = await page.$$eval('[data-testid="customer-body"] .vrow:not([hidden]) [role="cell"]:nth-child(6)', (cells) =>
    cells.map((cell) => Number(cell.textContent.replace(/[^\d.]/g, ''))));
  assert.ok(spent.length > 5);
  assert.deepEqual(spent, [...spent].sort((a, b) => b - a));
  // Sorted by a column of fractions (the chance of still buying), exactly, largest first.
  const column = async (key) => {
    await page.locator(`[data-testid="customer-head"] [data-key="${key}"] button`).click();
    await page.locator('[data-testid="customer-table"]:not([aria-busy])').waitFor();
    return page.$$eval(`[data-testid="customer-body"] .vrow:not([hidden]) [data-key="${key}"]`, (cells) => cells.map((cell) => cell.textContent));
  };
  const chances = (await column('pAlive')).map((text) => Number(text.replace('%', '')));
  assert.ok(new Set(chances).size > 2, `${chances}`);
  assert.deepEqual(chances, [...chances].sort((a, b) => b - a));
  // Sorting by customer id, then searching.
  const ids = await column('id');
  assert.deepEqual(ids, [...ids].sort());
  const first = await page.locator('[data-testid="customer-body"] .vrow:not([hidden])').first().textContent();
  await page.locator('[data-testid="customer-search"]').fill(first.slice(0, 6));
  await page.waitForFunction(() => document.querySelector('retention-dashboard').shadowRoot.querySelector('[data-testid="customers-count"]').textContent.startsWith('1 '));

  const exported = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('retention-dashboard').addEventListener('segment-export', (e) => resolve(e.detail), { once: true })));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-segment"]').click()]);
  assert.equal(download.suggestedFilename(), 'Champions.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.equal(csv, cliExport(SAMPLE, 'Champions'));
  assert.equal(csv.trimEnd().split('\r\n').length, 49);
  assert.equal((await exported).customers, 48);

  // An RF cell the same way.
  await page.locator('[data-testid="rf-cell"][data-recency="lapsed"][data-frequency="single"] button').click();
  const [cellDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-segment"]').click()]);
  assert.equal(readFileSync(await cellDownload.path(), 'utf8'), cliExport(SAMPLE, 'lapsed/single'));
  await page.locator('[data-panel="customers"]').screenshot({ path: `${RESULTS}/demo-customers.png` });
});

test('settings re-analyse the same file: RF bands and traffic-light multipliers as the CLI computes them', async () => {
  await page.locator('[data-testid="settings"] summary').click();
  await page.locator('[data-testid="settings-form"] input[name="activeBelowDays"]').fill('30');
  await page.locator('[data-testid="settings-form"] input[name="green"]').fill('2');
  await page.locator('[data-testid="apply-settings"]').click();
  await page.waitForFunction(() => document.querySelector('retention-dashboard').report?.rfMatrix.thresholds.activeBelowDays === 30, null, { timeout: READY_TIMEOUT });
  await waitReady(page, 'sample-shop.csv');
  const report = cliReport(SAMPLE, '--options', JSON.stringify({ rfThresholds: { activeBelowDays: 30 }, churnRisk: { green: 2 } }));
  assert.deepEqual(await pageRfMatrix(page), report.rfMatrix.customers);
  assert.equal(digits(await page.locator('[data-light="green"]').textContent()), String(report.churnRisk.green));
  // Back to the defaults for the tests below.
  await page.locator('[data-testid="settings-form"] input[name="activeBelowDays"]').fill('90');
  await page.locator('[data-testid="settings-form"] input[name="green"]').fill('1.5');
  await page.locator('[data-testid="apply-settings"]').click();
  await page.waitForFunction(() => document.querySelector('retention-dashboard').report?.rfMatrix.thresholds.activeBelowDays === 90, null, { timeout: READY_TIMEOUT });
  await page.locator('[data-testid="settings"] summary').click();
});

test('a Shopify export: detected mapping and preview, then a changed column re-runs the analysis', async () => {
  await page.locator('[data-testid="file-input"]').setInputFiles(SHOPIFY);
  await waitReady(page, 'shopify-orders.csv');
  const detected = cliReport(SHOPIFY);
  assert.deepEqual(await pageRfMatrix(page), detected.rfMatrix.customers);
  assert.match(await page.locator('[data-testid="preset"]').textContent(), /Shopify/);
  assert.equal(await page.locator('[data-testid="role-customer"]').inputValue(), 'Email');
  assert.equal(await page.locator('[data-testid="role-amount"]').inputValue(), 'Total');
  // A sure reading is one line; the mapping opens when asked.
  assert.equal(await page.locator('[data-panel="mapping"]').isVisible(), false);
  assert.match(await page.locator('[data-testid="mapping-summary"]').textContent(), /as a Shopify orders export: customer “Email”, date “Created at”, amount “Total”/);
  await page.locator('[data-testid="change-mapping"]').click();
  await page.locator('[data-testid="preview-details"] summary').click();
  assert.match(await page.locator('[data-testid="preview"] thead').textContent(), /Financial Status/);
  assert.match(await page.locator('[data-testid="preview"] tbody').textContent(), /ana@example\.com/);
  await assertPanelsRendered(page);
  await page.locator('[data-panel="mapping"]').screenshot({ path: `${RESULTS}/demo-shopify-mapping.png` });

  // Customers by billing name instead of email.
  await page.locator('[data-testid="role-customer"]').selectOption('Billing Name');
  await page.locator('[data-testid="apply-mapping"]').click();
  await page.waitForFunction(() => document.querySelector('retention-dashboard').report?.columns.customer === 'Billing Name', null, { timeout: READY_TIMEOUT });
  const remapped = cliReport(SHOPIFY, '--customer', 'Billing Name');
  assert.deepEqual(await pageRfMatrix(page), remapped.rfMatrix.customers);
  assert.equal(digits(await field('customers')), String(remapped.summary.customers));
  assert.equal(await page.locator('[data-testid="role-customer"]').inputValue(), 'Billing Name');

  // A detected role switched off: without the refund column, refunded orders count in full.
  await page.locator('[data-testid="role-refund"]').selectOption('');
  await page.locator('[data-testid="apply-mapping"]').click();
  await page.waitForFunction(() => document.querySelector('retention-dashboard').report?.columns.refund === undefined, null, { timeout: READY_TIMEOUT });
  const withoutRefunds = cliReport(SHOPIFY, '--options', '{"columns":{"customer":"Billing Name","refund":false}}');
  assert.ok(withoutRefunds.summary.revenue > remapped.summary.revenue);
  assert.equal(digits(await field('customers')), String(withoutRefunds.summary.customers));
  assert.deepEqual(await pageRfMatrix(page), withoutRefunds.rfMatrix.customers);
});

test('a long analysis is cancelled and the page stays usable', async () => {
  const before = await pageRfMatrix(page);
  const cancelled = cancelOnFirstProgress(page);
  await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: generatedOrders(300_000) });
  const fraction = await cancelled;
  assert.ok(fraction < 1, `cancelled at ${fraction}`);
  await page.waitForFunction(() => document.querySelector('retention-dashboard').getAttribute('state') === 'ready', null, { timeout: 5000 });
  assert.match(await status(), /Cancelled the analysis of large\.csv/);
  assert.equal(await page.locator('[data-testid="progress-row"]').isVisible(), false);
  // The previous results are still on screen, and the next file is analysed by the same worker.
  assert.deepEqual(await pageRfMatrix(page), before);
  await page.locator('section.input').screenshot({ path: `${RESULTS}/demo-cancelled.png` });
  await page.locator('[data-testid="file-input"]').setInputFiles(SAMPLE);
  await waitReady(page, 'sample-shop.csv');
});

test('a file the engine cannot read shows the error on the page', async () => {
  await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await page.waitForFunction(() => document.querySelector('retention-dashboard').getAttribute('state') === 'error', null, { timeout: READY_TIMEOUT });
  const error = page.locator('[data-testid="error"]');
  assert.equal(await error.isVisible(), true);
  assert.match(await error.textContent(), /customer/i);
  assert.match(await status(), /bad\.csv/);
  // No numbers of the previous file next to the error; the mapping step offers the file's columns.
  const cells = await page.$$eval('[data-testid="rf-cell"]', (nodes) => nodes.map((n) => n.dataset.customers));
  assert.ok(cells.every((value) => value === undefined));
  assert.deepEqual(await page.locator('[data-testid="role-customer"] option').allTextContents(), ['— choose —', 'a', 'b']);
  await page.locator('section.input').screenshot({ path: `${RESULTS}/demo-error.png` });
});

test('the built page also works from a sub-folder of a static server', async () => {
  const { startServer } = await import('../../scripts/serve.js');
  const sub = await startServer(repo('dist'));
  const context = await session.browser.newContext();
  try {
    const other = await context.newPage();
    await other.goto(`${sub.url}demo/`);
    await waitReady(other, 'sample-shop.csv');
    assert.equal(await other.locator('[data-testid="rf-cell"][data-customers]').count(), 9);
  } finally {
    await context.close();
    await new Promise((resolve) => sub.server.close(resolve));
  }
});

test('the page never contacts another origin and logs no unexpected error', () => {
  assertSameOrigin(session);
  assert.deepEqual(session.errors, []);
});
