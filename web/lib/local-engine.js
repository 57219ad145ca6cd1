// An engine that runs in the calling thread: Node, an edge runtime, a worker of the caller's own, or
// a page's main thread for small files. The wasm module is loaded once and replaced after a failure.
import { attachCustomers } from './customers.js';
import { moduleCache } from './module-cache.js';
import { progressReporter, runAnalysis } from './session.js';
import { toChunks } from './sources.js';
import { rowsCsv, sqlScript } from './warehouse.js';

export function createLocalEngine(load) {
  const modules = moduleCache(load);
  modules.get().catch(() => {}); // start loading now; a failure is reported by the first analyze
  const run = (input, options = {}, format = 'json', columns = true) => {
    options.signal?.throwIfAborted();
    return modules.run((Module) =>
      // An array of inputs is several files analysed as one.
      runAnalysis(Module, Array.isArray(input) ? input.map((i) => toChunks(i, options.chunkSize)) : toChunks(input, options.chunkSize), {
        options,
        format,
        columns,
        onProgress: progressReporter(options.onProgress),
        isAborted: () => options.signal?.aborted ?? false,
      }),
    );
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
    // The SQL that computes the per-customer table, RF cells and segments in a warehouse, and an
    // order file's rows as the table that SQL reads.
    sql(options) {
      return modules.run((Module) => sqlScript(Module, options));
    },
    rows(input, options = {}) {
      return modules.run((Module) => rowsCsv(Module, toChunks(input, options.chunkSize), options));
    },
    async preload() {
      await modules.get();
    },
    close() {},
  };
}
