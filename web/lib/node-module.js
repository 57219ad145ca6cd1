// The wasm module in Node: the bytes are read from the package, as ES-module Emscripten needs in Node (SPEC 7).
import { readFile } from 'node:fs/promises';
import createRetentionModule from '../../dist/wasm/retention-kit.mjs';

const WASM_URL = new URL('../../dist/wasm/retention-kit.wasm', import.meta.url);

export async function loadModule() {
  // printErr: Emscripten's own "Aborted()" line when memory runs out; the caller gets a coded error instead.
  return createRetentionModule({ wasmBinary: await readFile(WASM_URL), printErr: () => {} });
}
