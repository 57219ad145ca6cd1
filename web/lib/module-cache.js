// One wasm module per engine, loaded on first use and replaced after a failure: a load that failed
// (a network error, a 404) is tried again on the next call, and a module that trapped (out of memory,
// a bug) is never called again, because its memory is then in an unknown state.
import { RetentionError } from './errors.js';

export function moduleCache(load) {
  let current;
  const get = () => {
    if (!current) {
      const attempt = load();
      current = attempt;
      attempt.catch(() => {
        if (current === attempt) current = undefined;
      });
    }
    return current;
  };
  return {
    get,
    // Runs use(Module) on the loaded module; a trap inside it drops the module for the next call.
    async run(use) {
      const Module = await get();
      try {
        return await use(Module);
      } catch (error) {
        if (error?.moduleLost) current = undefined; // out of memory, already a coded error (session.js)
        if (!(error instanceof WebAssembly.RuntimeError)) throw error;
        current = undefined;
        const heapMiB = Math.round((Module.HEAPU8?.length ?? 0) / 2 ** 20);
        throw new RetentionError(
          `the engine stopped (${error.message}) with ${heapMiB} MiB of memory in use; out of memory is the likely cause. ` +
            'A new engine is started on the next call.',
          { code: 'engine_failed' },
        );
      }
    },
  };
}
