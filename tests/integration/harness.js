// The packed package (npm pack) installed into throwaway projects under build/integration/, as an npm
// user would install it. Each project's pinned dependencies (package.json + package-lock.json in
// tests/integration/projects/NAME) are installed once and again only when those files change; the
// freshly packed retention-kit is installed on top at every run.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const WORK = join(repo, 'build/integration');
export const FIXTURE = join(repo, 'tests/fixtures/generic-orders.csv');
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'];

export function run(command, args, { cwd, timeout = 120_000, env } = {}) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r;
}

function newestChange(paths) {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const info = statSync(path);
    if (info.isDirectory()) newest = Math.max(newest, newestChange(readdirSync(path).map((name) => join(path, name))));
    else newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

// `npm pack` of the repo, redone when a packed file changed since the last pack.
export function packedTarball() {
  mkdirSync(WORK, { recursive: true });
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const tarball = join(WORK, `retention-kit-${version}.tgz`);
  const packed = ['package.json', 'LICENSE', 'README.md', 'web/lib', 'web/components', 'dist/wasm'].map((path) => join(repo, path));
  if (existsSync(tarball) && statSync(tarball).mtimeMs >= newestChange(packed)) return tarball;
  const scratch = mkdtempSync(join(WORK, 'pack-')); // packed aside, then moved: another test file may be reading it
  const r = run('npm', ['pack', '--pack-destination', scratch, ...NPM_QUIET], { cwd: repo });
  assert.equal(r.status, 0, `npm pack failed: ${r.stderr}`);
  renameSync(join(scratch, `retention-kit-${version}.tgz`), tarball);
  rmSync(scratch, { recursive: true, force: true });
  return tarball;
}

// build/integration/NAME: the project's files, its locked dependencies, and the packed retention-kit.
export function setUpProject(name) {
  const source = join(repo, 'tests/integration/projects', name);
  const dir = join(WORK, name);
  const lock = ['package.json', 'package-lock.json'].map((file) => (existsSync(join(source, file)) ? readFileSync(join(source, file), 'utf8') : ''));
  const hash = createHash('sha256').update(lock.join('\0')).digest('hex');
  const stamp = join(dir, 'node_modules/.installed-from');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(source, dir, { recursive: true });
    const r = run('npm', [existsSync(join(source, 'package-lock.json')) ? 'ci' : 'install', ...NPM_QUIET], { cwd: dir, timeout: 300_000 });
    assert.equal(r.status, 0, `installing ${name}'s dependencies failed: ${r.stderr}`);
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    writeFileSync(stamp, hash);
  }
  cpSync(source, dir, { recursive: true }); // the project's own files, as in the repo
  mkdirSync(join(dir, 'public'), { recursive: true });
  cpSync(FIXTURE, join(dir, 'public/generic-orders.csv'));
  const r = run('npm', ['install', '--no-save', ...NPM_QUIET, packedTarball()], { cwd: dir });
  assert.equal(r.status, 0, `installing the packed retention-kit into ${name} failed: ${r.stderr}`);
  return dir;
}

// The RF matrix the native CLI computes for the fixture: what every scenario must show.
export function expectedRfMatrix(...args) {
  const r = run(join(repo, 'build/native/retention-kit'), ['analyze', FIXTURE, '--json', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).rfMatrix.customers;
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;

// Starts a long-running command (a dev server) and resolves once its output matches `ready`.
export function startProcess(command, args, { cwd, ready, timeout = 60_000 }) {
  // CI may set FORCE_COLOR; colour codes inside "Local:" would hide the ready line.
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let output = '';
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${command} ${args.join(' ')} did not start within ${timeout} ms:\n${output}`));
    }, timeout);
    const listen = (chunk) => {
      output += String(chunk).replace(ANSI_ESCAPE, '');
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, stop, output: () => output });
      }
    };
    child.stdout.on('data', listen);
    child.stderr.on('data', listen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output}`));
    });
  });
}

// Debian's Chromium (SPEC 7); every page error, console error and failed response is recorded.
export async function openBrowser() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext();
  const errors = [];
  context.on('response', (response) => response.status() >= 400 && errors.push(`HTTP ${response.status()} for ${response.url()}`));
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  return { browser, page, errors, close: () => browser.close() };
}

// The RF matrix the dashboard drew (cells in its shadow root), rows = recency, columns = frequency.
export async function dashboardRfMatrix(page, timeout = 30_000) {
  await page.waitForFunction(() => document.querySelector('retention-dashboard')?.getAttribute('state') === 'ready', null, { timeout });
  const cells = await page.$$eval('[data-testid="rf-cell"]', (nodes) => nodes.map((n) => ({ ...n.dataset })));
  assert.equal(cells.length, 9);
  return ['active', 'churning', 'lapsed'].map((r) =>
    ['single', 'multi', 'highValue'].map((f) => Number(cells.find((c) => c.recency === r && c.frequency === f).customers)),
  );
}

// What a scenario page put in window.result ({rf} or {error}) once it is done.
export async function pageResult(page, timeout = 30_000) {
  await page.waitForFunction(() => window.result !== undefined, null, { timeout });
  return page.evaluate(() => window.result);
}
