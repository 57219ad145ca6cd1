#!/usr/bin/env node
// npm CLI on the wasm module: the same arguments, output and exit codes as the native build's CLI.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createEngine } from './node.js';

const USAGE =
  'usage: retention-kit analyze FILE [--json] [--as-of YYYY-MM-DD] [--strict]\n' +
  '         [--customer COL] [--date COL] [--amount COL] [--order COL] [--refund COL]\n' +
  '         [--quantity COL] [--unit-price COL] [--product COL] [--status COL] [--currency COL]\n' +
  '         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson]\n' +
  '         [--delimiter auto|,|;|tab|"|"|whitespace] [--decimal-separator auto|.|,]\n' +
  '         [--date-order auto|month-first|day-first] [--options JSON]\n' +
  'FILE may be - for standard input.\n';

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

class UsageError extends Error {}

function parseArgs(args) {
  if (args[0] !== 'analyze') throw new UsageError(`unknown command '${args[0]}'`);
  const parsed = { file: '', json: false, options: {}, optionsJson: '' };
  const columns = {};
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const value = (what) => {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs ${what}`);
      return args[++i];
    };
    if (arg in COLUMN_FLAGS) columns[COLUMN_FLAGS[arg]] = value('a value');
    else if (arg in SETTING_FLAGS) parsed.options[SETTING_FLAGS[arg]] = value('a value');
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--strict') parsed.options.strict = true;
    else if (arg === '--attributes') columns.attributes = value('column names').split(',');
    else if (arg === '--options') parsed.optionsJson = value('a JSON object');
    else if (arg.length > 1 && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else if (!parsed.file) parsed.file = arg;
    else throw new UsageError('more than one input file given');
  }
  if (!parsed.file) throw new UsageError('no input file given');
  if (Object.keys(columns).length) parsed.options.columns = columns;
  return parsed;
}

async function main(args) {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    (args.length ? process.stdout : process.stderr).write(USAGE);
    return args.length ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs(args);
    if (parsed.optionsJson) {
      try {
        parsed.options = JSON.parse(parsed.optionsJson);
      } catch {
        throw new UsageError('invalid options: not valid JSON');
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (parsed.file !== '-') {
    try {
      await access(parsed.file);
    } catch (error) {
      process.stderr.write(`retention-kit: cannot open ${parsed.file}: ${error.code === 'ENOENT' ? 'No such file or directory' : error.message}\n`);
      return 1;
    }
  }
  const input = parsed.file === '-' ? process.stdin : createReadStream(parsed.file, { highWaterMark: 1 << 20 });
  const engine = await createEngine();
  try {
    const out = await engine.analyzeToString(input, parsed.options, parsed.json ? 'json' : 'text');
    process.stdout.write(parsed.json ? `${out}\n` : out);
    return 0;
  } catch (error) {
    if (error.name !== 'RetentionError') throw error;
    process.stderr.write(`retention-kit: ${error.message}\n${error.code === 'invalid_options' ? USAGE : ''}`);
    return error.code === 'invalid_options' ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
