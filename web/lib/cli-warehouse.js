// `retention-kit sql` and `retention-kit rows` (issue 14): the same arguments, output and exit codes
// as the native CLI's src/cli/warehouse_command.cpp.
import { readFile } from 'node:fs/promises';
import { loadModule } from './node-module.js';
import { openInput } from './cli-files.js';
import { toChunks } from './sources.js';
import { rowsCsv, sqlScript } from './warehouse.js';
import { fileError, UsageError } from './cli-errors.js';
import { commandOptions, parseCommandArgs, parseJson, segmentRules } from './cli-flags.js';

const USAGE =
  'usage: retention-kit sql --dialect duckdb|postgres|spark|bigquery [--table NAME] [--as-of YYYY-MM-DD]\n' +
  '         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n' +
  '         [--quantity COL] [--unit-price COL] [--status COL] [--options JSON] [--segments RULES.json]\n' +
  '       retention-kit rows FILE [the same column flags] [--format auto|csv|text|json|ndjson]\n' +
  '         [--delimiter D] [--decimal-separator S] [--date-order auto|month-first|day-first]\n' +
  '         [--options JSON]\n' +
  'sql prints a script for the table (default orders) whose last statement returns one row per\n' +
  "customer; rows prints the file's rows as that table (customer,order,date,amount,status). FILE\n" +
  'may be - for standard input. A flag wins over the same key in --options; a value may also\n' +
  'follow its flag after =.\n';

function parseWarehouseArgs(command, args) {
  const parsed = parseCommandArgs(command, args);
  if (parsed.help) return parsed;
  if (command === 'sql' && parsed.positionals.length) {
    throw new UsageError('sql reads no file: it writes SQL for a table (--table NAME)');
  }
  if (command === 'rows' && parsed.positionals.length > 1) throw new UsageError('more than one input file given');
  if (command === 'rows' && !parsed.positionals.length) throw new UsageError('no input file given');
  return parsed;
}

const usageError = (error) => {
  process.stderr.write(`retention-kit: ${error.message}\n${USAGE}`);
  return 2;
};

export async function warehouseMain([command, ...args]) {
  let parsed;
  try {
    parsed = parseWarehouseArgs(command, args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usageError(error);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const Module = await loadModule();
  try {
    if (command === 'rows') {
      const [file] = parsed.positionals;
      const options = commandOptions(parsed);
      let input;
      try {
        input = await openInput(file);
      } catch (error) {
        process.stderr.write(fileError('open', file, error));
        return 1;
      }
      try {
        process.stdout.write(await rowsCsv(Module, toChunks(input), options));
      } catch (error) {
        if (error.syscall !== 'read') throw error;
        process.stderr.write(fileError('read', file === '-' ? 'standard input' : file, error));
        return 1;
      }
      return 0;
    }
    const options = commandOptions(parsed);
    if (parsed.segmentsFile) {
      let text;
      try {
        text = await readFile(parsed.segmentsFile, 'utf8');
      } catch (error) {
        process.stderr.write(fileError('open', parsed.segmentsFile, error));
        return 1;
      }
      options.segments = segmentRules(parseJson(text, 'invalid options: segments: not valid JSON'));
    }
    process.stdout.write(sqlScript(Module, options));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(error);
    if (error.name !== 'RetentionError') throw error;
    const usage = error.code === 'invalid_options';
    process.stderr.write(`retention-kit: ${error.message}\n${usage ? USAGE : ''}`);
    return usage ? 2 : 1;
  }
}
