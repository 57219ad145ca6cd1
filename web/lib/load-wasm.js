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
const startError = (url, error) => loadError(`could not start the engine's WebAssembly from ${url}: ${error?.message ?? error}`);

async function fetchWasmResponse(url) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw loadError(`could not load the engine's WebAssembly from ${url}: ${error.message}`);
  }
  if (!response.ok) {
    throw loadError(`could not load the engine's WebAssembly from ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  return response;
}

// compileStreaming accepts exactly this Content-Type (no parameters: the WebAssembly Web API spec).
const streamable = (response) =>
  typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type')?.trim().toLowerCase() === 'application/wasm';

export async function compileBytes(bytes, url) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (error) {
    throw startError(url, error);
  }
}

// Resolves with the compiled WebAssembly.Module. Served as application/wasm it compiles while it
// downloads (compileStreaming), and the browser keeps the compiled code with its HTTP cache entry,
// so the next visit skips compiling; any other type (a server that sends application/octet-stream)
// is read whole and compiled.
export async function fetchAndCompile(url) {
  const response = await fetchWasmResponse(url);
  if (streamable(response)) {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (error) {
      throw startError(url, error);
    }
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!WASM_MAGIC.every((byte, i) => bytes[i] === byte)) {
    const type = response.headers.get('content-type');
    throw loadError(`${url} did not return the engine's WebAssembly (HTTP ${response.status}${type ? `, ${type}` : ''}): check wasmUrl`);
  }
  return compileBytes(bytes, url);
}

// Instantiates the compiled module (Emscripten's instantiateWasm hook, so that its loader fetches
// nothing); Emscripten's own messages stay off the console.
export async function instantiate(compiled, url) {
  try {
    return await new Promise((resolve, reject) => {
      createRetentionModule({
        print() {},
        printErr() {},
        instantiateWasm(imports, receiveInstance) {
          // The factory's promise would never settle on a failure here: it is rejected directly.
          WebAssembly.instantiate(compiled, imports).then((instance) => receiveInstance(instance, compiled), reject);
          return {}; // the exports arrive through receiveInstance
        },
      }).then(resolve, reject);
    });
  } catch (error) {
    throw startError(url, error);
  }
}

export async function loadWasmModule(wasmUrl) {
  const url = String(wasmUrl ?? defaultWasmUrl());
  return instantiate(await fetchAndCompile(url), url);
}
