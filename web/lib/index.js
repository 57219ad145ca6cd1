// Browser entry: the engine runs in a Web Worker (files are read there in chunks), or, with
// `worker: false`, in the calling thread (a worker of the caller's own, or the page for small files).
import { WorkerClient } from './client.js';
import { attachCustomers } from './customers.js';
import { coreOptions, progressReporter } from './session.js';
import { startWorker } from './worker-start.js';

export { RetentionError } from './errors.js';

// The worker takes a Blob (File) or a ReadableStream; other inputs are wrapped in a Blob here. An array
// is several files analysed as one (issue 14), each wrapped alike.
function toWorkerInput(input) {
  if (Array.isArray(input)) return input.map(toWorkerInput);
  if (input instanceof Blob) return input;
  if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) return input;
  if (typeof input === 'string' || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return new Blob([input]);
  throw new TypeError('input must be a File, Blob, ArrayBuffer, Uint8Array, string or ReadableStream');
}

// URLs are resolved against the page here: a worker would resolve them against its own script.
const absolute = (url) => (url === undefined ? undefined : new URL(String(url), globalThis.location?.href).href);

export async function createEngine({ wasmUrl, workerUrl, worker = true } = {}) {
  const wasm = absolute(wasmUrl);
  if (!worker) {
    const [{ createLocalEngine }, { loadWasmModule }] = await Promise.all([import('./local-engine.js'), import('./load-wasm.js')]);
    return createLocalEngine(() => loadWasmModule(wasm));
  }
  let client = new WorkerClient(startWorker(workerUrl));
  // A worker that failed (its script did not load, or it stopped) is replaced on the next call.
  const live = () => {
    if (client.dead) client = new WorkerClient(startWorker(workerUrl));
    return client;
  };
  return {
    async analyze(input, options = {}) {
      const onProgress = progressReporter(options.onProgress);
      const { report, columns } = await live().analyze(toWorkerInput(input), {
        options: coreOptions(options),
        chunkSize: options.chunkSize,
        wasmUrl: wasm,
        onProgress,
        signal: options.signal,
      });
      return attachCustomers(JSON.parse(report), columns);
    },
    // Not done by createEngine: a failed load is reported by the first analyze and tried again by
    // the next, and a load started earlier would make which call sees it a matter of timing.
    preload: () => live().load(wasm),
    close: () => client.terminate(),
  };
}
