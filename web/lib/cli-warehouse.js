// `retention-kit sql` and `retention-kit rows` (issue 14): the same arguments, output and exit codes
// as the native CLI's src/cli/warehouse_command.cpp.
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { loadModule } from './node-module.js';
import { toChunks } from './sources.js';
import { rowsCsv, sqlScript } from './warehouse.js';
import { fileError, UsageError } from './cli-errors.js';

const USAGE =
  'usage: retention-kit sql --dialect duckdb|postgres|spark|bigquery [--table NAME]\n' +
  '         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n' +
  '         [--quantity COL] [--unit-price COL] [--status COL] [--as-of YYYY-MM-DD]\n' +
  '         [--options JSON] [--segments RULES.json]\n' +
  '       retention-kit rows FILE [--customer COL] [--date COL] [--amount COL] [--order COL]\n' +
  '         [--refund COL] [--quantity COL] [--unit-price COL] [--status COL]\n' +
  '         [--format auto|csv|text|json|ndjson] [--delimiter D] [--decimal-separator S]\n' +
  '         [--date-order auto|month-first|day-first] [--options JSON]\n' +
  'sql prints a script for the table (default orders) whose last statement returns one row per\n' +
  'customer; rows prints the file\'s rows as that table (customer,order,date,amount,status).\n';

const COLUMN_FLAGS = {
  '--customer': 'customer', '--date': 'date', '--amount': 'amount', '--order': 'order', '--refund': 'refund',
  '--quantity': 'quantity', '--unit-price': 'unitPrice', '--status': 'status',
};
const SQL_FLAGS = { '--dialect': 'dialect', '--table': 'table', '--as-of': 'asOf' };
const ROWS_FLAGS = {
  '--format': 'format', '--delimiter': 'delimiter', '--decimal-separator': 'decimalSeparator', '--date-order': 'dateOrder',
};

function parse(args) {
  const sql = args[0] === 'sql';
  const out = { sql, file: '', optionsJson: undefined, segmentsFile: '', columns: {}, settings: {} };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
      return args[++i];
    };
    if (arg in COLUMN_FLAGS) out.columns[COLUMN_FLAGS[arg]] = value();
    else if (sql && arg in SQL_FLAGS) out.settings[SQL_FLAGS[arg]] = value();
    else if (!sql && arg in ROWS_FLAGS) out.settings[ROWS_FLAGS[arg]] = value();
    else if (arg === '--options') out.optionsJson = value();
    else if (sql && arg === '--segments') out.segmentsFile = value();
    else if (arg.length > 1 && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else if (sql) throw new UsageError('sql reads no file: it writes SQL for a table (--table NAME)');
    else if (out.file) throw new UsageError('more than one input file given');
    else out.file = arg;
  }
  if (!sql && !out.file) throw new UsageError('no input file given');
  const onlyTarget = Object.keys(out.columns).length === 0 &&
    Object.keys(out.settings).every((key) => key === 'dialect' || key === 'table');
  if (out.optionsJson !== undefined && !onlyTarget) {
    throw new UsageError('give the columns and settings either as flags or in --options, not both');
  }
  return out;
}

// The options object, as the native CLI builds it: --options, or the flags (--dialect and --table
// may go with --options and win over it).
function request(parsed) {
  if (parsed.optionsJson === undefined) {
    const object = { ...parsed.settings };
    if (Object.keys(parsed.columns).length) object.columns = parsed.columns;
    return object;
  }
  let object;
  try {
    object = JSON.parse(parsed.optionsJson);
  } catch {
    throw new UsageError('invalid options: not valid JSON');
  }
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return object;
  return { ...object, ...parsed.settings };
}

export async function warehouseMain(args) {
  if (args[1] === '--help' || args[1] === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  let parsed;
  let options;
  let segmentsText;
  try {
    parsed = parse(args);
    options = request(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${USAGE}`);
    return 2;
  }
  for (const file of [parsed.segmentsFile, parsed.sql || parsed.file === '-' ? '' : parsed.file]) {
    if (!file) continue;
    try {
      if (file === parsed.segmentsFile) segmentsText = await readFile(file, 'utf8');
      else await access(file);
    } catch (error) {
      process.stderr.write(fileError('open', file, error));
      return 1;
    }
  }
  const Module = await loadModule();
  try {
    if (parsed.sql) {
      if (segmentsText !== undefined) options = withSegments(options, segmentsText);
      process.stdout.write(sqlScript(Module, options));
    } else {
      const input = parsed.file === '-' ? process.stdin : createReadStream(parsed.file, { highWaterMark: 1 << 20 });
      process.stdout.write(await rowsCsv(Module, toChunks(input), options));
    }
    return 0;
  } catch (error) {
    if (error.name !== 'RetentionError') throw error;
    const usage = error.code === 'invalid_options';
    process.stderr.write(`retention-kit: ${error.message}\n${usage ? USAGE : ''}`);
    return usage ? 2 : 1;
  }
}

// A rules file holds the array, or an object with it under "segments", as for analyze.
function withSegments(options, text) {
  let rules;
  try {
    rules = JSON.parse(text);
  } catch {
    throw Object.assign(new Error('invalid options: segments: not valid JSON'), { name: 'RetentionError', code: 'invalid_options' });
  }
  if (rules !== null && typeof rules === 'object' && !Array.isArray(rules) && 'segments' in rules) rules = rules.segments;
  return { ...options, segments: rules };
}
