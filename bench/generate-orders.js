#!/usr/bin/env node
// Writes a large synthetic order file for benchmarks, deterministic and streamed to disk:
//   node bench/generate-orders.js ROWS CUSTOMERS OUT [narrow|wide|iso]
// narrow: order_id,customer_id,order_date,amount,country (~39 bytes a row)
// wide:   a Shopify-like row with email, timestamp, currency, status and product (~100 bytes a row)
// iso:    order_id,customer_id,order_date (ISO date-time),amount,country,product (~57 bytes a row), the
//         layout of issue 11's comparison; about a third of the orders span 2-3 consecutive line rows
import { createWriteStream } from 'node:fs';

const rows = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 100_000);
const out = process.argv[4] ?? 'build/bench/orders.csv';
const layout = process.argv[5] ?? 'narrow';
const wide = layout === 'wide';
const iso = layout === 'iso';

let seed = 12345;
const rand = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const start = Date.UTC(2021, 0, 1);
const spanDays = 4 * 365;
const countries = ['GB', 'DE', 'FR', 'US', 'NL', 'ES'];
const products = ['Ceramic mug', 'Linen apron', 'Tea towel set', 'Oak serving board', 'Enamel jug', 'Beeswax candles'];

const stream = createWriteStream(out);
stream.write(
  wide
    ? 'Name,Email,Financial Status,Created at,Currency,Total,Lineitem name,Billing Country\n'
    : iso
      ? 'order_id,customer_id,order_date,amount,country,product\n'
      : 'order_id,customer_id,order_date,amount,country\n',
);
let block = [];
let order = 0;
for (let i = 0; i < rows; i++) {
  if (iso) {
    block.push(isoOrderLines(order++, rows - i));
    i += block[block.length - 1].split('\n').length - 1;
    if (block.length === 10000) {
      if (!stream.write(`${block.join('\n')}\n`)) await new Promise((r) => stream.once('drain', r));
      block = [];
    }
    continue;
  }
  const customer = Math.floor(rand() ** 2 * customers); // some customers buy far more often
  const when = new Date(start + Math.floor(rand() * spanDays * 86400) * 1000).toISOString();
  const amount = ((rand() < 0.02 ? -1 : 1) * (5 + rand() * 195)).toFixed(2);
  const country = countries[customer % 6];
  block.push(
    wide
      ? `#${100000 + i},customer-${customer}@example.com,${rand() < 0.01 ? 'pending' : 'paid'},` +
          `${when.slice(0, 10)} ${when.slice(11, 19)} +0000,USD,${amount},${products[i % 6]},${country}`
      : `O${i},cust-${customer},${when.slice(0, 10)},${amount},${country}`,
  );
  if (block.length === 10000) {
    if (!stream.write(`${block.join('\n')}\n`)) await new Promise((r) => stream.once('drain', r));
    block = [];
  }
}
if (block.length) stream.write(`${block.join('\n')}\n`);
await new Promise((resolve) => stream.end(resolve));

// One order of the iso layout: 1-3 rows (at most `left`) sharing id, customer and time, a product each.
function isoOrderLines(id, left) {
  const customer = Math.floor(rand() ** 2 * customers);
  const when = `${new Date(start + Math.floor(rand() * spanDays * 86400) * 1000).toISOString().slice(0, 19)}Z`;
  const lines = Math.min(left, rand() < 0.7 ? 1 : rand() < 0.6 ? 2 : 3);
  const out = [];
  for (let l = 0; l < lines; l++) {
    const amount = ((rand() < 0.02 ? -1 : 1) * (5 + rand() * 95)).toFixed(2);
    const product = `SKU-${String(Math.floor(rand() * 500)).padStart(4, '0')}`;
    out.push(`O${1000000 + id},C${100000 + customer},${when},${amount},${countries[customer % 6]},${product}`);
  }
  return out.join('\n');
}
