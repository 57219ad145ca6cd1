// Progress reaches 1; an AbortSignal stops the run between chunks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createEngine } from 'retention-kit';
import { readBytes, sampleShop } from './helpers.js';

let engine;
before(async () => {
  engine = await createEngine();
});
after(() => engine.close());

const bytes = readBytes(sampleShop);

test('progress rises monotonically and reaches 1 with the byte counts', async () => {
  const seen = [];
  await engine.analyze(new Blob([bytes]), { chunkSize: 16384, onProgress: (fraction, detail) => seen.push([fraction, detail]) });
  assert.ok(seen.length >= Math.ceil(bytes.byteLength / 16384), `${seen.length} progress calls`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] >= seen[i - 1][0]);
  assert.equal(seen.at(-1)[0], 1);
  assert.deepEqual(seen.at(-1)[1], { bytesLoaded: bytes.byteLength, bytesTotal: bytes.byteLength });
});

test('progress of an input of unknown size still ends at 1', async () => {
  const fractions = [];
  await engine.analyze(new Blob([bytes]).stream(), { onProgress: (f) => fractions.push(f) });
  assert.equal(fractions.at(-1), 1);
});

test('aborting during the run stops it between chunks with an AbortError', async () => {
  const controller = new AbortController();
  let calls = 0;
  await assert.rejects(
    engine.analyze(bytes, {
      chunkSize: 4096,
      signal: controller.signal,
      onProgress: () => {
        calls += 1;
        if (calls === 2) controller.abort();
      },
    }),
    { name: 'AbortError' },
  );
  assert.equal(calls, 2, 'no chunk is read after the abort');
  // The engine is still usable afterwards.
  const report = await engine.analyze(bytes);
  assert.ok(report.summary.customers > 0);
});

test('an already aborted signal rejects at once', async () => {
  await assert.rejects(engine.analyze(bytes, { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('a timer-driven abort gets through on a large in-memory input', async () => {
  const big = new Uint8Array(bytes.byteLength * 40);
  const body = bytes.subarray(bytes.indexOf(10) + 1);
  big.set(bytes);
  for (let offset = bytes.byteLength; offset + body.byteLength <= big.byteLength; offset += body.byteLength) big.set(body, offset);
  await assert.rejects(engine.analyze(big, { chunkSize: 1024, signal: AbortSignal.timeout(20) }), (error) =>
    ['AbortError', 'TimeoutError'].includes(error.name),
  );
});
