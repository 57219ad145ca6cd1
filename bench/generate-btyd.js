#!/usr/bin/env node
// Writes orders drawn from the BG/NBD purchase process with Gamma-Gamma spend (Fader, Hardie & Lee
// 2005), so that a fit has something to recover: deterministic, streamed to disk.
//   node bench/generate-btyd.js CUSTOMERS OUT
// Parameters in days, CDNOW-like: r = 0.25, alpha = 30, a = 0.8, b = 2.5; spend p = 6, q = 4, v = 15.
// Customers arrive uniformly over the first 365 days; orders run to day 730 (2023-12-31).
import { createWriteStream } from 'node:fs';

const customers = Number(process.argv[2] ?? 1_000_000);
const out = process.argv[3] ?? 'build/bench/btyd.csv';
const [r, alpha, a, b] = [0.25, 30, 0.8, 2.5];
const [p, q, v] = [6, 4, 15];
const days = 730;

let seed = 20240101;
const uniform = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed + 0.5) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
// Gamma(shape, 1) by Marsaglia & Tsang (2000), with the shape < 1 boost.
function gamma(shape) {
  if (shape < 1) return gamma(shape + 1) * uniform() ** (1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x, t;
    do {
      x = normal();
      t = 1 + c * x;
    } while (t <= 0);
    t = t * t * t;
    const u = uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * t + d * Math.log(t)) return d * t;
  }
}
const beta = (x, y) => {
  const g = gamma(x);
  return g / (g + gamma(y));
};
const start = Date.UTC(2022, 0, 1);
const iso = (day) => new Date(start + day * 86400000).toISOString().slice(0, 10);

const stream = createWriteStream(out);
stream.write('order_id,customer_id,order_date,amount\n');
let block = [];
let order = 0;
for (let c = 0; c < customers; c++) {
  const lambda = gamma(r) / alpha, dropout = beta(a, b), nu = gamma(q) / v;
  let t = Math.floor(uniform() * 365);
  for (let repeat = false; ; repeat = true) {
    const amount = (gamma(p) / nu).toFixed(2);
    block.push(`O${order++},c${c},${iso(Math.floor(t))},${amount === '0.00' ? '0.01' : amount}`);
    if (repeat && uniform() < dropout) break;  // BG/NBD: she may leave right after a repeat purchase
    t += -Math.log(uniform()) / lambda;
    if (t >= days) break;
  }
  if (block.length >= 10000) {
    if (!stream.write(`${block.join('\n')}\n`)) await new Promise((resolve) => stream.once('drain', resolve));
    block = [];
  }
}
if (block.length) stream.write(`${block.join('\n')}\n`);
await new Promise((resolve) => stream.end(resolve));
