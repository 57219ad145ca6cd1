// Node entry: the engine runs in-process; the wasm bytes are read from the package (SPEC 7).
import { readFile } from 'node:fs/promises';
import createRetentionModule from '../../dist/wasm/retention-kit.mjs';
import { progressReporter, runAnalysis } from './session.js';
import { toChunks } from './sources.js';

export { RetentionError } from './errors.js';

const WASM_URL = new URL('../../dist/wasm/retention-kit.wasm', import.meta.url);

export async function createEngine() {
  const Module = await createRetentionModule({ wasmBinary: await readFile(WASM_URL) });
  const analyzeTo = (format) => async (input, options = {}) => {
    options.signal?.throwIfAborted();
    return runAnalysis(Module, toChunks(input, options.chunkSize), {
      options,
      format,
      onProgress: progressReporter(options.onProgress),
      isAborted: () => options.signal?.aborted ?? false,
    });
  };
  const reportJson = analyzeTo('json');
  return {
    analyze: async (input, options) => JSON.parse(await reportJson(input, options)),
    // The report exactly as the core wrote it ('json'), or the terminal summary ('text').
    analyzeToString: (input, options = {}, format = 'json') => analyzeTo(format)(input, options),
    close() {},
  };
}
