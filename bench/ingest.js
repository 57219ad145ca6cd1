#!/usr/bin/env node
// Ingest benchmark of the wasm build in Node: feed time apart from analysis, and the wasm heap at
// its peak (wasm memory only grows, so its final size is the peak). Usage: node bench/ingest.js FILE
import { createReadStream, readFileSync, statSync } from 'node:fs';
import createRetentionModule from '../dist/wasm/retention-kit.mjs';

const file = process.argv[2];
const Module = await createRetentionModule({
  wasmBinary: readFileSync(new URL('../dist/wasm/retention-kit.wasm', import.meta.url)),
});
const { handle } = JSON.parse(Module.open('{}'));
let buffer = 0;
let capacity = 0;
let feedMs = 0;
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  if (chunk.byteLength > capacity) {
    if (buffer) Module._free(buffer);
    capacity = chunk.byteLength;
    buffer = Module._malloc(capacity);
  }
  const t = performance.now();
  Module.HEAPU8.set(chunk, buffer);
  const status = Module.append(handle, buffer, chunk.byteLength);
  feedMs += performance.now() - t;
  if (status) throw new Error(status);
}
const t = performance.now();
const status = Module.finish(handle);
const finishMs = performance.now() - t;
if (status) throw new Error(status);
const summary = JSON.parse(Module.reportJson(handle)).summary;
const mb = statSync(file).size / 1e6;
console.log(
  `wasm: ${mb.toFixed(1)} MB, ${summary.rowsRead} rows, ${summary.customers} customers: ingest ${(feedMs / 1000).toFixed(3)} s ` +
    `(${(mb / (feedMs / 1000)).toFixed(1)} MB/s), analysis ${(finishMs / 1000).toFixed(3)} s, ` +
    `wasm heap peak ${(Module.HEAPU8.length / 1048576).toFixed(0)} MiB`,
);
