// Loads the wasm module in a browser, a worker or any runtime with fetch: the bytes are fetched
// here, not by Emscripten's loader, so that a failed load says which URL and what the server
// answered (Emscripten would go on to compile a 404 page: "expected magic word").
import createRetentionModule from '../../dist/wasm/retention-kit.mjs';
import { RetentionError } from './errors.js';
import { prebundledPackageFile } from './package-files.js';

// Written as new URL(literal, import.meta.url) so that bundlers (Vite, webpack) ship the file.
export const defaultWasmUrl = () =>
  prebundledPackageFile('dist/wasm/retention-kit.wasm') ?? new URL('../../dist/wasm/retention-kit.wasm', import.meta.url);

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"
const loadError = (message) => new RetentionError(message, { code: 'wasm_load_failed' });

export async function fetchWasm(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw loadError(`could not load the engine's WebAssembly from ${url}: ${error.message}`);
  }
  if (!response.ok) {
    throw loadError(`could not load the engine's WebAssembly from ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!WASM_MAGIC.every((byte, i) => bytes[i] === byte)) {
    const type = response.headers.get('content-type');
    throw loadError(`${url} did not return the engine's WebAssembly (HTTP ${response.status}${type ? `, ${type}` : ''}): check wasmUrl`);
  }
  return bytes;
}

// Instantiates the module on bytes already loaded; Emscripten's own messages stay off the console.
export async function instantiate(bytes, url) {
  try {
    return await createRetentionModule({ wasmBinary: bytes, print() {}, printErr() {} });
  } catch (error) {
    throw loadError(`could not start the engine's WebAssembly from ${url}: ${error?.message ?? error}`);
  }
}

export async function loadWasmModule(wasmUrl) {
  const url = String(wasmUrl ?? defaultWasmUrl());
  return instantiate(await fetchWasm(url), url);
}
