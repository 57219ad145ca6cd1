// Shared by the browser tests: the built pages served from dist/demo, Debian's Chromium driven by
// playwright-core, every request and console error recorded, and the native CLI for expected values.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.js';

export const repo = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
export const RESULTS = repo('test-results');
export const READY_TIMEOUT = 20_000;
const CLI = repo('build/native/retention-kit');

// Starts the server and the browser; `requests` and `errors` fill up for the whole run. `intercept` as
// startServer's: answers some requests itself.
export async function openSession(path, { intercept } = {}) {
  assert.ok(existsSync(repo(`dist/demo/${path}index.html`)), `dist/demo/${path}index.html is missing: run bash scripts/build.sh`);
  mkdirSync(RESULTS, { recursive: true });
  const { server, url } = await startServer(repo('dist/demo'), { intercept });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const session = { server, origin: url, url: `${url}${path}`, browser, context, requests: [], errors: [] };
  // Context-level: also sees the Web Worker's requests (the wasm).
  context.on('request', (request) => session.requests.push(request.url()));
  context.on('response', (response) => response.status() >= 400 && session.errors.push(`HTTP ${response.status()} for ${response.url()}`));
  session.page = await context.newPage();
  session.page.on('pageerror', (error) => session.errors.push(error.message));
  session.page.on('console', (message) => message.type() === 'error' && session.errors.push(message.text()));
  session.close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return session;
}

// Waits until the dashboard has analysed a file named `name` (or any file) and drawn every panel.
export async function waitReady(page, name) {
  await page.waitForFunction(
    (wanted) => {
      const dashboard = document.querySelector('retention-dashboard');
      const status = dashboard?.shadowRoot?.querySelector('[data-testid="status"]')?.textContent ?? '';
      return dashboard?.getAttribute('state') === 'ready' && (!wanted || status.includes(`Analysed ${wanted}`));
    },
    name,
    { timeout: READY_TIMEOUT },
  );
  await waitDrawn(page);
}

// Waits until every panel of the results on screen is drawn. The dashboard draws the first screen (the
// summary cards, the RF matrix, the segments) in the task that receives the results ('analyzed'), and
// the panels below it in the next tasks: it has the `drawing` attribute until the last ('drawn').
export async function waitDrawn(page) {
  await page.waitForFunction(() => !document.querySelector('retention-dashboard')?.hasAttribute('drawing'), null, { timeout: READY_TIMEOUT });
}

// The built demo open on its bundled sample (a fresh browser context: nothing remembered).
export async function openSampleDashboard() {
  const session = await openSession('');
  await session.page.goto(session.url);
  await waitReady(session.page, 'sample-shop.csv');
  return session;
}

export function cli(...args) {
  const run = spawnSync(CLI, ['analyze', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, `native CLI failed: ${run.stderr}`);
  return run.stdout;
}

export const cliReport = (...args) => JSON.parse(cli(...args, '--json'));

// The CSV the native CLI writes for --export-segment NAME.
export function cliExport(file, name, ...args) {
  const out = join(mkdtempSync(join(tmpdir(), 'rk-export-')), 'segment.csv');
  cli(file, ...args, '--export-segment', name, '--out', out);
  return readFileSync(out, 'utf8');
}

// The RF matrix on the page, rows = recency, columns = frequency (the report's order).
export async function pageRfMatrix(page) {
  const cells = await page.$$eval('[data-testid="rf-cell"]', (nodes) => nodes.map((n) => ({ ...n.dataset })));
  assert.equal(cells.length, 9);
  return ['active', 'churning', 'lapsed'].map((r) =>
    ['single', 'multi', 'highValue'].map((f) => {
      const cell = cells.find((c) => c.recency === r && c.frequency === f);
      assert.match(cell?.customers ?? '', /^\d+$/, `data-customers of ${r}/${f}`);
      return Number(cell.customers);
    }),
  );
}

// Every panel drew something: charts a canvas, tables rows, cards numbers.
export async function assertPanelsRendered(page) {
  for (const chart of ['retention', 'repeat', 'gaps', 'pareto']) {
    assert.equal(await page.locator(`[data-chart="${chart}"] canvas`).count() > 0, true, `the ${chart} chart has a canvas`);
  }
  for (const body of ['segments', 'performance', 'cohorts', 'migration', 'products', 'attributes', 'quality']) {
    const text = (await page.locator(`[data-panel="${body}"]`).textContent()).trim();
    assert.ok(text.length > 60, `the ${body} panel is filled`);
  }
  for (const name of ['segments', 'performance', 'cohorts', 'migration']) {
    assert.ok((await page.locator(`[data-body="${name}"] tbody tr`).count()) > 0, `the ${name} table has rows`);
  }
  for (const field of ['customers', 'orders', 'revenue', 'aov', 'repeatRate', 'retention']) {
    assert.match(await page.locator(`[data-testid="summary"] [data-field="${field}"]`).textContent(), /\d/, `summary card ${field}`);
  }
  assert.match(await page.locator('[data-testid="lights"]').textContent(), /\d/);
  assert.ok((await page.locator('[data-testid="role-grid"] select').count()) >= 10, 'a select per column role');
  assert.ok((await page.locator('[data-testid="preview"] tbody tr').count()) > 0, 'the preview shows rows');
  assert.ok((await page.locator('[data-testid="data-quality"] div').count()) >= 4, 'the data-quality facts');
  // The predicted-value panel: the model's figures and a row per segment and RF cell, or the
  // reason the models could not run (a few customers only).
  assert.equal(await page.locator('[data-panel="clv"]').isVisible(), true);
  const modelMessage = await page.evaluate(() => document.querySelector('retention-dashboard').report.model.message ?? null);
  const cards = await page.locator('[data-testid="clv-cards"]').textContent();
  if (modelMessage) {
    // A model that could not run is a plain sentence under the panel's heading, never a KPI card.
    assert.ok((await page.locator('[data-testid="model-error"]').textContent()).includes(modelMessage), `the plain reason is shown: ${modelMessage}`);
  } else {
    assert.match(cards, /Still buying from you \(average chance\)[\d.]+%/);
    assert.ok((await page.locator('[data-body="clv-segments"] tbody tr').count()) > 0, 'predicted value by segment');
    assert.ok((await page.locator('[data-body="clv-fit"] tbody tr').count()) > 0, 'the model fit');
  }
}

// An order file of `rows` rows, made in memory (for cancelling a long analysis).
export function generatedOrders(rows) {
  const lines = ['order_id,customer_id,order_date,amount'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2021, 0, 1) + (i % 1400) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${i},C${(i * 7919) % 50_000},${day},${(10 + (i % 97)).toFixed(2)}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

// Clicks the dashboard's Cancel button as soon as the first progress event arrives (in the page).
export function cancelOnFirstProgress(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const dashboard = document.querySelector('retention-dashboard');
        dashboard.addEventListener(
          'progress',
          (event) => {
            dashboard.shadowRoot.querySelector('[data-testid="cancel"]').click();
            resolve(event.detail.fraction);
          },
          { once: true },
        );
      }),
  );
}

