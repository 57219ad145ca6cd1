// The engine's Web Worker: loads the wasm module once (from the page's `wasmUrl`, or next to this
// package) and runs analyses off the main thread. A failed load or a trapped module is replaced on
// the next request.
import { errorToPlain } from './errors.js';
import { loadWasmModule } from './load-wasm.js';
import { moduleCache } from './module-cache.js';
import { Request, Response, resultReply } from './protocol.js';
import { runAnalysis } from './session.js';
import { toChunks } from './sources.js';

const modules = new Map(); // wasmUrl ('' = the default) -> moduleCache
const cancelled = new Set();

function modulesFor(wasmUrl = '') {
  if (!modules.has(wasmUrl)) modules.set(wasmUrl, moduleCache(() => loadWasmModule(wasmUrl || undefined)));
  return modules.get(wasmUrl);
}

self.onmessage = async (event) => {
  const { messageId, type, data } = event.data;
  if (type === Request.CANCEL) {
    cancelled.add(data.requestId);
    return;
  }
  if (type !== Request.ANALYZE && type !== Request.LOAD) {
    self.postMessage({ requestId: messageId, type: Response.ERROR, data: errorToPlain(new Error(`unknown request ${type}`)) });
    return;
  }
  try {
    if (type === Request.LOAD) {
      await modulesFor(data.wasmUrl).get();
      self.postMessage({ requestId: messageId, type: Response.RESULT });
      return;
    }
    const result = await modulesFor(data.wasmUrl).run((Module) =>
      // An array of inputs is several files analysed as one (issue 14).
      runAnalysis(Module, Array.isArray(data.input) ? data.input.map((i) => toChunks(i, data.chunkSize)) : toChunks(data.input, data.chunkSize), {
        options: data.options,
        onProgress: (progress) => self.postMessage({ requestId: messageId, type: Response.PROGRESS, data: progress }),
        isAborted: () => cancelled.has(messageId),
      }),
    );
    self.postMessage(...resultReply(messageId, result));
  } catch (error) {
    self.postMessage({ requestId: messageId, type: Response.ERROR, data: errorToPlain(error) });
  } finally {
    cancelled.delete(messageId);
  }
};
