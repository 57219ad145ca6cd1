// The page's side of the worker: a typed async API over postMessage.
import { errorFromPlain } from './errors.js';
import { Request, Response } from './protocol.js';

export class WorkerClient {
  constructor(worker) {
    this.worker = worker;
    this.nextMessageId = 1;
    this.pending = new Map(); // messageId -> {resolve, reject, onProgress}
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => this.failAll(new Error(`the engine worker failed: ${event.message ?? 'unknown error'}`));
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

  // Resolves with {report: JSON text, columns}. `input` is a Blob or ReadableStream (a cheap clone, no copy of the bytes).
  analyze(input, { options, chunkSize, onProgress, signal }) {
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
      const transfer = typeof ReadableStream !== 'undefined' && input instanceof ReadableStream ? [input] : [];
      this.worker.postMessage({ messageId, type: Request.ANALYZE, data: { input, options, chunkSize } }, transfer);
    });
  }

  terminate() {
    this.failAll(new DOMException('The engine was closed', 'AbortError'));
    this.worker.terminate();
  }
}
