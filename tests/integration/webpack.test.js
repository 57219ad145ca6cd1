// A webpack 5 app that installed the packed package: webpack's defaults find the worker and the wasm.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../scripts/serve.js';
import { dashboardRfMatrix, expectedRfMatrix, openBrowser, run, setUpProject } from './harness.js';

test('webpack 5 production build: the dashboard analyses a file', { timeout: 300_000 }, async () => {
  const dir = setUpProject('webpack-app');
  const build = run(process.execPath, ['build.mjs'], { cwd: dir });
  assert.equal(build.status, 0, build.stderr);
  const { server, url } = await startServer(join(dir, 'dist'));
  const browser = await openBrowser();
  try {
    await browser.page.goto(url);
    assert.deepEqual(await dashboardRfMatrix(browser.page), expectedRfMatrix());
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
