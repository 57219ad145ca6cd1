#!/usr/bin/env node
// npm CLI on the wasm module: the same arguments, output and exit codes as the native build's CLI.
import { createReadStream } from 'node:fs';
import { access, readFile, writeFile } from 'node:fs/promises';
import { warehouseMain } from './cli-warehouse.js';
import { segmentCsvBytes } from './customers.js';
import { loadModule } from './node-module.js';
import { runAnalysis } from './session.js';
import { toChunks } from './sources.js';

const USAGE =
  'usage: retention-kit analyze FILE... [--json] [--as-of YYYY-MM-DD] [--strict]\n' +
  '         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n' +
  '         [--quantity COL] [--unit-price COL] [--product COL] [--status COL] [--currency COL]\n' +
  '         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson]\n' +
  '         [--delimiter auto|,|;|tab|"|"|whitespace] [--decimal-separator auto|.|,]\n' +
  '         [--date-order auto|month-first|day-first] [--clv-model bgnbd|pareto-nbd|none]\n' +
  '         [--calibration-end YYYY-MM-DD] [--options JSON] [--segments RULES.json]\n' +
  '         [--export-segment NAME --out FILE.csv]\n' +
  'FILE may be - for standard input; several FILEs are analysed as one.\n' +
  'NAME is an RF cell (active/single ... lapsed/highValue)\n' +
  'or an RFM segment (Champions ... Others).\n';

const COLUMN_FLAGS = {
  '--customer': 'customer',
  '--date': 'date',
  '--amount': 'amount',
  '--order': 'order',
  '--refund': 'refund',
  '--quantity': 'quantity',
  '--unit-price': 'unitPrice',
  '--product': 'product',
  '--status': 'status',
  '--currency': 'currency',
};

const SETTING_FLAGS = {
  '--as-of': 'asOf',
  '--format': 'format',
  '--delimiter': 'delimiter',
  '--decimal-separator': 'decimalSeparator',
  '--date-order': 'dateOrder',
};

const CLV_FLAGS = {
  '--clv-model': 'model',
  '--calibration-end': 'calibrationEnd',
};

class UsageError extends Error {}

// The C library's wording (strerror), so that both CLIs print the same line.
const FS_ERRORS = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
};
const fileError = (what, file, error) => `retention-kit: cannot ${what} ${file}: ${FS_ERRORS[error.code] ?? error.message}\n`;

function parseArgs(args) {
  if (args[0] !== 'analyze') throw new UsageError(`unknown command '${args[0]}'`);
  const parsed = { files: [], json: false, options: {}, optionsJson: '', segmentsFile: '', exportName: '', outFile: '' };
  const columns = {};
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const value = (what) => {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs ${what}`);
      return args[++i];
    };
    if (arg in COLUMN_FLAGS) columns[COLUMN_FLAGS[arg]] = value('a value');
    else if (arg in SETTING_FLAGS) parsed.options[SETTING_FLAGS[arg]] = value('a value');
    else if (arg in CLV_FLAGS) (parsed.options.clv ??= {})[CLV_FLAGS[arg]] = value('a value');
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--strict') parsed.options.strict = true;
    else if (arg === '--attributes') columns.attributes = value('column names').split(',');
    else if (arg === '--options') parsed.optionsJson = value('a JSON object');
    else if (arg === '--segments') parsed.segmentsFile = value('a JSON file of segment rules');
    else if (arg === '--export-segment') parsed.exportName = value('a segment name');
    else if (arg === '--out') parsed.outFile = value('a file name');
    else if (arg.length > 1 && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else parsed.files.push(arg);
  }
  if (!parsed.files.length) throw new UsageError('no input file given');
  if (!parsed.exportName !== !parsed.outFile) {
    throw new UsageError(parsed.outFile ? '--out needs --export-segment NAME' : '--export-segment needs --out FILE');
  }
  if (Object.keys(columns).length) parsed.options.columns = columns;
  return parsed;
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

async function main(args) {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    (args.length ? process.stdout : process.stderr).write(USAGE);
    return args.length ? 0 : 2;
  }
  if (args[0] === 'sql' || args[0] === 'rows') return warehouseMain(args); // issue 14
  let parsed;
  let segmentsText;
  try {
    parsed = parseArgs(args);
    if (parsed.segmentsFile) {
      try {
        segmentsText = await readFile(parsed.segmentsFile, 'utf8');
      } catch (error) {
        process.stderr.write(fileError('open', parsed.segmentsFile, error));
        return 1;
      }
    }
    if (parsed.optionsJson) parsed.options = parseJson(parsed.optionsJson, 'invalid options: not valid JSON');
    if (segmentsText !== undefined) {
      delete parsed.options.segments; // the file's rules replace any given in --options, checked last as natively
      parsed.options.segments = segmentRules(parseJson(segmentsText, 'invalid options: segments: not valid JSON'));
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${USAGE}`);
    return 2;
  }
  for (const file of parsed.files) {
    if (file === '-') continue;
    try {
      await access(file);
    } catch (error) {
      process.stderr.write(fileError('open', file, error));
      return 1;
    }
  }
  // Several files are one analysis (issue 14).
  const inputs = parsed.files.map((file) =>
    toChunks(file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 })));
  const Module = await loadModule();
  try {
    const format = parsed.json ? 'json' : 'text';
    const { json, text, columns } = await runAnalysis(Module, inputs, {
      options: parsed.options,
      format,
      columns: Boolean(parsed.exportName),
    });
    if (parsed.exportName) {
      const csv = segmentCsvBytes(JSON.parse(json), columns, parsed.exportName);
      try {
        await writeFile(parsed.outFile, csv);
      } catch (error) {
        process.stderr.write(fileError('write', parsed.outFile, error));
        return 1;
      }
    }
    process.stdout.write(parsed.json ? `${json}\n` : text);
    return 0;
  } catch (error) {
    if (error.name !== 'RetentionError') throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${error.code === 'invalid_options' ? USAGE : ''}`);
    return error.code === 'invalid_options' ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
