// Shared by the warehouse tests (issue 14): real databases to run the generated SQL on, and the
// engine's own per-customer table to compare with.
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

// The per-customer columns the SQL's last statement returns, and the engine's CSV export has.
export const CUSTOMER_FIELDS = [
  'customer', 'first_order', 'last_order', 'recency_days', 'frequency', 'monetary', 'rf_cell', 'r', 'f', 'm', 'segment',
];

// RFC 4180 records (CRLF or LF).
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length) record.push(field), records.push(record);
  return records;
}

// A decimal written the engine's way: no trailing zeros, no trailing point ("12.5", "3", "-0.25").
export function canonicalDecimal(text) {
  let s = String(text);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

// The engine's per-customer table, keyed by customer: its own CSV export, one RF cell at a time.
export function engineCustomers(report) {
  const rows = new Map();
  for (const cell of report.customers.rfCellNames) {
    const [header, ...lines] = parseCsv(report.exportSegment(cell));
    const at = CUSTOMER_FIELDS.map((name, i) => (i === 0 ? 0 : header.indexOf(name)));
    for (const line of lines) rows.set(line[0], at.map((i) => line[i]));
  }
  return rows;
}

// Rows of SQL results as strings, the per-customer rows keyed by customer.
export function customersFrom(records) {
  const rows = new Map();
  for (const r of records) {
    const row = r.slice(0, CUSTOMER_FIELDS.length).map(String);
    row[5] = canonicalDecimal(row[5]);
    rows.set(row[0], row);
  }
  return rows;
}

export function summaryFrom(records) {
  return Object.fromEntries(records.map(([name, customers, revenue]) => [name, [Number(customers), canonicalDecimal(revenue)]]));
}

// The engine's RF matrix and segments in the same shape.
export function engineSummaries(report) {
  const rf = {};
  report.rfMatrix.recency.forEach((r, i) =>
    report.rfMatrix.frequency.forEach((f, j) => {
      if (report.rfMatrix.customers[i][j]) rf[`${r}/${f}`] = [report.rfMatrix.customers[i][j], canonicalDecimal(report.rfMatrix.revenue[i][j])];
    }),
  );
  const segments = {};
  for (const s of report.rfm.segments) if (s.customers) segments[s.name] = [s.customers, canonicalDecimal(s.revenue)];
  return { rf, segments };
}

// A DuckDB value as text: decimals exactly (DuckDBDecimalValue holds a bigint and a scale).
function duckText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && typeof value.value === 'bigint' && typeof value.scale === 'number') {
    const negative = value.value < 0n;
    const digits = (negative ? -value.value : value.value).toString().padStart(value.scale + 1, '0');
    const whole = digits.slice(0, digits.length - value.scale);
    const fraction = value.scale ? `.${digits.slice(digits.length - value.scale)}` : '';
    return canonicalDecimal(`${negative ? '-' : ''}${whole}${fraction}`);
  }
  return String(value);
}

export async function openDuckDb() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    // Runs each statement in turn; returns the rows of every statement, as text.
    async script(sql) {
      const extracted = await connection.extractStatements(sql);
      const results = [];
      for (let i = 0; i < extracted.count; i++) {
        const prepared = await extracted.prepare(i);
        const reader = await prepared.runAndReadAll();
        results.push(reader.getRows().map((row) => row.map(duckText)));
      }
      return results;
    },
    async run(sql) {
      await connection.run(sql);
    },
    close() {
      connection.closeSync?.();
      instance.closeSync?.();
    },
  };
}

// The orders table as the SQL expects it, from a CSV file with customer,order,date,amount,status:
// the date column a DATE, TIMESTAMP or ISO text; the amount an exact decimal.
export function duckOrdersTable(csvPath, dateType = 'DATE', columns = ['customer', 'order', 'date', 'amount', 'status']) {
  const [customer, order, date, amount, status] = columns.map((c) => `"${c.replaceAll('"', '""')}"`);
  const path = csvPath.replaceAll("'", "''");
  return `CREATE OR REPLACE TABLE orders AS SELECT CAST(${customer} AS VARCHAR) AS ${customer},
    CAST(${order} AS VARCHAR) AS ${order}, CAST(${date} AS ${dateType}) AS ${date},
    CAST(${amount} AS DECIMAL(18, 6)) AS ${amount}, CAST(${status} AS VARCHAR) AS ${status}
  FROM read_csv('${path}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const PG_BIN = '/usr/lib/postgresql/15/bin';

// PostgreSQL 15 on a temporary folder and a free port, as the postgres user when run as root
// (it refuses to run as root, SPEC 7). stop() ends it and removes the folder.
export async function startPostgres() {
  const dir = mkdtempSync(join(tmpdir(), 'retention-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (command, args) => (asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]);
  const exec = (command, args) => {
    const [c, a] = as(command, args);
    const r = spawnSync(c, a, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stderr || r.error}`);
    return r;
  };
  if (asRoot) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  exec(`${PG_BIN}/initdb`, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  exec(`${PG_BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  const psql = (args, input) =>
    spawnSync(`${PG_BIN}/psql`, ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres',
      '-v', 'ON_ERROR_STOP=1', ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  return {
    // Runs the whole text in one session; returns every result set printed as CSV, parsed.
    script(sql) {
      const r = psql(['--csv', '-f', '-'], sql);
      if (r.status !== 0) throw new Error(`psql failed (${r.status}): ${r.stderr}`);
      return parseCsv(r.stdout);
    },
    stop() {
      try {
        exec(`${PG_BIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// psql prints each result set as a header record and its rows: split them at the known headers.
export function splitResults(records, headers) {
  const at = headers.map((h) => records.findIndex((r) => r.length === h.length && r.every((v, i) => v === h[i])));
  if (at.some((i) => i < 0)) throw new Error(`missing result set: ${JSON.stringify(records.slice(0, 3))}`);
  return at.map((start, k) => records.slice(start + 1, k + 1 < at.length ? at[k + 1] : records.length));
}

// sqlglot (Debian's python3-sqlglot, importable by /usr/bin/python3 only): {statements} transpiled
// to DuckDB, and {parsed}: each statement's kind and column names.
export function readWithSqlglot(dialect, sql) {
  const script = new URL('./sqlglot_to_duckdb.py', import.meta.url).pathname;
  const r = spawnSync('/usr/bin/python3', [script], { input: JSON.stringify({ dialect, sql }), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlglot could not read the ${dialect} SQL: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// BigQuery's UNIX_DATE (days since 1970-01-01), which sqlglot 10 passes to DuckDB unchanged and
// DuckDB lacks: defined with BigQuery's meaning so that the transpiled script runs.
export const DUCKDB_UNIX_DATE = "CREATE OR REPLACE MACRO unix_date(d) AS (CAST(d AS DATE) - DATE '1970-01-01')";
