#!/usr/bin/env node
// Writes examples/sample-shop.csv: a made-up shop's order export, the same bytes on every run.
// Customers arrive over two years, buy at their own pace and drop out at random, as real buyers do
// (the story behind the BG/NBD model); a few orders are refunded in full or in part.
import { writeFileSync } from 'node:fs';

const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2024, 11, 31);
const DAY = 86400000;
const CUSTOMERS = 1500;
const COUNTRIES = ['United Kingdom', 'Germany', 'France', 'Netherlands', 'Spain', 'United States'];
const PRODUCTS = ['Ceramic mug', 'Linen apron', 'Tea towel set', 'Oak serving board', 'Enamel jug', 'Beeswax candles'];

// mulberry32: a tiny seeded generator, so the file never changes between runs.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(20240101);
const pick = (list) => list[Math.floor(rand() * list.length)];
const exponential = (mean) => -Math.log(1 - rand()) * mean;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const money = (x) => x.toFixed(2);

const rows = [];
let orderNumber = 1000;
for (let c = 1; c <= CUSTOMERS; c++) {
  const customer = `C${String(c).padStart(5, '0')}`;
  const country = pick(COUNTRIES);
  const meanGapDays = 20 + exponential(120);
  const dropout = 0.15 + rand() * 0.5; // chance of never coming back after each order
  const basket = 15 + exponential(45);
  let day = START + Math.floor(rand() * (END - START));
  for (;;) {
    const amount = Math.max(3, basket * (0.5 + rand()));
    const order = `#${++orderNumber}`;
    rows.push([order, customer, iso(day), money(amount), country, pick(PRODUCTS)]);
    const refund = rand();
    const refundDay = day + 7 * DAY;
    if (refund < 0.03 && refundDay < END) rows.push([`R${orderNumber}`, customer, iso(refundDay), money(-amount), country, '']);
    else if (refund < 0.05 && refundDay < END) rows.push([`R${orderNumber}`, customer, iso(refundDay), money(-amount / 2), country, '']);
    if (rand() < dropout) break;
    day += Math.max(1, Math.round(exponential(meanGapDays))) * DAY;
    if (day > END) break;
  }
}
rows.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] < b[0] ? -1 : 1));

const header = 'order_id,customer_id,order_date,amount,country,product';
const out = [header, ...rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))];
writeFileSync(new URL('./sample-shop.csv', import.meta.url), `${out.join('\n')}\n`);
console.log(`wrote examples/sample-shop.csv: ${rows.length} rows, ${CUSTOMERS} customers`);
