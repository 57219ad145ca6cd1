#!/usr/bin/env node
// Times `analyze` on a generated 1M-row file natively and in wasm (Node), and prints the wasm size.
// Usage: npm run bench [-- ROWS CUSTOMERS]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createEngine } from '../web/lib/node.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 100_000);
const file = `build/bench/orders-${rows}-${customers}.csv`;
mkdirSync('build/bench', { recursive: true });
if (!existsSync(file)) {
  console.log(`generating ${file}`);
  spawnSync(process.execPath, ['bench/generate-orders.js', rows, customers, file], { stdio: 'inherit' });
}
const megabytes = statSync(file).size / 1e6;
const best = (times) => Math.min(...times);

const nativeTimes = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = spawnSync('build/native/retention-kit', ['analyze', file, '--json'], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  nativeTimes.push((performance.now() - t) / 1000);
}

const engine = await createEngine();
const wasmTimes = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await engine.analyze(createReadStream(file, { highWaterMark: 1 << 20 }));
  wasmTimes.push((performance.now() - t) / 1000);
}

const wasm = readFileSync('dist/wasm/retention-kit.wasm');
const line = (name, s) => console.log(`${name.padEnd(22)} ${s.toFixed(3)} s  ${(megabytes / s).toFixed(1)} MB/s`);
console.log(`file: ${file} (${megabytes.toFixed(1)} MB, ${rows} rows, up to ${customers} customers); best of 3`);
line('native CLI (process)', best(nativeTimes));
line('wasm in Node', best(wasmTimes));
console.log(`wasm size: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);
