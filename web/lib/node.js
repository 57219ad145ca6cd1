// Node entry: the engine runs in-process on the wasm module read from the package (or from
// `wasmUrl`, for a server bundle that moved the file).
import { createLocalEngine } from './local-engine.js';
import { loadModule } from './node-module.js';

export { RetentionError } from './errors.js';

export async function createEngine({ wasmUrl } = {}) {
  return createLocalEngine(() => loadModule({ wasmUrl }));
}
