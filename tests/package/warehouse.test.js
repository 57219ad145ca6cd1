// Issue 14: the generated SQL, executed on real DuckDB and PostgreSQL 15 and (through sqlglot) for
// Spark SQL and BigQuery, gives the engine's per-customer table, RF matrix and segments, row for row.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createEngine } from '../../web/lib/node.js';
import { generateShop } from './generate-shop.js';
import { assertSameAnswers, csvOf } from './summary.js';
import { fixture, runNative, runWasm, sampleShop } from './helpers.js';
import {
  CUSTOMER_FIELDS, customersFrom, duckOrdersTable, engineCustomers, engineSummaries, openDuckDb, parseCsv,
  DUCKDB_UNIX_DATE, readWithSqlglot, splitResults, startPostgres, summaryFrom,
} from './warehouse.js';

// Every order file among the fixtures (the segments*.json files are rule tables).
const FIXTURES = readdirSync(fixture('.')).filter((name) => /\.(csv|json|ndjson)$/.test(name) && !name.startsWith('segments'));
const COLUMNS = { customer: 'customer', order: 'order', date: 'date', amount: 'amount', status: 'status' };
const DATE_TYPES = ['DATE', 'TIMESTAMP', 'VARCHAR'];
const SQL_HEADERS = [['rf_cell', 'customers', 'revenue'], ['segment', 'customers', 'revenue'],
  [...CUSTOMER_FIELDS, 'order_days', 'btyd_x', 'btyd_t_x', 'btyd_t', 'counted_revenue', 'repeat_revenue']];

let engine;
let work;
const cases = []; // {name, csvPath, options, report, input}

// `input` is what the engine analyses (the fixture itself); `csvText` the table the databases load.
async function addCase(name, csvText, options = {}, input = csvText) {
  const csvPath = join(work, `${cases.length}.csv`);
  writeFileSync(csvPath, csvText);
  const report = await engine.analyze(input, { ...options, clv: { model: 'none' } });
  cases.push({ name, csvPath, options, report, input, dateType: DATE_TYPES[cases.length % DATE_TYPES.length] });
}

// The script's last three results against the engine's report.
function checkResults(c, [rf, segments, customers], where) {
  const expected = engineSummaries(c.report);
  assert.deepEqual(summaryFrom(rf), expected.rf, `${where}: RF matrix of ${c.name}`);
  assert.deepEqual(summaryFrom(segments), expected.segments, `${where}: segments of ${c.name}`);
  const mine = engineCustomers(c.report);
  const theirs = customersFrom(customers);
  assert.equal(theirs.size, mine.size, `${where}: customers of ${c.name}`);
  for (const [id, row] of mine) assert.deepEqual(theirs.get(id), row, `${where}: customer ${id} of ${c.name}`);
}

before(async () => {
  engine = await createEngine();
  work = mkdtempSync(join(tmpdir(), 'retention-sql-'));
  for (const name of FIXTURES) {
    const bytes = readFileSync(fixture(name));
    await addCase(name, await engine.rows(bytes), {}, bytes);
  }
  const sample = readFileSync(sampleShop);
  await addCase('the sample shop', await engine.rows(sample), {}, sample);
  const shop = generateShop(100000);
  await addCase('100k-customer shop', shop);
  // Options that change the SQL (an asOf literal, other thresholds) on a smaller shop: CI time.
  await addCase('10k-customer shop, asOf 2023-06-30, other thresholds', generateShop(10000, 7), {
    asOf: '2023-06-30',
    rfThresholds: { activeBelowDays: 60, lapsedAboveDays: 400, multiOrders: 3, highValueOrders: 5 },
  });
});

after(() => rmSync(work, { recursive: true, force: true }));

async function sqlFor(dialect, options) {
  return engine.sql({ dialect, columns: COLUMNS, ...options });
}

describe('the warehouse SQL, executed', () => {
  test('DuckDB gives the engine\'s per-customer table, RF matrix and segments for every fixture and a 100k shop', async () => {
    const db = await openDuckDb();
    try {
      for (const c of cases) {
        await db.run(duckOrdersTable(c.csvPath, c.dateType));
        const results = await db.script(await sqlFor('duckdb', c.options));
        checkResults(c, results.slice(-3), 'DuckDB');
      }
    } finally {
      db.close();
    }
  });

  test('PostgreSQL 15 gives the same, on a server started for the test', async () => {
    const pg = await startPostgres();
    try {
      for (const c of cases) {
        const dateType = c.dateType === 'VARCHAR' ? 'TEXT' : c.dateType;
        const load = `DROP TABLE IF EXISTS orders;
CREATE TABLE orders (customer TEXT, "order" TEXT, date ${dateType}, amount NUMERIC(18, 6), status TEXT);
\\copy orders FROM '${c.csvPath}' WITH (FORMAT csv, HEADER true)
`;
        const records = pg.script(load + (await sqlFor('postgres', c.options)));
        checkResults(c, splitResults(records, SQL_HEADERS), 'PostgreSQL');
      }
    } finally {
      pg.stop();
    }
  });

  // Issue 14's acceptance: the engine fed the per-customer summary that the SQL produced gives the same
  // RF matrix, segments, Pareto and model parameters as the engine fed the orders.
  test('the summary DuckDB computes, fed back with format customers, gives the answers of the orders', async () => {
    const db = await openDuckDb();
    try {
      for (const c of cases) {
        if (c.name.startsWith('100k')) continue;  // fitting the models twice on 100k customers: CI time
        await db.run(duckOrdersTable(c.csvPath, c.dateType));
        const results = await db.script(await sqlFor('duckdb', c.options));
        const summary = csvOf(SQL_HEADERS[2], results.at(-1));
        const options = { ...c.options, asOf: c.report.summary.asOf };
        const fromOrders = await engine.analyze(c.input, options);
        const fromSummary = await engine.analyze(summary, { ...options, format: 'customers' });
        assertSameAnswers(fromSummary, fromOrders, { name: c.name, model: true, spend: true });
      }
    } finally {
      db.close();
    }
  });

  for (const dialect of ['spark', 'bigquery']) {
    test(`${dialect} SQL parses with sqlglot and, transpiled to DuckDB, gives the same`, async () => {
      const db = await openDuckDb();
      try {
        await db.run(DUCKDB_UNIX_DATE);
        const scripts = new Map();
        for (const c of cases) {
          const key = JSON.stringify(c.options);
          if (!scripts.has(key)) {
            const { statements } = readWithSqlglot(dialect, await sqlFor(dialect, c.options));
            scripts.set(key, statements.join(';\n'));
          }
          await db.run(duckOrdersTable(c.csvPath, c.dateType));
          const results = await db.script(scripts.get(key));
          checkResults(c, results.slice(-3), `${dialect} via sqlglot`);
        }
      } finally {
        db.close();
      }
    });
  }
});

