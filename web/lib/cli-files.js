import { open } from 'node:fs/promises';

// Bytes read at a time from a file.
const READ_SIZE = 1 << 20;

// A file's bytes, read into one buffer used again for every chunk: a read stream allocates a new
// buffer per chunk, and the ones already read stay resident until V8 collects them (35-50 MB more
// peak memory on large files, issue 11). A chunk is valid until the next one is asked for; the
// analysis copies each into the wasm heap at once. A read error carries the file's path, as a
// stream's does. `destroy()` closes the file unread, as on a stream.
function fileChunks(handle, path) {
  const chunks = (async function* read() {
    try {
      const buffer = Buffer.allocUnsafe(READ_SIZE);
      for (;;) {
        let bytesRead;
        try {
          ({ bytesRead } = await handle.read(buffer, 0, READ_SIZE, null));
        } catch (error) {
          throw Object.assign(error, { path });
        }
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  })();
  chunks.destroy = () => {
    handle.close().catch(() => {});
  };
  return chunks;
}

// The input as chunks of bytes: standard input, or a file opened here so that a missing file, a
// folder or an unreadable file ends with one line (a read would only fail later, with a stack trace).
export async function openInput(file) {
  if (file === '-') return process.stdin;
  const handle = await open(file, 'r');
  try {
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return fileChunks(handle, file);
}
