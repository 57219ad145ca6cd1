#!/usr/bin/env node
// npm CLI on the wasm module: the same arguments, output and exit codes as the native build's CLI
// (src/cli/main.cpp reads the arguments by the same rules; tests/package/cli.test.js compares them).
import { readFile, writeFile } from 'node:fs/promises';
import { segmentCsvBytes } from './customers.js';
import { loadModule } from './node-module.js';
import { runAnalysis } from './session.js';
import { toChunks } from './sources.js';
import { openInput } from './cli-files.js';
import { fileError, UsageError } from './cli-errors.js';
import { commandOptions, parseCommandArgs, parseJson, segmentRules } from './cli-flags.js';
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
  '         [--attributes COL,COL...] [--format auto|csv|text|json|ndjson|customers]\n' +
  '         [--delimiter auto|,|;|tab|"|"|whitespace] [--decimal-separator auto|.|,]\n' +
  '         [--date-order auto|month-first|day-first] [--clv-model mbgnbd|bgnbd|pareto-nbd|none]\n' +
  '         [--calibration-end YYYY-MM-DD] [--options JSON] [--segments RULES.json]\n' +
  '         [--export-segment NAME --out FILE.csv]\n' +
  'FILE may be - for standard input; several FILEs are analysed as one. --out - writes the\n' +
  'segment to standard output instead of the report. NAME is an RF cell (active/single ...\n' +
  'lapsed/highValue) or an RFM segment (Champions ... Others). A value may also follow its flag\n' +
  'after =, as in --as-of=2024-06-30.\n' +
  '--format customers reads a per-customer summary (customer, first order, last order, orders,\n' +
  'revenue), such as the last result of retention-kit sql; it is also detected from the header.\n';

// analyze's arguments: the files and the flags' values.
function parseAnalyzeArgs(args) {
  const parsed = parseCommandArgs('analyze', args);
  if (parsed.help) return parsed;
  if (!parsed.positionals.length) throw new UsageError('no input file given');
  if (!parsed.exportName !== !parsed.outFile) {
    throw new UsageError(parsed.outFile ? '--out needs --export-segment NAME' : '--export-segment needs --out FILE');
  }
  return parsed;
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
    parsed.options = commandOptions(parsed);
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
  for (const file of parsed.positionals) {
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
      const file = parsed.positionals.find((f) => f !== '-' && error.path === f) ?? parsed.positionals[0];
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
