// Turns any supported input into chunks of bytes, never one JS string of the whole file.
export const DEFAULT_CHUNK_SIZE = 1 << 20;

// Returns { total, chunks }: total byte size when known up front, and an async iterable of Uint8Array.
export function toChunks(input, chunkSize = DEFAULT_CHUNK_SIZE) {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new TypeError('chunkSize must be a positive integer');
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return { total: input.size, chunks: blobChunks(input, chunkSize) };
  }
  if (input instanceof ArrayBuffer) input = new Uint8Array(input);
  if (ArrayBuffer.isView(input)) {
    const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return { total: bytes.byteLength, chunks: byteChunks(bytes, chunkSize) };
  }
  if (typeof input === 'string') return { total: undefined, chunks: stringChunks(input, chunkSize) };
  if (input && typeof input.getReader === 'function') return { total: undefined, chunks: streamChunks(input, chunkSize) };
  if (input && typeof input[Symbol.asyncIterator] === 'function') {
    return { total: undefined, chunks: rechunk(input, chunkSize) };
  }
  throw new TypeError('input must be a File, Blob, ArrayBuffer, Uint8Array, string, ReadableStream or async iterable');
}

async function* blobChunks(blob, chunkSize) {
  for (let offset = 0; offset < blob.size; offset += chunkSize) {
    yield new Uint8Array(await blob.slice(offset, offset + chunkSize).arrayBuffer());
  }
}

async function* byteChunks(bytes, chunkSize) {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
    yield bytes.subarray(offset, offset + chunkSize);
  }
}

// Encodes the string piece by piece; a piece never ends inside a surrogate pair.
async function* stringChunks(text, chunkSize) {
  const encoder = new TextEncoder();
  const step = Math.max(2, Math.floor(chunkSize / 3));
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + step);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield encoder.encode(text.slice(start, end));
    start = end;
  }
}

async function* streamChunks(stream, chunkSize) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield* splitChunk(toBytes(value), chunkSize);
    }
  } finally {
    reader.releaseLock();
  }
}

async function* rechunk(iterable, chunkSize) {
  for await (const value of iterable) yield* splitChunk(toBytes(value), chunkSize);
}

function* splitChunk(bytes, chunkSize) {
  for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) yield bytes.subarray(offset, offset + chunkSize);
}

function toBytes(value) {
  if (typeof value === 'string') return new TextEncoder().encode(value);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('stream chunks must be bytes or strings');
}
