// Issue 11, the warm start: a dashboard starts its engine (the worker, the wasm's download and compile)
// before a file is picked; the wasm compiles while it downloads when served as application/wasm and is
// read whole from a server that sends another type; a failing wasm URL is still reported at the pick.
// The built demo page (dist/demo) with more dashboards added to it; needs `bash scripts/build.sh`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { READY_TIMEOUT, cliReport, openSession, repo, waitReady } from './helpers.js';

const GENERIC = repo('tests/fixtures/generic-orders.csv');
const WASM = readFileSync(repo('dist/wasm/retention-kit.wasm'));
const served = []; // the paths of the wasm copies below, as requested
let session;
let page;

before(async () => {
  session = await openSession('', {
    // /wasm/NAME.wasm and /octet-stream/NAME.wasm: the engine's wasm, with that content type.
    intercept(request, response) {
      const path = new URL(request.url, 'http://localhost').pathname;
      const type = /^\/(wasm|octet-stream)\/[\w-]+\.wasm$/.exec(path)?.[1];
      if (!type) return false;
      served.push(path);
      response.writeHead(200, { 'content-type': `application/${type}` }).end(WASM);
      return true;
    },
  });
  page = session.page;
  await page.goto(session.url);
  await waitReady(page, 'sample-shop.csv');
});
after(() => session?.close());

// A dashboard without src added to the page, with these attributes.
const addDashboard = (id, attributes) =>
  page.evaluate(({ id, attributes }) => {
    const dashboard = document.createElement('retention-dashboard');
    dashboard.id = id;
    for (const [name, value] of Object.entries(attributes)) dashboard.setAttribute(name, value);
    dashboard.addEventListener('error', (event) => (dashboard.lastError = { code: event.detail.error.code, message: event.detail.error.message }));
    document.body.append(dashboard);
  }, { id, attributes });

const state = (id) => page.evaluate((id) => document.getElementById(id).getAttribute('state'), id);
const waitState = (id, wanted) =>
  page.waitForFunction(([id, wanted]) => document.getElementById(id).getAttribute('state') === wanted, [id, wanted], { timeout: READY_TIMEOUT });

async function until(condition, what) {
  const deadline = Date.now() + READY_TIMEOUT;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Picks the fixture in dashboard `id` and checks its RF matrix against the native CLI's.
async function pickAndCheck(id) {
  await page.locator(`#${id} [data-testid="file-input"]`).setInputFiles(GENERIC);
  await waitState(id, 'ready');
  const matrix = await page.evaluate((id) => document.getElementById(id).report.rfMatrix.customers, id);
  assert.deepEqual(matrix, cliReport(GENERIC).rfMatrix.customers);
}

test('a dashboard without src starts its worker and loads the wasm before a file is picked; the pick uses them', async () => {
  await addDashboard('early', { 'wasm-url': './wasm/early.wasm' });
  // The worker fetches the wasm: both started with no file picked.
  await until(() => served.includes('/wasm/early.wasm'), 'the wasm request before any pick');
  assert.equal(await state('early'), 'idle', 'nothing is shown before a pick');
  await pickAndCheck('early');
  assert.deepEqual(served.filter((path) => path === '/wasm/early.wasm'), ['/wasm/early.wasm'], 'loaded once, before the pick');
});

test('served as application/octet-stream the wasm is read whole and runs; as application/wasm it compiles while it downloads', async () => {
  // In the page (worker="false") the compile calls can be watched.
  await page.evaluate(() => {
    window.compileCalls = [];
    for (const name of ['compile', 'compileStreaming']) {
      const original = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        window.compileCalls.push(name);
        return original.apply(this, args);
      };
    }
  });
  const compileCalls = () => page.evaluate(() => window.compileCalls);
  await addDashboard('octet-page', { 'wasm-url': './octet-stream/page.wasm', worker: 'false' });
  await pickAndCheck('octet-page');
  assert.deepEqual(await compileCalls(), ['compile']);
  await addDashboard('wasm-page', { 'wasm-url': './wasm/page.wasm', worker: 'false' });
  await pickAndCheck('wasm-page');
  assert.deepEqual(await compileCalls(), ['compile', 'compileStreaming']);
  // The usual setup: the engine's own worker, from a server that sends octet-stream.
  await addDashboard('octet-worker', { 'wasm-url': './octet-stream/worker.wasm' });
  await pickAndCheck('octet-worker');
  assert.ok(served.includes('/octet-stream/worker.wasm'));
});

test('a wasm URL that fails shows nothing before a pick; the pick shows the error naming the URL and the status, as before', async () => {
  const url = `${session.origin}missing/retention-kit.wasm`;
  await addDashboard('missing', { 'wasm-url': './missing/retention-kit.wasm' });
  await until(() => session.errors.includes(`HTTP 404 for ${url}`), 'the early load of the wasm');
  await page.waitForTimeout(200); // the worker has answered the early load by now: nothing may show it
  assert.equal(await state('missing'), 'idle');
  assert.equal(await page.locator('#missing [data-testid="error"]').isHidden(), true);
  await page.locator('#missing [data-testid="file-input"]').setInputFiles(GENERIC);
  await waitState('missing', 'error');
  const error = await page.evaluate(() => document.getElementById('missing').lastError);
  assert.deepEqual(error, { code: 'wasm_load_failed', message: `could not load the engine's WebAssembly from ${url}: HTTP 404 Not Found` });
  assert.match(await page.locator('#missing [data-testid="error"]').textContent(), /missing\/retention-kit\.wasm: HTTP 404 Not Found/);
  // A failed load is tried again on the next analysis: the pick loaded it anew.
  assert.equal(session.requests.filter((request) => request === url).length, 2);
});

test('the page logs no error but the missing wasm', () => {
  const unexpected = session.errors.filter((error) => !/missing\/retention-kit\.wasm|Failed to load resource/.test(error));
  assert.deepEqual(unexpected, []);
});
