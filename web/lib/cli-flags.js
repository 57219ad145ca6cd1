// The flags of analyze, sql and rows, read by one table with parseArgs, by the same rules as the
// native CLI's src/cli/flags.cpp (--flag VALUE or --flag=VALUE, -- ends the flags, flags win over
// the same keys in --options).
import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors.js';

const ALL = ['analyze', 'sql', 'rows'];
const column = (key, commands = ALL) => ({ column: key, commands });
const setting = (key, commands) => ({ setting: key, commands });

// Where each flag's value goes (a column role, a setting, a clv setting), or what a missing value
// is called in the error, and the commands that take it.
const FLAGS = {
  customer: column('customer'),
  date: column('date'),
  amount: column('amount'),
  order: column('order'),
  refund: column('refund'),
  quantity: column('quantity'),
  'unit-price': column('unitPrice'),
  product: column('product', ['analyze']),
  status: column('status'),
  currency: column('currency', ['analyze']),
  'as-of': setting('asOf', ['analyze', 'sql']),
  from: setting('from', ['analyze']),
  to: setting('to', ['analyze']),
  format: setting('format', ['analyze', 'rows']),
  delimiter: setting('delimiter', ['analyze', 'rows']),
  'decimal-separator': setting('decimalSeparator', ['analyze', 'rows']),
  'date-order': setting('dateOrder', ['analyze', 'rows']),
  dialect: setting('dialect', ['sql']),
  table: setting('table', ['sql']),
  'clv-model': { clv: 'model', commands: ['analyze'] },
  'calibration-end': { clv: 'calibrationEnd', commands: ['analyze'] },
  attributes: { needs: 'column names', commands: ['analyze'] },
  options: { needs: 'a JSON object', commands: ALL },
  segments: { needs: 'a JSON file of segment rules', commands: ['analyze', 'sql'] },
  'export-segment': { needs: 'a segment name', commands: ['analyze'] },
  out: { needs: 'a file name', commands: ['analyze'] },
  json: { boolean: true, commands: ['analyze'] },
  strict: { boolean: true, commands: ['analyze'] },
  help: { boolean: true, short: 'h', commands: ALL },
};
const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(FLAGS).map(([name, flag]) => [
    name,
    { type: flag.boolean ? 'boolean' : 'string', ...(flag.short ? { short: flag.short } : {}) },
  ]),
);

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

// Explicit flags win over --options, whatever their order (issue 9): laid over the object, one level
// deep in columns and clv.
function withFlags(options, flags) {
  if (!isObject(options)) throw new UsageError('invalid options: expected a JSON object'); // the core's words
  const merged = { ...options, ...flags };
  for (const key of ['columns', 'clv']) {
    if (key in flags) merged[key] = { ...(isObject(options[key]) ? options[key] : {}), ...flags[key] };
  }
  return merged;
}

export function parseJson(text, message) {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(message);
  }
}

// Reads a command's arguments with parseArgs (not strict, so that every problem gets the same words
// as the native CLI): {help: true}, or the positionals (files), the options the flags make, the
// --options text and the other flags' values.
export function parseCommandArgs(command, args) {
  const { tokens } = parseArgs({ args, options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const parsed = { positionals: [], json: false, options: {}, optionsJson: '', segmentsFile: '', exportName: '', outFile: '' };
  const columns = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      parsed.positionals.push(token.value);
      continue;
    }
    const flag = Object.hasOwn(FLAGS, token.name) ? FLAGS[token.name] : undefined;
    const raw = args[token.index];
    // Grouped short flags (-hx) are not taken apart: the native CLI reads each argument whole.
    if (!flag || !flag.commands.includes(command) || (token.rawName !== raw && !token.inlineValue)) {
      throw new UsageError(`unknown option '${raw}'`);
    }
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
  if (Object.keys(columns).length) parsed.options.columns = columns;
  return parsed;
}

// The options object: --options with the flags laid over it. Called where the native CLI has the
// core read the options, so that problems are found in the same order.
export function commandOptions(parsed) {
  if (!parsed.optionsJson) return parsed.options;
  return withFlags(parseJson(parsed.optionsJson, 'invalid options: not valid JSON'), parsed.options);
}

// A --segments file holds the array, or an object with it under "segments" (as the core's parse_segments_json).
export function segmentRules(value) {
  const wrapped = isObject(value) && 'segments' in value;
  return wrapped ? value.segments : value;
}