// Only the page's own origin (and blob:/data: URLs it made itself) was ever requested.
export function assertSameOrigin(session) {
  assert.ok(session.requests.some((url) => url.endsWith('.wasm')), 'the wasm was requested');
  const foreign = session.requests.filter((url) => !url.startsWith(session.origin) && !/^(data|blob):/.test(url));
  assert.deepEqual(foreign, []);
}

// Cumulative layout shift of the page so far (the results must not push the page around).
export function layoutShift(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 100);
      }),
  );
}

// Elements of the dashboard whose content is cut off without a way to see it: a box that hides its
// overflow (not a chart, not visually hidden, no title with the full text), or a scrolling box with no
// visible cue or no keyboard focus. Returns short descriptions.
export function clippedWithoutCue(page) {
  return page.evaluate(() => {
    const root = document.querySelector('retention-dashboard').shadowRoot;
    const problems = [];
    for (const node of root.querySelectorAll('*')) {
      if (!node.getClientRects().length || node.closest('details:not([open]) > :not(summary)')) continue; // not rendered
      if (node.classList.contains('skip-link')) continue; // hidden until focused, by design
      const style = getComputedStyle(node);
      const wide = node.scrollWidth > node.clientWidth + 1;
      if (!wide) continue;
      const name = `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}[${node.dataset.testid ?? node.dataset.body ?? ''}]`;
      if (style.overflowX === 'auto' || style.overflowX === 'scroll') {
        const cue = node.previousElementSibling?.classList.contains('scroll-cue') && node.previousElementSibling.checkVisibility();
        const scroller = node.classList.contains('vbody') || node.classList.contains('preview-scroll');
        if (!scroller && !(node.hasAttribute('data-overflow') && cue)) problems.push(`${name}: scrolls without a cue`);
        if (node.tabIndex < 0) problems.push(`${name}: scrolls but cannot be reached by keyboard`);
        continue;
      }
      if (style.overflowX === 'visible') continue;
      if (node.closest('.chart, .visually-hidden, .rf-share-label, .uplot')) continue;
      if (node.title && node.title === node.textContent) continue; // the full text on hover
      problems.push(`${name}: content clipped (${node.scrollWidth} > ${node.clientWidth})`);
    }
    return problems;
  });
}

const AXE = readFileSync(repo('node_modules/axe-core/axe.min.js'), 'utf8');

// Runs axe-core in the page (evaluated through the DevTools protocol: the page's CSP stays as it is).
export async function axeViolations(page) {
  // The panels fade back in (.2 s) when a run ends: colours are checked once they are final.
  await page.evaluate(() => Promise.all((document.querySelector('retention-dashboard')?.shadowRoot ?? document).getAnimations().map((a) => a.finished)));
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes, e.g. ${v.nodes[0].target.join(' ')} ${v.nodes[0].failureSummary?.split('\n')[1] ?? ''}`);
}
