// What `npm pack` ships: the licence, the types and the built wasm; and packing stops without the wasm.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers.js';

const npm = (args, cwd) => spawnSync('npm', args, { cwd, encoding: 'utf8' });

test('the packed files hold the licence, the types, the wasm module and its loader', () => {
  const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts=false'], root);
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((file) => file.path);
  for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/wasm/retention-kit.wasm', 'dist/wasm/retention-kit.mjs',
    'web/lib/index.d.ts', 'web/components/retention-dashboard.d.ts', 'web/lib/worker.js']) {
    assert.ok(files.includes(file), `${file} is packed`);
  }
  assert.ok(!files.some((file) => file.startsWith('tests/') || file.startsWith('src/')), 'no tests or C++ sources');
});

test('packing a checkout whose wasm was not built fails and says what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retention-kit-unbuilt-'));
  try {
    for (const path of ['package.json', 'LICENSE', 'README.md', 'web', 'scripts/check-package.js']) {
      cpSync(join(root, path), join(dir, path), { recursive: true });
    }
    const r = npm(['pack', '--dry-run'], dir);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /not packing: dist\/wasm\/retention-kit\.wasm is missing.*npm run build/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package.json names the licence file, the repository and what has side effects', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.ok(pkg.repository?.url && pkg.bugs?.url && pkg.homepage && pkg.keywords?.length);
  assert.deepEqual(pkg.sideEffects, ['./web/components/retention-dashboard.js', './web/lib/worker.js']);
  assert.equal(pkg.scripts.prepack, 'node scripts/check-package.js');
});
