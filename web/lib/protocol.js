// Messages between the page (client.js) and the engine's Web Worker (worker.js).
// Requests: {messageId, type, data}. Responses: {requestId, type, data}.
export const Request = Object.freeze({
  ANALYZE: 'analyze', // data: {input: Blob | ReadableStream, options, chunkSize}
  CANCEL: 'cancel', // data: {requestId}
});

export const Response = Object.freeze({
  PROGRESS: 'progress', // data: {bytesLoaded, bytesTotal}
  RESULT: 'result', // data: the report as JSON text
  ERROR: 'error', // data: {name, message, code, line}
});
