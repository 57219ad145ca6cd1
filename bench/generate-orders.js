#!/usr/bin/env node
// Writes a large synthetic order file for benchmarks: `node bench/generate-orders.js ROWS CUSTOMERS OUT`.
// Deterministic; streamed to disk in blocks so memory stays flat whatever the size.
import { createWriteStream } from 'node:fs';

const rows = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 100_000);
const out = process.argv[4] ?? 'build/bench/orders.csv';

let seed = 12345;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const start = Date.UTC(2021, 0, 1);
const spanDays = 4 * 365;

const stream = createWriteStream(out);
stream.write('order_id,customer_id,order_date,amount,country\n');
const countries = ['GB', 'DE', 'FR', 'US', 'NL', 'ES'];
let block = [];
for (let i = 0; i < rows; i++) {
  const customer = Math.floor(rand() ** 2 * customers); // some customers buy far more often
  const day = new Date(start + Math.floor(rand() * spanDays) * 86400000).toISOString().slice(0, 10);
  const amount = (rand() < 0.02 ? -1 : 1) * (5 + rand() * 195);
  block.push(`O${i},cust-${customer},${day},${amount.toFixed(2)},${countries[customer % 6]}`);
  if (block.length === 10000) {
    if (!stream.write(`${block.join('\n')}\n`)) await new Promise((r) => stream.once('drain', r));
    block = [];
  }
}
if (block.length) stream.write(`${block.join('\n')}\n`);
await new Promise((resolve) => stream.end(resolve));
