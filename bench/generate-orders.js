#!/usr/bin/env node
// Writes a large synthetic order file for benchmarks, deterministic and streamed to disk:
//   node bench/generate-orders.js ROWS CUSTOMERS OUT [narrow|wide]
// narrow: order_id,customer_id,order_date,amount,country (~39 bytes a row)
// wide:   a Shopify-like row with email, timestamp, currency, status and product (~100 bytes a row)
import { createWriteStream } from 'node:fs';

const rows = Number(process.argv[2] ?? 1_000_000);
const customers = Number(process.argv[3] ?? 100_000);
const out = process.argv[4] ?? 'build/bench/orders.csv';
const wide = process.argv[5] === 'wide';

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
    : 'order_id,customer_id,order_date,amount,country\n',
);
let block = [];
for (let i = 0; i < rows; i++) {
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
