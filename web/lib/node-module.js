// The wasm module in Node: the bytes are read from the package (ES-module Emscripten cannot fetch
// them itself in Node, SPEC 7), or from `wasmUrl` when a bundle moved the file (file path, file: URL
// or http(s) URL).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RetentionError } from './errors.js';
import { compileBytes, fetchAndCompile, instantiate } from './load-wasm.js';

const WASM_URL = new URL('../../dist/wasm/retention-kit.wasm', import.meta.url);

const FS_REASONS = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a folder' };

async function readWasmFile(path) {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = FS_REASONS[error.code] ?? error.message;
    throw new RetentionError(`could not load the engine's WebAssembly from ${path}: ${reason}`, { code: 'wasm_load_failed' });
  }
}

export async function loadModule({ wasmUrl } = {}) {
  const target = wasmUrl ?? WASM_URL;
  const href = String(target);
  if (/^https?:/.test(href)) return instantiate(await fetchAndCompile(href), href);
  const path = href.startsWith('file:') ? fileURLToPath(href) : href;
  return instantiate(await compileBytes(await readWasmFile(path), path), path);
}
