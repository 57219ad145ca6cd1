// Node programs using the installed package: ES module import, CommonJS require, the dashboard
// imported on a server, and the npx CLI.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { expectedRfMatrix, FIXTURE, run, setUpProject } from './harness.js';

test('Node: import, require, the dashboard on a server and npx, from the packed tarball', { timeout: 240_000 }, () => {
  const dir = setUpProject('node-app');
  const expected = expectedRfMatrix();

  const esm = run(process.execPath, ['esm.mjs', FIXTURE], { cwd: dir });
  assert.equal(esm.status, 0, esm.stderr);
  assert.deepEqual(JSON.parse(esm.stdout), expected);

  const cjs = run(process.execPath, ['cjs.cjs', FIXTURE], { cwd: dir });
  assert.equal(cjs.status, 0, cjs.stderr);
  assert.deepEqual(JSON.parse(cjs.stdout), { rf: expected, error: 'function' });

  const server = run(process.execPath, ['server-import.mjs'], { cwd: dir });
  assert.equal(server.status, 0, server.stderr);
  assert.equal(server.stdout, 'function undefined\n');

  const npx = run('npx', ['--no-install', 'retention-kit', 'analyze', FIXTURE, '--json'], { cwd: dir });
  assert.equal(npx.status, 0, npx.stderr);
  assert.deepEqual(JSON.parse(npx.stdout).rfMatrix.customers, expected);
  assert.ok(existsSync(join(dir, 'node_modules/retention-kit/LICENSE')), 'the licence is installed');
});
