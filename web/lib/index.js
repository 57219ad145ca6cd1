// Browser entry: the engine runs in a Web Worker; files are read there in chunks.
import { WorkerClient } from './client.js';
import { attachCustomers } from './customers.js';
import { coreOptions, progressReporter } from './session.js';

export { RetentionError } from './errors.js';

// The worker takes a Blob (File) or a ReadableStream; other inputs are wrapped in a Blob here.
function toWorkerInput(input) {
  if (input instanceof Blob) return input;
  if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) return input;
  if (typeof input === 'string' || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) return new Blob([input]);
  throw new TypeError('input must be a File, Blob, ArrayBuffer, Uint8Array, string or ReadableStream');
}

export async function createEngine() {
  const client = new WorkerClient(new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }));
  return {
    async analyze(input, options = {}) {
      const onProgress = progressReporter(options.onProgress);
      const { report, columns } = await client.analyze(toWorkerInput(input), {
        options: coreOptions(options),
        chunkSize: options.chunkSize,
        onProgress,
        signal: options.signal,
      });
      return attachCustomers(JSON.parse(report), columns);
    },
    close: () => client.terminate(),
  };
}
