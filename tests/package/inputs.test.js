// Every kind of input and every chunk size gives the same report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createEngine } from 'retention-kit';
import { fixture, readBytes, sampleShop } from './helpers.js';

let engine;
before(async () => {
  engine = await createEngine();
});
after(() => engine.close());

describe('inputs', () => {
  const bytes = readBytes(sampleShop);

  test('File, Blob, ArrayBuffer, Uint8Array, string, ReadableStream and async iterable give equal reports', async () => {
    const expected = await engine.analyze(bytes);
    const inputs = {
      file: new File([bytes], 'sample-shop.csv', { type: 'text/csv' }),
      blob: new Blob([bytes]),
      arrayBuffer: bytes.slice().buffer,
      string: readFileSync(sampleShop, 'utf8'),
      readableStream: new Blob([bytes]).stream(),
      asyncIterable: (async function* () {
        yield bytes.subarray(0, 1000);
        yield bytes.subarray(1000);
      })(),
    };
    for (const [kind, input] of Object.entries(inputs)) {
      assert.deepEqual(await engine.analyze(input), expected, kind);
    }
  });

  test('a string with characters outside the BMP is encoded intact across chunk boundaries', async () => {
    const text = 'customer,date,amount\n\u{1F600}smile,2024-01-01,5\nzoë,2024-01-02,6\n';
    const reference = await engine.analyze(new TextEncoder().encode(text));
    for (const chunkSize of [2, 3, 4, 5, 7]) {
      assert.deepEqual(await engine.analyze(text, { chunkSize }), reference, `chunkSize ${chunkSize}`);
    }
    assert.equal(reference.summary.customers, 2);
  });

  test('chunk sizes from 1 KiB to the whole file give equal reports', async () => {
    const expected = await engine.analyze(bytes, { chunkSize: bytes.byteLength });
    for (const chunkSize of [1024, 1500, 4096, 65536, 1 << 20]) {
      assert.deepEqual(await engine.analyze(new Blob([bytes]), { chunkSize }), expected, `chunkSize ${chunkSize}`);
    }
  });

  test('tiny chunks, down to one byte, split the BOM, CRLF and quoted fields and still agree', async () => {
    const small = readBytes(fixture('generic-orders.csv'));
    const expected = await engine.analyze(small);
    for (const chunkSize of [1, 2, 3, 7, 13]) {
      assert.deepEqual(await engine.analyze(small, { chunkSize }), expected, `chunkSize ${chunkSize}`);
    }
  });

  test('a bad chunk size is refused', async () => {
    await assert.rejects(engine.analyze(bytes, { chunkSize: 0 }), TypeError);
  });

  test('the caller\'s buffer is left as it was', async () => {
    const copy = bytes.slice();
    await engine.analyze(copy.buffer, { chunkSize: 4096 });
    assert.equal(copy.byteLength, bytes.byteLength);
    assert.deepEqual(copy, bytes);
  });
});
