// React 18 and 19 apps (Vite builds) using <retention-dashboard> as the README shows: options set as
// an object and the analyzed event received (React 19 through props, React 18 through a ref); and
// the package's types, JSX included, under strict TypeScript.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../scripts/serve.js';
import { dashboardRfMatrix, expectedRfMatrix, openBrowser, run, setUpProject } from './harness.js';

// The options in the apps' main.js: the active band is 400 days, lapsed from 800.
const OPTIONS = { rfThresholds: { activeBelowDays: 400, lapsedAboveDays: 800 } };

for (const version of [18, 19]) {
  test(`React ${version}: the component gets its options and its events fire`, { timeout: 300_000 }, async () => {
    const dir = setUpProject(`react${version}-app`);
    const build = run(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { cwd: dir });
    assert.equal(build.status, 0, build.stderr);
    const expected = expectedRfMatrix('--options', JSON.stringify(OPTIONS));
    assert.notDeepEqual(expected, expectedRfMatrix(), 'the options change the matrix');
    const { server, url } = await startServer(join(dir, 'dist'));
    const browser = await openBrowser();
    try {
      await browser.page.goto(url);
      assert.deepEqual(await dashboardRfMatrix(browser.page), expected);
      await browser.page.waitForSelector('#from-event', { timeout: 10_000 });
      assert.deepEqual(JSON.parse(await browser.page.textContent('#from-event')), expected);
      assert.deepEqual(browser.errors, []);
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
}

test('TypeScript (strict) with React 19: the JSX props, createEngine settings and error codes type-check', { timeout: 120_000 }, () => {
  const dir = setUpProject('react19-app');
  const tsc = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { cwd: dir });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
