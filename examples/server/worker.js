// One worker of the pool: one engine, created once and reused for every file it is given.
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createEngine } from '../../web/lib/node.js';

const engine = await createEngine();

parentPort.on('message', async ({ paths, options }) => {
  try {
    const inputs = paths.map((path) => createReadStream(path, { highWaterMark: 1 << 20 }));
    const json = await engine.analyzeToString(inputs.length === 1 ? inputs[0] : inputs, options);
    parentPort.postMessage({ json });
  } catch (error) {
    parentPort.postMessage({ error: { name: error.name, message: error.message, code: error.code, line: error.line } });
  }
});
