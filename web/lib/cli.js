#!/usr/bin/env node
// npm CLI on the wasm module: the same arguments, output and exit codes as the native build's CLI
// (src/cli/main.cpp reads the arguments by the same rules; tests/package/cli.test.js compares them).
import { open, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { segmentCsvBytes } from './customers.js';
import { loadModule } from './node-module.js';
import { runAnalysis } from './session.js';
import { toChunks } from './sources.js';
import { fileError, UsageError } from './cli-errors.js';
import { warehouseMain } from './cli-warehouse.js';

const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));

const USAGE =
  'usage: retention-kit analyze FILE... [options]   segments and analyses order exports (several as one)\n' +
  '       retention-kit analyze --help           the options of analyze\n' +
  '       retention-kit sql --dialect D [options]  SQL that computes the per-customer table in a warehouse\n' +
  '       retention-kit rows FILE [options]      the rows as the engine read them, as CSV\n' +
  '       retention-kit --version                prints the version\n';

const ANALYZE_USAGE =
  'usage: retention-kit analyze FILE... [--json] [--as-of YYYY-MM-DD] [--strict]\n' +
  '         [--from YYYY-MM-DD] [--to YYYY-MM-DD] (only the orders of those days)\n' +
  '         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n' +
  '         [--quantity COL] [--unit-price COL] [--product COL] [--status COL] [--currency COL]\n' +
  '         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson]\n' +
  '         [--delimiter auto|,|;|tab|"|"|whitespace] [--decimal-separator auto|.|,]\n' +
  '         [--date-order auto|month-first|day-first] [--clv-model mbgnbd|bgnbd|pareto-nbd|none]\n' +
  '         [--calibration-end YYYY-MM-DD] [--options JSON] [--segments RULES.json]\n' +
  '         [--export-segment NAME --out FILE.csv]\n' +
  'FILE may be - for standard input; several FILEs are analysed as one. --out - writes the\n' +
  'segment to standard output instead of the report. NAME is an RF cell (active/single ...\n' +
  'lapsed/highValue) or an RFM segment (Champions ... Others). A value may also follow its flag\n' +
  'after =, as in --as-of=2024-06-30.\n';

// Every flag of `analyze`: its type for parseArgs, and where its value goes (a column role, a
// setting, a clv setting) or what a missing value is called in the error.
const FLAGS = {
  customer: { column: 'customer' },
  date: { column: 'date' },
  amount: { column: 'amount' },
  order: { column: 'order' },
  refund: { column: 'refund' },
  quantity: { column: 'quantity' },
  'unit-price': { column: 'unitPrice' },
  product: { column: 'product' },
  status: { column: 'status' },
  currency: { column: 'currency' },
  'as-of': { setting: 'asOf' },
  from: { setting: 'from' },
  to: { setting: 'to' },
  format: { setting: 'format' },
  delimiter: { setting: 'delimiter' },
  'decimal-separator': { setting: 'decimalSeparator' },
  'date-order': { setting: 'dateOrder' },
  'clv-model': { clv: 'model' },
  'calibration-end': { clv: 'calibrationEnd' },
  attributes: { needs: 'column names' },
  options: { needs: 'a JSON object' },
  segments: { needs: 'a JSON file of segment rules' },
  'export-segment': { needs: 'a segment name' },
  out: { needs: 'a file name' },
  json: { boolean: true },
  strict: { boolean: true },
  help: { boolean: true, short: 'h' },
};
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, flag]) => [
    name,
    { type: flag.boolean ? 'boolean' : 'string', ...(flag.short ? { short: flag.short } : {}) },
  ]),
);

// Reads `analyze`'s arguments with parseArgs (not strict, so that every problem gets the same words
// as the native CLI): returns {help: true} or the file and the options object the flags make.
function parseAnalyzeArgs(args) {
  const { tokens } = parseArgs({ args, options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const parsed = { files: [], json: false, options: {}, optionsJson: '', segmentsFile: '', exportName: '', outFile: '' };
  const columns = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      parsed.files.push(token.value);
      continue;
    }
    const flag = Object.hasOwn(FLAGS, token.name) ? FLAGS[token.name] : undefined;
    const raw = args[token.index];
    // Grouped short flags (-hx) are not taken apart: the native CLI reads each argument whole.
    if (!flag || (token.rawName !== raw && !token.inlineValue)) throw new UsageError(`unknown option '${raw}'`);
    if (flag.boolean && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    if (!flag.boolean && token.value === undefined) throw new UsageError(`${token.rawName} needs ${flag.needs ?? 'a value'}`);
    const { value } = token;
    if (token.name === 'help') return { help: true };
    if (flag.column) columns[flag.column] = value;
    else if (flag.setting) parsed.options[flag.setting] = value;
    else if (flag.clv) (parsed.options.clv ??= {})[flag.clv] = value;
    else if (token.name === 'json') parsed.json = true;
    else if (token.name === 'strict') parsed.options.strict = true;
    else if (token.name === 'attributes') columns.attributes = value.split(',');
    else if (token.name === 'options') parsed.optionsJson = value;
    else if (token.name === 'segments') parsed.segmentsFile = value;
    else if (token.name === 'export-segment') parsed.exportName = value;
    else if (token.name === 'out') parsed.outFile = value;
  }
  if (!parsed.files.length) throw new UsageError('no input file given');
  if (!parsed.exportName !== !parsed.outFile) {
    throw new UsageError(parsed.outFile ? '--out needs --export-segment NAME' : '--export-segment needs --out FILE');
  }
  if (Object.keys(columns).length) parsed.options.columns = columns;
  return parsed;
}

// Explicit flags win over --options, whatever their order (issue 9): laid over the object, one level
// deep in columns and clv, as the native CLI does.
function withFlags(options, flags) {
  const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isObject(options)) throw new UsageError('invalid options: expected a JSON object'); // the core's words
  const merged = { ...options, ...flags };
  for (const key of ['columns', 'clv']) {
    if (key in flags) merged[key] = { ...(isObject(options[key]) ? options[key] : {}), ...flags[key] };
  }
  return merged;
}

