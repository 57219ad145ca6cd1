// The page's side of the worker: a typed async API over postMessage.
import { errorFromPlain, RetentionError } from './errors.js';
import { VITE_DEPS } from './package-files.js';
import { Request, Response } from './protocol.js';

// When the package's files are not where the usual node_modules layout puts them (a hoisting monorepo).
const VITE_PREBUNDLE_HINT = import.meta.url.includes(VITE_DEPS)
  ? " Vite's dev server moved retention-kit into .vite/deps: add optimizeDeps: { exclude: ['retention-kit'] } to vite.config."
  : '';

export class WorkerClient {
  // `worker` as startWorker returns it: {worker, url}.
  constructor({ worker, url }) {
    this.worker = worker;
    this.url = url;
    this.dead = false; // set when the worker failed: the engine then starts a new one on the next call
    this.nextMessageId = 1;
    this.pending = new Map(); // messageId -> {resolve, reject, onProgress}
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.dead = true;
      this.worker.terminate();
      const detail = event.message ? `: ${event.message}` : ' (the script could not be loaded, or it failed)';
      this.failAll(new RetentionError(`the engine's worker at ${this.url} stopped${detail}.${VITE_PREBUNDLE_HINT}`, { code: 'worker_failed' }));
    };
  }

  receive({ requestId, type, data }) {
    const request = this.pending.get(requestId);
    if (!request) return; // a reply to a request already cancelled
    if (type === Response.PROGRESS) {
      request.onProgress?.(data);
      return;
    }
    this.pending.delete(requestId);
    if (type === Response.RESULT) request.resolve(data);
    else if (type === Response.ERROR) request.reject(errorFromPlain(data));
    else request.reject(new Error(`unexpected reply from the engine worker: ${type}`));
  }

  failAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  // Resolves with {report: JSON text, columns}. `input` is a Blob or ReadableStream (a cheap clone, no copy of the
  // bytes), or an array of them: several files as one.
  analyze(input, { options, chunkSize, wasmUrl, onProgress, signal }) {
    const messageId = this.nextMessageId++;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason ?? new DOMException('The analysis was cancelled', 'AbortError'));
        return;
      }
      this.pending.set(messageId, { resolve, reject, onProgress });
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(messageId)) return;
          this.pending.delete(messageId);
          this.worker.postMessage({ messageId: this.nextMessageId++, type: Request.CANCEL, data: { requestId: messageId } });
          reject(signal.reason ?? new DOMException('The analysis was cancelled', 'AbortError'));
        },
        { once: true },
      );
      const isStream = (i) => typeof ReadableStream !== 'undefined' && i instanceof ReadableStream;
      const transfer = (Array.isArray(input) ? input : [input]).filter(isStream);
      this.worker.postMessage({ messageId, type: Request.ANALYZE, data: { input, options, chunkSize, wasmUrl } }, transfer);
    });
  }

  // Resolves once the worker has loaded and compiled the wasm module (Engine.preload).
  load(wasmUrl) {
    const messageId = this.nextMessageId++;
    return new Promise((resolve, reject) => {
      this.pending.set(messageId, { resolve, reject });
      this.worker.postMessage({ messageId, type: Request.LOAD, data: { wasmUrl } });
    });
  }

  terminate() {
    this.failAll(new DOMException('The engine was closed', 'AbortError'));
    this.worker.terminate();
  }
}
