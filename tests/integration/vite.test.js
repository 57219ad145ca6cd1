// A Vite 7 app that installed the packed package, with Vite's defaults: the dev server (which
// pre-bundles dependencies), the production build, and a bundled server-rendering build.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test, before, after } from 'node:test';
import { startServer } from '../../scripts/serve.js';
import { dashboardRfMatrix, expectedRfMatrix, FIXTURE, freePort, openBrowser, run, setUpProject, startProcess } from './harness.js';

describe('Vite 7', { timeout: 300_000 }, () => {
  let dir;
  let expected;
  let browser;
  before(async () => {
    dir = setUpProject('vite-app');
    expected = expectedRfMatrix();
    browser = await openBrowser();
  });
  after(() => browser?.close());

  test('dev server: the dashboard analyses a file', async () => {
    const port = await freePort();
    // --force: the packed package changes between runs under the same lock file; re-optimise it.
    const vite = await startProcess(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--force', '--logLevel', 'info'], {
      cwd: dir,
      ready: /Local:/,
    });
    try {
      await browser.page.goto(`http://127.0.0.1:${port}/`);
      assert.deepEqual(await dashboardRfMatrix(browser.page), expected);
      assert.deepEqual(browser.errors, []);
    } finally {
      vite.stop();
    }
  });

  test('production build: the dashboard analyses a file', async () => {
    const build = run(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { cwd: dir });
    assert.equal(build.status, 0, build.stderr);
    const { server, url } = await startServer(join(dir, 'dist'));
    try {
      browser.errors.length = 0;
      await browser.page.goto(url);
      assert.deepEqual(await dashboardRfMatrix(browser.page), expected);
      assert.deepEqual(browser.errors, []);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('bundled server rendering (ssr.noExternal): the engine runs in the bundle', () => {
    const build = run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.ssr.config.js'], { cwd: dir });
    assert.equal(build.status, 0, build.stderr);
    const render = run(process.execPath, ['dist-server/render.js', FIXTURE], { cwd: dir });
    assert.equal(render.status, 0, render.stderr);
    assert.equal(render.stdout, `<table data-rf='${JSON.stringify(expected)}'></table>\n`);
  });
});
