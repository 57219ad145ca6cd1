// Issue 14, server use: many merchants' files analysed concurrently by a pool of worker_threads give
// each file's own report, the same as one engine analysing them one after another.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPool } from '../../examples/server/pool.js';
import { createEngine } from '../../web/lib/node.js';
import { generateShop } from './generate-shop.js';

test('a pool of two workers analyses twelve merchants\' files, each report equal to a lone engine\'s', async () => {
  const work = mkdtempSync(join(tmpdir(), 'retention-pool-'));
  const pool = createPool({ size: 2 });
  try {
    const paths = [];
    for (let m = 0; m < 12; m++) {
      const path = join(work, `merchant-${m}.csv`);
      writeFileSync(path, generateShop(300 + 50 * m, m + 1));
      paths.push(path);
    }
    const options = { clv: { model: 'none' } };
    const reports = await Promise.all(paths.map((path) => pool.analyze(path, options)));
    const engine = await createEngine();
    for (const [m, path] of paths.entries()) {
      assert.equal(reports[m], await engine.analyzeToString(readFileSync(path), options), `merchant ${m}`);
    }
    await assert.rejects(pool.analyze(join(work, 'missing.csv')), /ENOENT|no such file/i);
  } finally {
    await pool.close();
    rmSync(work, { recursive: true, force: true });
  }
});
