// Messages between the page (client.js) and the engine's Web Worker (worker.js).
// Requests: {messageId, type, data}. Responses: {requestId, type, data}.
export const Request = Object.freeze({
  ANALYZE: 'analyze', // data: {input: Blob | ReadableStream, options, chunkSize, wasmUrl?}
  CANCEL: 'cancel', // data: {requestId}
  LOAD: 'load', // data: {wasmUrl?}: load and compile the wasm module now; replies RESULT (no data) or ERROR
});

export const Response = Object.freeze({
  PROGRESS: 'progress', // data: {bytesLoaded, bytesTotal}
  RESULT: 'result', // data: {report: the report as JSON text, columns: the per-customer columns}
  ERROR: 'error', // data: {name, message, code, line}
});

// The RESULT reply and its transfer list: the columns' buffers move to the page instead of being
// copied (the worker's own arrays are left empty, byteLength 0).
export function resultReply(requestId, { json, columns }) {
  const message = { requestId, type: Response.RESULT, data: { report: json, columns } };
  return [message, Object.values(columns).map((column) => column.buffer)];
}
