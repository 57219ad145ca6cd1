// The warehouse path (issue 14) on a loaded wasm module: the core writes the SQL; the rows as read.
import { RetentionError } from './errors.js';
import { runAnalysis } from './session.js';

// options: {dialect, table, excludedStatuses, ...the analyze options (columns, asOf, rfThresholds, segments)}.
export function sqlScript(Module, options = {}) {
  const request = { ...options };
  if (request.asOf instanceof Date) request.asOf = request.asOf.toISOString().slice(0, 10);
  const result = JSON.parse(Module.sqlScript(JSON.stringify(request)));
  if (result.error) throw new RetentionError(result.error.message, result.error);
  return result.sql;
}

// The rows of an order file as the engine read them: the CSV table the SQL reads. No value model
// runs: only the rows are wanted.
export async function rowsCsv(Module, source, options = {}) {
  const { rows } = await runAnalysis(Module, source, {
    options: { ...options, keepRows: true, clv: { ...options.clv, model: 'none' } },
    columns: false,
    rows: true,
  });
  return rows;
}
