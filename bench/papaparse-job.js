#!/usr/bin/env node
// The comparison job in PapaParse (issue 11), run by bench/analyze.js in its own process: parse
// the CSV streamed and aggregate per customer in JS (orders, net, first and last day).
// Usage: node bench/papaparse-job.js PEERS_DIR FILE   (PEERS_DIR holds node_modules/papaparse)
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [peers, file] = process.argv.slice(2);
const Papa = createRequire(path.resolve(peers, 'package.json'))('papaparse');
const customers = new Map();
let previousOrder = '';
let header = true;
await new Promise((resolve, reject) => {
  Papa.parse(createReadStream(file), {
    chunk(results) {
      for (const [order, customer, time, amount] of results.data) {
        if (header) {
          header = false;
          continue;
        }
        if (customer === undefined) continue;
        let c = customers.get(customer);
        if (!c) customers.set(customer, (c = { orders: 0, net: 0, first: time, last: time }));
        if (order !== previousOrder) c.orders++;  // the generated file keeps an order's rows together
        previousOrder = order;
        c.net += Number(amount);
        if (time < c.first) c.first = time;
        if (time > c.last) c.last = time;
      }
    },
    complete: resolve,
    error: reject,
  });
});
let revenue = 0;
for (const c of customers.values()) revenue += c.net;
console.log(JSON.stringify({ customers: customers.size, revenue: revenue.toFixed(2) }));
