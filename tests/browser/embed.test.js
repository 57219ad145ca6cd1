// The embedding example (examples/embed, built to dist/demo/embed): the component inside a plain admin
// panel, themed from outside, its events reaching the host page. Needs `bash scripts/build.sh`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  RESULTS, READY_TIMEOUT, assertPanelsRendered, assertSameOrigin, cancelOnFirstProgress, cliExport, cliReport,
  generatedOrders, openSession, pageRfMatrix, repo, waitReady,
} from './helpers.js';

const SHOPIFY = repo('tests/fixtures/shopify-orders.csv');
let session;
let page;

before(async () => {
  session = await openSession('embed/');
  page = session.page;
});
after(() => session?.close());

const activity = () => page.locator('[data-testid="activity"]').textContent();

test('the admin panel embeds the dashboard: its data, its theme, the events', async () => {
  await page.goto(session.url);
  await waitReady(page, 'acme-orders.csv');
  assert.deepEqual(await pageRfMatrix(page), cliReport(repo('examples/sample-shop.csv')).rfMatrix.customers);
  assert.match(await activity(), /Analysed acme-orders\.csv: 1500 customers/);
  assert.match(await activity(), /Reading: 100%/);
  // The host page's custom property reaches inside the shadow root.
  const accent = await page.locator('[data-testid="apply-mapping"]').evaluate((button) => getComputedStyle(button).backgroundColor);
  assert.equal(accent, 'rgb(91, 60, 196)');
  await assertPanelsRendered(page);
  await page.screenshot({ path: `${RESULTS}/embed-admin.png`, fullPage: true });
});

test('the embedded component takes a file, remaps a column, exports a segment and cancels', async () => {
  await page.locator('[data-testid="file-input"]').setInputFiles(SHOPIFY);
  await waitReady(page, 'shopify-orders.csv');
  assert.deepEqual(await pageRfMatrix(page), cliReport(SHOPIFY).rfMatrix.customers);
  await page.locator('[data-testid="change-mapping"]').click();
  await page.locator('[data-testid="role-customer"]').selectOption('Billing Name');
  await page.locator('[data-testid="apply-mapping"]').click();
  await page.waitForFunction(() => document.querySelector('retention-dashboard').report?.columns.customer === 'Billing Name', null, { timeout: READY_TIMEOUT });
  assert.deepEqual(await pageRfMatrix(page), cliReport(SHOPIFY, '--customer', 'Billing Name').rfMatrix.customers);

  await page.locator('[data-testid="rf-cell"][data-recency="active"][data-frequency="single"] button').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-segment"]').click()]);
  const expected = cliExport(SHOPIFY, 'active/single', '--customer', 'Billing Name');
  assert.equal(readFileSync(await download.path(), 'utf8'), expected);
  const rows = expected.trimEnd().split('\r\n').length - 1;
  assert.ok(rows > 0);
  assert.match(await activity(), new RegExp(`Exported ${rows} customers of active/single`));

  const cancelled = cancelOnFirstProgress(page);
  await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: generatedOrders(300_000) });
  assert.ok((await cancelled) < 1);
  await page.waitForFunction(() => document.querySelector('retention-dashboard').getAttribute('state') === 'ready', null, { timeout: 5000 });
  assert.match(await page.locator('[data-testid="status"]').textContent(), /Cancelled the analysis of large\.csv/);
  assert.deepEqual(await pageRfMatrix(page), cliReport(SHOPIFY, '--customer', 'Billing Name').rfMatrix.customers);
  await page.screenshot({ path: `${RESULTS}/embed-after-cancel.png` });
});

test('the admin panel never contacts another origin and logs no error', () => {
  assertSameOrigin(session);
  assert.deepEqual(session.errors, []);
});
