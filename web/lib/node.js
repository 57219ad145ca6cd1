// Node entry: the engine runs in-process on the wasm module read from the package.
import { attachCustomers } from './customers.js';
import { loadModule } from './node-module.js';
import { progressReporter, runAnalysis } from './session.js';
import { toChunks } from './sources.js';
import { rowsCsv, sqlScript } from './warehouse.js';

export { RetentionError } from './errors.js';

export async function createEngine() {
  const Module = await loadModule();
  const run = async (input, options = {}, format = 'json', columns = true) => {
    options.signal?.throwIfAborted();
    // An array of inputs is several files analysed as one (issue 14).
    const source = Array.isArray(input) ? input.map((i) => toChunks(i, options.chunkSize)) : toChunks(input, options.chunkSize);
    return runAnalysis(Module, source, {
      options,
      format,
      columns,
      onProgress: progressReporter(options.onProgress),
      isAborted: () => options.signal?.aborted ?? false,
    });
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
    // Issue 14: the SQL that computes the per-customer table, RF cells and segments in a warehouse,
    // and an order file's rows as the table that SQL reads.
    async sql(options) {
      return sqlScript(Module, options);
    },
    async rows(input, options = {}) {
      return rowsCsv(Module, toChunks(input, options.chunkSize), options);
    },
    close() {},
  };
}