function parseJson(text, message) {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(message);
  }
}

// A rules file holds the array, or an object with it under "segments" (as the core's parse_segments_json).
function segmentRules(value) {
  const wrapped = value !== null && typeof value === 'object' && !Array.isArray(value) && 'segments' in value;
  return wrapped ? value.segments : value;
}

// The input as a stream: standard input, or a file opened here so that a missing file, a folder or
// an unreadable file ends with one line (the stream would only fail later, with a stack trace).
async function openInput(file) {
  if (file === '-') return process.stdin;
  const handle = await open(file, 'r');
  try {
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle.createReadStream({ highWaterMark: 1 << 20 }); // closes the file at its end or on an error
}

async function analyze(args) {
  let parsed;
  let segmentsText;
  try {
    parsed = parseAnalyzeArgs(args);
    if (parsed.help) {
      process.stdout.write(ANALYZE_USAGE);
      return 0;
    }
    if (parsed.segmentsFile) {
      try {
        segmentsText = await readFile(parsed.segmentsFile, 'utf8');
      } catch (error) {
        process.stderr.write(fileError('open', parsed.segmentsFile, error));
        return 1;
      }
    }
    if (parsed.optionsJson) parsed.options = withFlags(parseJson(parsed.optionsJson, 'invalid options: not valid JSON'), parsed.options);
    if (segmentsText !== undefined) {
      delete parsed.options.segments; // the file's rules replace any given in --options, checked last as natively
      parsed.options.segments = segmentRules(parseJson(segmentsText, 'invalid options: segments: not valid JSON'));
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${ANALYZE_USAGE}`);
    return 2;
  }
  // Every file is opened before any is read, so a missing one is reported at once; several are one analysis.
  const inputs = [];
  for (const file of parsed.files) {
    try {
      inputs.push(await openInput(file));
    } catch (error) {
      for (const input of inputs) if (input !== process.stdin) input.destroy();
      process.stderr.write(fileError('open', file, error));
      return 1;
    }
  }
  const Module = await loadModule();
  let result;
  try {
    result = await runAnalysis(Module, inputs.map((input) => toChunks(input)), {
      options: parsed.options,
      format: parsed.json ? 'json' : 'text',
      columns: Boolean(parsed.exportName),
    });
  } catch (error) {
    if (error.syscall === 'read') {
      const file = parsed.files.find((f) => f !== '-' && error.path === f) ?? parsed.files[0];
      process.stderr.write(fileError('read', file === '-' ? 'standard input' : file, error));
      return 1;
    }
    if (error.name !== 'RetentionError') throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${error.code === 'invalid_options' ? ANALYZE_USAGE : ''}`);
    return error.code === 'invalid_options' ? 2 : 1;
  }
  const { json, text, columns } = result;
  if (parsed.exportName) {
    let csv;
    try {
      csv = segmentCsvBytes(JSON.parse(json), columns, parsed.exportName);
    } catch (error) {
      if (error.name !== 'RetentionError') throw error;
      process.stderr.write(`retention-kit: ${error.message}\n${ANALYZE_USAGE}`);
      return 2;
    }
    if (parsed.outFile === '-') {
      process.stdout.write(csv); // the segment is the output: the report would be mixed into it
      return 0;
    }
    try {
      await writeFile(parsed.outFile, csv);
    } catch (error) {
      process.stderr.write(fileError('write', parsed.outFile, error));
      return 1;
    }
  }
  process.stdout.write(parsed.json ? `${json}\n` : text);
  return 0;
}

async function main(args) {
  if (args.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args[0] === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  if (args[0] === 'sql' || args[0] === 'rows') return warehouseMain(args);
  if (args[0] !== 'analyze') {
    process.stderr.write(`retention-kit: unknown command '${args[0]}'\n${USAGE}`);
    return 2;
  }
  return analyze(args.slice(1));
}

process.exitCode = await main(process.argv.slice(2));
