#!/usr/bin/env node
// Throughput of the server pattern (examples/server/pool.js): MERCHANTS generated shops of CUSTOMERS
// customers each, analysed by pools of 1 and SIZE workers. Usage: node bench/pool.js [MERCHANTS CUSTOMERS SIZE]
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createPool } from '../examples/server/pool.js';
import { generateShop } from '../tests/package/generate-shop.js';

const merchants = Number(process.argv[2] ?? 24);
const customers = Number(process.argv[3] ?? 5000);
const size = Number(process.argv[4] ?? 2);
mkdirSync('build/bench/merchants', { recursive: true });
const paths = [];
let bytes = 0;
for (let m = 0; m < merchants; m++) {
  const path = `build/bench/merchants/shop-${customers}-${m}.csv`;
  writeFileSync(path, generateShop(customers, m + 1));
  bytes += statSync(path).size;
  paths.push(path);
}
for (const workers of [1, size]) {
  const pool = createPool({ size: workers });
  await Promise.all(paths.slice(0, workers).map((path) => pool.analyze(path))); // every worker warmed up
  const t = performance.now();
  await Promise.all(paths.map((path) => pool.analyze(path)));
  const seconds = (performance.now() - t) / 1000;
  console.log(`${workers} worker(s): ${merchants} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ` +
    `${(merchants / seconds).toFixed(1)} files/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
  await pool.close();
}
