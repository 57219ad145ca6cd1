// The engine's Web Worker: loads the wasm module once and runs analyses off the main thread.
import createRetentionModule from '../../dist/wasm/retention-kit.mjs';
import { errorToPlain } from './errors.js';
import { Request, Response, resultReply } from './protocol.js';
import { runAnalysis } from './session.js';
import { toChunks } from './sources.js';

let modulePromise;
const cancelled = new Set();

self.onmessage = async (event) => {
  const { messageId, type, data } = event.data;
  if (type === Request.CANCEL) {
    cancelled.add(data.requestId);
    return;
  }
  if (type !== Request.ANALYZE) {
    self.postMessage({ requestId: messageId, type: Response.ERROR, data: errorToPlain(new Error(`unknown request ${type}`)) });
    return;
  }
  try {
    modulePromise ??= createRetentionModule();
    const Module = await modulePromise;
    const result = await runAnalysis(Module, toChunks(data.input, data.chunkSize), {
      options: data.options,
      onProgress: (progress) => self.postMessage({ requestId: messageId, type: Response.PROGRESS, data: progress }),
      isAborted: () => cancelled.has(messageId),
    });
    self.postMessage(...resultReply(messageId, result));
  } catch (error) {
    if (error?.moduleLost) modulePromise = undefined; // out of memory: the next analysis loads a fresh module
    self.postMessage({ requestId: messageId, type: Response.ERROR, data: errorToPlain(error) });
  } finally {
    cancelled.delete(messageId);
  }
};