// A hostile column name, status value and segment name: valid SQL that treats them as data.
describe('hostile names and values in the options', () => {
  const HOSTILE_COLUMN = 'x"; DROP TABLE orders; --';
  const HOSTILE_STATUS = "paid'); DROP TABLE orders; --";
  const HOSTILE_SEGMENT = "Bob's \"best\"; DROP TABLE orders; --";
  const quoted = (text) => `"${text.replaceAll('"', '""')}"`;
  const rows = [
    ['ann', 'A1', '2024-01-05', '100.10', '', 'paid'],
    ['ann', 'A2', '2024-03-01', '40.00', '15.05', 'paid'],
    ['ann', 'A3', '2024-03-02', '9.99', '', HOSTILE_STATUS],
    ['bob', 'B1', '2023-02-01', '20.00', '20.00', 'paid'],
    ['bob', 'B2', '2023-05-01', '55.55', '', 'Pending'],
    ['bob', 'B3', '2023-06-01', '70.00', '', 'paid'],
    ['cy', 'C1', '2024-02-29', '12.34', '', HOSTILE_STATUS],
    ['cy', 'C2', '2024-02-29', '1.00', '', 'paid'],
  ];
  const header = [HOSTILE_COLUMN, 'order', 'date', 'amount', 'refund', 'status'];
  const csv = (list) => `${[header, ...list].map((r) => r.map((v) => (v === '' ? '' : quoted(v))).join(',')).join('\n')}\n`;
  const columns = { customer: HOSTILE_COLUMN, order: 'order', date: 'date', amount: 'amount', refund: 'refund', status: 'status' };
  const segments = [{ name: HOSTILE_SEGMENT, r: [3, 5], f: [1, 5], m: [1, 5] }];
  const request = { columns, segments, excludedStatuses: [HOSTILE_STATUS, 'pending'] };
  let c;

  before(async () => {
    const csvPath = join(work, 'hostile.csv');
    writeFileSync(csvPath, csv(rows));
    // The engine has no option for other statuses: it is fed the rows without the hostile one.
    const report = await engine.analyze(csv(rows.filter((r) => r[5] !== HOSTILE_STATUS)), { columns, segments, clv: { model: 'none' } });
    c = { name: 'hostile', csvPath, report };
  });

  test('DuckDB runs it, excludes the hostile status, names the segment, and the table is still there', async () => {
    const db = await openDuckDb();
    try {
      const cols = header.map(quoted);
      await db.run(`CREATE TABLE orders AS SELECT ${cols[0]}, ${cols[1]}, CAST("date" AS DATE) AS "date",
        CAST(amount AS DECIMAL(10, 2)) AS amount, CAST(refund AS DECIMAL(10, 2)) AS refund, status
        FROM read_csv('${c.csvPath}', header = true, all_varchar = true)`);
      const results = await db.script(await engine.sql({ dialect: 'duckdb', ...request }));
      checkResults(c, results.slice(-3), 'DuckDB');
      assert.ok(results.at(-1).some((row) => row[10] === HOSTILE_SEGMENT));
      assert.deepEqual(await db.script('SELECT COUNT(*) FROM orders'), [[['8']]]);
    } finally {
      db.close();
    }
  });

  test('PostgreSQL runs it the same way', async () => {
    const pg = await startPostgres();
    try {
      const load = `CREATE TABLE orders (${quoted(HOSTILE_COLUMN)} TEXT, "order" TEXT, date DATE, amount NUMERIC(10, 2),
  refund NUMERIC(10, 2), status TEXT);
\\copy orders FROM '${c.csvPath}' WITH (FORMAT csv, HEADER true)
`;
      const records = pg.script(load + (await engine.sql({ dialect: 'postgres', ...request })) + 'SELECT COUNT(*) AS left_rows FROM orders;\n');
      assert.deepEqual(records.slice(-2), [['left_rows'], ['8']]);
      checkResults(c, splitResults(records.slice(0, -2), SQL_HEADERS), 'PostgreSQL');
    } finally {
      pg.stop();
    }
  });

  for (const dialect of ['spark', 'bigquery']) {
    test(`${dialect}: sqlglot reads four statements, the column as one name and no DROP`, async () => {
      const { parsed } = readWithSqlglot(dialect, await engine.sql({ dialect, ...request }));
      assert.deepEqual(parsed.map((p) => p.kind), ['create', 'select', 'select', 'select']);
      assert.ok(parsed[0].columns.includes(HOSTILE_COLUMN), JSON.stringify(parsed[0].columns));
    });
  }
});
