import { open } from 'node:fs/promises';

// The input as a stream: standard input, or a file opened here so that a missing file, a folder or
// an unreadable file ends with one line (the stream would only fail later, with a stack trace).
export async function openInput(file) {
  if (file === '-') return process.stdin;
  const handle = await open(file, 'r');
  try {
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle.createReadStream({ highWaterMark: 1 << 20 }); // closes the file at its end or on an error
}
