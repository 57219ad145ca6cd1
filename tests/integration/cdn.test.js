// The installed package served from another origin, as a CDN serves it (CORS, no bundler): the engine
// starts its worker through a same-origin blob, runs without a worker, reports failed loads with the
// URL and HTTP status and loads again on the next call; the dashboard works from there too.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../scripts/serve.js';
import { dashboardRfMatrix, expectedRfMatrix, FIXTURE, openBrowser, pageResult, setUpProject, WORK } from './harness.js';

// The page: everything it needs from the CDN; results into window.result.
const page = (cdn) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>retention-kit from a CDN</title><link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "uplot": "${cdn}uplot/dist/uPlot.esm.js" } }</script>
<script type="module">
const CDN = ${JSON.stringify(cdn)};
const { createEngine } = await import(CDN + 'retention-kit/web/lib/index.js');
const csv = await (await fetch('./generic-orders.csv')).blob();
const rf = async (engine) => (await engine.analyze(csv)).rfMatrix.customers;
const failure = (promise) => promise.then(() => null, (e) => ({ name: e.name, code: e.code, message: e.message }));
const result = {};
result.worker = await rf(await createEngine());
result.noWorker = await rf(await createEngine({ worker: false }));
result.missing = await failure((await createEngine({ wasmUrl: CDN + 'retention-kit/no-such.wasm' })).analyze(csv));
const flaky = await createEngine({ wasmUrl: CDN + 'flaky/retention-kit.wasm' });
result.flakyFirst = await failure(flaky.analyze(csv));
result.flakySecond = await rf(flaky);
result.badWorker = await failure((await createEngine({ workerUrl: CDN + 'retention-kit/web/lib/no-such-worker.js' })).analyze(csv));
await import(CDN + 'retention-kit/web/components/retention-dashboard.js');
const dashboard = document.createElement('retention-dashboard');
dashboard.setAttribute('src', './generic-orders.csv');
document.body.append(dashboard);
window.result = result;
</script>
</head>
<body></body>
</html>
`;

test('from a CDN (another origin): worker, no worker, load errors, a retry, the dashboard', { timeout: 300_000 }, async () => {
  const installed = join(setUpProject('node-app'), 'node_modules');
  const wasm = readFileSync(join(installed, 'retention-kit/dist/wasm/retention-kit.wasm'));
  let flakyRequests = 0;
  const cdn = await startServer(installed, {
    headers: { 'access-control-allow-origin': '*' },
    // The first request for this copy of the wasm fails, as a CDN edge sometimes does.
    intercept(request, response) {
      if (!request.url.startsWith('/flaky/')) return false;
      if (flakyRequests++ === 0) response.writeHead(503, { 'content-type': 'text/plain' }).end('try again');
      else response.writeHead(200, { 'content-type': 'application/wasm' }).end(wasm);
      return true;
    },
  });
  const siteDir = join(WORK, 'cdn-site');
  mkdirSync(siteDir, { recursive: true });
  writeFileSync(join(siteDir, 'index.html'), page(cdn.url));
  cpSync(FIXTURE, join(siteDir, 'generic-orders.csv'));
  const site = await startServer(siteDir);
  assert.notEqual(new URL(cdn.url).origin, new URL(site.url).origin);
  const browser = await openBrowser();
  try {
    await browser.page.goto(site.url);
    const result = await pageResult(browser.page, 60_000);
    const expected = expectedRfMatrix();
    assert.deepEqual(result.worker, expected);
    assert.deepEqual(result.noWorker, expected);
    assert.deepEqual(result.missing, {
      name: 'RetentionError',
      code: 'wasm_load_failed',
      message: `could not load the engine's WebAssembly from ${cdn.url}retention-kit/no-such.wasm: HTTP 404 Not Found`,
    });
    assert.deepEqual(result.flakyFirst, {
      name: 'RetentionError',
      code: 'wasm_load_failed',
      message: `could not load the engine's WebAssembly from ${cdn.url}flaky/retention-kit.wasm: HTTP 503 Service Unavailable`,
    });
    assert.deepEqual(result.flakySecond, expected);
    assert.equal(flakyRequests, 2);
    assert.equal(result.badWorker.code, 'worker_failed');
    assert.ok(result.badWorker.message.startsWith(`the engine's worker at ${cdn.url}retention-kit/web/lib/no-such-worker.js stopped`), result.badWorker.message);
    assert.deepEqual(await dashboardRfMatrix(browser.page), expected);
    const unexpected = browser.errors.filter((error) => !/no-such|flaky|Failed to load resource/.test(error));
    assert.deepEqual(unexpected, []);
  } finally {
    await browser.close();
    await new Promise((resolve) => cdn.server.close(resolve));
    await new Promise((resolve) => site.server.close(resolve));
  }
});
