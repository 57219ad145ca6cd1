// Node entry: the engine runs in-process on the wasm module read from the package.
import { attachCustomers } from './customers.js';
import { loadModule } from './node-module.js';
import { progressReporter, runAnalysis } from './session.js';
import { toChunks } from './sources.js';

export { RetentionError } from './errors.js';

export async function createEngine() {
  let Module = await loadModule();
  const run = async (input, options = {}, format = 'json', columns = true) => {
    options.signal?.throwIfAborted();
    Module ??= await loadModule(); // replaced after running out of memory (issue 13)
    try {
      return await runAnalysis(Module, toChunks(input, options.chunkSize), {
        options,
        format,
        columns,
        onProgress: progressReporter(options.onProgress),
        isAborted: () => options.signal?.aborted ?? false,
      });
    } catch (error) {
      if (error?.moduleLost) Module = undefined;
      throw error;
    }
  };
  return {
    async analyze(input, options) {
      const { json, columns } = await run(input, options);
      return attachCustomers(JSON.parse(json), columns);
    },
    // The report exactly as the core wrote it ('json'), or the terminal summary ('text').
    async analyzeToString(input, options = {}, format = 'json') {
      const { json, text } = await run(input, options, format, false);
      return format === 'text' ? text : json;
    },
    close() {},
  };
}
