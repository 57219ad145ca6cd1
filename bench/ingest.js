#!/usr/bin/env node
// Ingest benchmark of the wasm build in Node: feed time apart from analysis, in wall and CPU
// seconds (process.cpuUsage: what a shared machine does not inflate), and the wasm heap at its
// peak (the engine's `measure`: the heap only grows, so its top is the peak). Usage: node bench/ingest.js FILE
import { createReadStream, readFileSync, statSync } from 'node:fs';
import createRetentionModule from '../dist/wasm/retention-kit.mjs';

const file = process.argv[2];
const Module = await createRetentionModule({
  wasmBinary: readFileSync(new URL('../dist/wasm/retention-kit.wasm', import.meta.url)),
});
const { handle } = JSON.parse(Module.open('{"measure":true}'));
let buffer = 0;
let capacity = 0;
let feedMs = 0;
let feedCpu = 0;
const cpuSeconds = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  if (chunk.byteLength > capacity) {
    if (buffer) Module._free(buffer);
    capacity = chunk.byteLength;
    buffer = Module._malloc(capacity);
  }
  const t = performance.now();
  const c = process.cpuUsage();
  Module.HEAPU8.set(chunk, buffer);
  const status = Module.append(handle, buffer, chunk.byteLength);
  feedCpu += cpuSeconds(c);
  feedMs += performance.now() - t;
  if (status) throw new Error(status);
}
const t = performance.now();
const c = process.cpuUsage();
const status = Module.finish(handle);
const finishCpu = cpuSeconds(c);
const finishMs = performance.now() - t;
if (status) throw new Error(status);
const { summary, diagnostics } = JSON.parse(Module.reportJson(handle));
const mb = statSync(file).size / 1e6;
console.log(
  `wasm: ${mb.toFixed(1)} MB, ${summary.rowsRead} rows, ${summary.customers} customers: ingest ${feedCpu.toFixed(3)} CPU s ` +
    `(${(mb / feedCpu).toFixed(1)} MB per CPU-s; wall ${(feedMs / 1000).toFixed(3)} s), ` +
    `analysis ${finishCpu.toFixed(3)} CPU s (wall ${(finishMs / 1000).toFixed(3)} s), ` +
    `wasm heap peak ${(diagnostics.measured.peakMemoryBytes / 1048576).toFixed(0)} MiB`,
);
