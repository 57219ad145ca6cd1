// Issue 13: running short of memory is a coded error, never an opaque abort, and the engine works
// again afterwards. Real sizes: the inputs are generated chunk by chunk (async iterables), so only
// the wasm heap holds them.
import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEngine, RetentionError } from '../../web/lib/node.js';
import { fixture, readBytes, runNative, runWasm } from './helpers.js';

const MiB = 1 << 20;

// `head`, then `body` repeated until `size` bytes, as 1 MiB chunks.
async function* generated(head, body, size) {
  const piece = new TextEncoder().encode(body.repeat(Math.ceil(MiB / body.length)).slice(0, MiB));
  yield new TextEncoder().encode(head);
  for (let sent = head.length; sent < size; sent += piece.byteLength) yield piece;
}

async function expectWorking(engine) {
  const report = await engine.analyze(readBytes(fixture('generic-orders.csv')));
  assert.equal(report.summary.customers, 4);
}

test('a JSON document larger than the engine holds is input_too_large, naming the limit and the size; the engine then works', async () => {
  const engine = await createEngine();
  const row = '{"customer":"a","date":"2024-01-01","amount":5},\n';
  await assert.rejects(engine.analyze(generated('[', row, 1025 * MiB)), (error) => {
    assert.ok(error instanceof RetentionError);
    assert.equal(error.code, 'input_too_large');
    assert.match(error.message, /^this JSON document is larger than 1024 MiB, the most the engine holds at once/);
    const read = Number(/\((\d+) bytes were read\)$/.exec(error.message)?.[1]);
    assert.ok(read > 1024 * MiB && read <= 1026 * MiB, error.message);
    return true;
  });
  await expectWorking(engine);
});

test('the CLIs end a JSON file larger than the engine holds with the coded error on one line and exit 1, alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retention-large-'));
  try {
    const file = join(dir, 'huge.json');
    const row = '{"customer":"a","date":"2024-01-01","amount":5},\n';
    const piece = Buffer.from(row.repeat(Math.ceil(MiB / row.length)).slice(0, MiB));
    const fd = openSync(file, 'w');
    writeSync(fd, '[');
    for (let i = 0; i < 1025; i++) writeSync(fd, piece);
    closeSync(fd);
    const native = runNative(['analyze', file, '--json']);
    assert.equal(native.status, 1);
    assert.equal(native.stdout, '');
    assert.match(native.stderr, /^retention-kit: this JSON document is larger than 1024 MiB, the most the engine holds at once .*\(\d+ bytes were read\)\n$/);
    const wasm = runWasm(['analyze', file, '--json']);
    assert.equal(wasm.stderr, native.stderr);
    assert.equal(wasm.status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('running out of wasm memory is out_of_memory (not an abort), and the next analysis gets a fresh module', async () => {
  const engine = await createEngine();
  // One quoted field that never ends: the CSV reader holds it until the 4 GB heap cannot grow.
  await assert.rejects(engine.analyze(generated('customer,date,amount\n"', 'x'.repeat(64), 4096 * MiB)), (error) => {
    assert.ok(error instanceof RetentionError, String(error));
    assert.equal(error.code, 'out_of_memory');
    assert.match(error.message, /^the analysis ran out of memory: WebAssembly gives the engine at most 4 GB and \d+ bytes were read/);
    return true;
  });
  await expectWorking(engine);
});
