// Runs one analysis on a loaded wasm module: bytes in through the heap, the report text and the
// per-customer columns out.
import { CUSTOMER_COLUMNS } from './customers.js';
import { RetentionError } from './errors.js';

// Options the JS side handles itself; everything else goes to the C++ core, which rejects unknown keys.
const JS_ONLY_OPTIONS = new Set(['chunkSize', 'onProgress', 'signal']);
// Options that may be given as a Date: sent as its UTC calendar day.
const DATE_OPTIONS = new Set(['asOf', 'from', 'to']);
// Give the event loop a turn this often, so abort signals and progress reach the page.
const YIELD_EVERY_MS = 50;

export function coreOptions(options = {}) {
  const core = {};
  for (const [key, value] of Object.entries(options)) {
    if (JS_ONLY_OPTIONS.has(key) || value === undefined) continue;
    core[key] = DATE_OPTIONS.has(key) && value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  return core;
}

// The size for messages: the whole file's when known, else what was read before the error.
function sizeText(loaded, total) {
  return total != null ? `the file is ${total} bytes` : `${loaded} bytes were read`;
}

function engineError(statusJson, loaded, total) {
  const { error } = JSON.parse(statusJson);
  const message = error.code === 'input_too_large' ? `${error.message} (${sizeText(loaded, total)})` : error.message;
  return new RetentionError(message, { code: error.code, line: error.line });
}

// Issue 13: a wasm module whose memory runs out aborts (a WebAssembly.RuntimeError "Aborted()") and
// cannot be used again. That becomes a coded error naming the limit and the size; `moduleLost` tells
// the owner of the module to load a fresh one for the next analysis.
const WASM_MEMORY_LIMIT = '4 GB';
function isAbort(error) {
  return error instanceof WebAssembly.RuntimeError || /^Aborted\(/.test(error?.message ?? '');
}
function outOfMemory(loaded, total) {
  const error = new RetentionError(
    `the analysis ran out of memory: WebAssembly gives the engine at most ${WASM_MEMORY_LIMIT} and ` +
      `${sizeText(loaded, total)}; split the file (by date range) or run the native CLI`,
    { code: 'out_of_memory', line: 0 },
  );
  Object.defineProperty(error, 'moduleLost', { value: true });
  return error;
}

// Each column is a view of the wasm heap that the next growth of memory detaches: copied out at once,
// before the next call into the module, into an array that JS owns (and may transfer).
function copyColumns(Module, handle) {
  const columns = {};
  for (const name of CUSTOMER_COLUMNS) columns[name] = Module.customerColumn(handle, name).slice();
  return columns;
}

// Resolves with {json, text, columns, rows}: the report document; the terminal summary when `format`
// is 'text'; the per-customer columns unless `columns` is false; the rows as read when `rows` (and
// options.keepRows) are set.
// `source` is {total, chunks}, or an array of them: several files analysed as one (issue 14).
export async function runAnalysis(
  Module,
  source,
  { options = {}, onProgress, isAborted, format = 'json', columns = true, rows = false } = {},
) {
  const opened = JSON.parse(Module.open(JSON.stringify(coreOptions(options))));
  if (opened.error) throw new RetentionError(opened.error.message, opened.error);
  const handle = opened.handle;
  const sources = Array.isArray(source) ? source : [source];
  const total = sources.every((s) => s.total !== undefined) ? sources.reduce((sum, s) => sum + s.total, 0) : undefined;
  // One staging buffer in the wasm heap, owned here: grown when a chunk is larger, freed in `finally`.
  let buffer = 0;
  let capacity = 0;
  let loaded = 0;
  let lastYield = Date.now();
  let lost = false; // the module aborted: nothing in it may be called again
  try {
    for (const [index, { chunks }] of sources.entries()) {
      if (index > 0) {
        const next = Module.nextFile(handle);
        if (next) throw engineError(next, loaded, total);
      }
      for await (const chunk of chunks) {
        if (isAborted?.()) throw new DOMException('The analysis was cancelled', 'AbortError');
        if (chunk.byteLength === 0) continue;
        if (chunk.byteLength > capacity) {
          if (buffer) Module._free(buffer);
          capacity = chunk.byteLength;
          buffer = Module._malloc(capacity);
          if (!buffer) throw outOfMemory(loaded + chunk.byteLength, total);
        }
        Module.HEAPU8.set(chunk, buffer); // read HEAPU8 anew: memory growth detaches older views
        const status = Module.append(handle, buffer, chunk.byteLength);
        if (status) throw engineError(status, loaded + chunk.byteLength, total);
        loaded += chunk.byteLength;
        onProgress?.({ bytesLoaded: loaded, bytesTotal: total });
        if (Date.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = Date.now();
        }
      }
    }
    if (isAborted?.()) throw new DOMException('The analysis was cancelled', 'AbortError');
    const status = Module.finish(handle);
    if (status) throw engineError(status, loaded, total);
    onProgress?.({ bytesLoaded: loaded, bytesTotal: total ?? loaded });
    return {
      json: Module.reportJson(handle),
      text: format === 'text' ? Module.reportText(handle) : undefined,
      columns: columns ? copyColumns(Module, handle) : undefined,
      rows: rows ? Module.rowsCsv(handle) : undefined,
    };
  } catch (error) {
    if (!isAbort(error)) throw error;
    lost = true;
    throw outOfMemory(loaded, total);
  } finally {
    if (!lost) {
      if (buffer) Module._free(buffer);
      Module.close(handle);
    }
  }
}

// onProgress(fraction, {bytesLoaded, bytesTotal}); fraction is undefined while the size is unknown, 1 at the end.
export function progressReporter(onProgress) {
  if (!onProgress) return undefined;
  return ({ bytesLoaded, bytesTotal }) =>
    onProgress(bytesTotal ? Math.min(1, bytesLoaded / bytesTotal) : undefined, { bytesLoaded, bytesTotal });
}
