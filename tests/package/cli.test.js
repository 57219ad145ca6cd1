// The npm CLI (wasm) and the native CLI print the same bytes and exit with the same codes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { fixture, nativeCli, runNative, runWasm, sampleShop } from './helpers.js';

// The columns the SQL needs named (the table has no header to detect them from).
const sqlColumns = ['--customer', 'Email', '--date', 'Created at', '--amount', 'Total'];

// Issue 14: a per-customer summary, as retention-kit sql writes one (with bad rows among them).
const summaryDir = mkdtempSync(join(tmpdir(), 'retention-kit-summary-'));
const customerSummary = join(summaryDir, 'customers.csv');
writeFileSync(customerSummary, 'customer,first_order,last_order,recency_days,frequency,monetary,order_days\n' +
  'ann,2023-01-10,2024-06-01,29,4,210.5,3\nbob,2024-06-30,2024-06-30,0,1,20,1\ncy,2022-03-03,2022-09-09,660,2,355.25,2\n' +
  'dee,2024-02-02,2024-06-06,24,3,39,3\neve,2024-05-01,2024-04-01,1,2,10,2\nfay,2024-01-01,2024-01-01,1,0,10,1\n');
after(() => rmSync(summaryDir, { recursive: true, force: true }));

const cases = {
  'a customer summary as JSON': ['analyze', customerSummary, '--json'],
  'a customer summary as text, format named': ['analyze', customerSummary, '--format', 'customers'],
  'generic fixture as JSON': ['analyze', fixture('generic-orders.csv'), '--json'],
  'sample shop as JSON': ['analyze', sampleShop, '--json'],
  'sample shop as text': ['analyze', sampleShop],
  'sample shop with options': ['analyze', sampleShop, '--json', '--as-of', '2024-06-30', '--customer', 'customer_id', '--order', 'order_id'],
  'predicted value flags': ['analyze', sampleShop, '--json', '--clv-model', 'pareto-nbd', '--calibration-end', '2024-06-30'],
  'a bad model name': ['analyze', sampleShop, '--clv-model', 'magic'],
  'options as JSON': ['analyze', sampleShop, '--json', '--options', '{"rfThresholds":{"activeBelowDays":30,"lapsedAboveDays":180}}'],
  'a segment rule table file': ['analyze', sampleShop, '--json', '--segments', fixture('segments.json')],
  'a segment rule table file, as text': ['analyze', sampleShop, '--segments', fixture('segments.json')],
  'churn-risk multipliers': ['analyze', sampleShop, '--json', '--options', '{"churnRisk":{"green":1,"amber":2}}'],
  'a rule table with a bad range': ['analyze', sampleShop, '--segments', fixture('segments-invalid.json')],
  'a rule table that is not JSON': ['analyze', sampleShop, '--segments', fixture('segments-broken.json')],
  'a missing rule table': ['analyze', sampleShop, '--segments', fixture('no-such-rules.json')],
  'an unknown segment to export': ['analyze', sampleShop, '--export-segment', 'VIP', '--out', join(tmpdir(), 'x.csv')],
  'an export without --out': ['analyze', sampleShop, '--export-segment', 'Lost'],
  'an export into a missing folder': ['analyze', sampleShop, '--export-segment', 'Lost', '--out', '/no/such/dir/x.csv'],
  'missing column': ['analyze', fixture('generic-orders.csv'), '--customer', 'nobody'],
  'missing file': ['analyze', fixture('does-not-exist.csv')],
  'bad as-of': ['analyze', sampleShop, '--as-of', 'tomorrow'],
  'unknown flag': ['analyze', sampleShop, '--frobnicate'],
  'no command': [],
  'an unknown command': ['analyse', sampleShop],
  'the version': ['--version'],
  'the overview': ['--help'],
  'the overview, short': ['-h'],
  'help for analyze': ['analyze', '--help'],
  'help for analyze after other flags': ['analyze', sampleShop, '--json', '-h'],
  'values after =': ['analyze', sampleShop, '--json', '--as-of=2024-06-30', '--customer=customer_id', '--clv-model=none'],
  'an empty value after =': ['analyze', sampleShop, '--customer='],
  'a value for a switch': ['analyze', sampleShop, '--json=yes'],
  'a flag without its value': ['analyze', sampleShop, '--as-of'],
  'grouped short flags': ['analyze', sampleShop, '-hx'],
  'a file name after --': ['analyze', '--json', '--', sampleShop],
  'two files': ['analyze', sampleShop, sampleShop],
  'a folder': ['analyze', fixture('.')],
  'a file that cannot be read': ['analyze', '/proc/self/mem'],
  'a folder as the rule table': ['analyze', sampleShop, '--segments', fixture('.')],
  'a segment to standard output': ['analyze', sampleShop, '--json', '--export-segment', 'Champions', '--out', '-'],
  'an RF cell to standard output, with =': ['analyze', sampleShop, '--export-segment=lapsed/single', '--out=-'],
  'sql for postgres, a schema table and an as-of': ['sql', ...sqlColumns, '--dialect', 'postgres', '--table', 'shop.orders', '--as-of', '2024-06-30'],
  'sql with the mapping flags and =': ['sql', '--dialect=spark', '--customer=Email', '--date', 'Created at', '--amount=Total', '--status', 'Financial Status'],
  'sql without the amount column': ['sql', '--dialect', 'duckdb', '--customer', 'Email', '--date', 'Created at'],
  'sql: flags win over --options': ['sql', '--options', '{"dialect":"bigquery","asOf":"2024-01-01","columns":{"customer":"a","date":"b","amount":"t"}}', '--as-of', '2024-06-30', '--customer', 'c'],
  'sql with a rule table file': ['sql', ...sqlColumns, '--dialect', 'duckdb', '--segments', fixture('segments.json')],
  'sql with a rule table that is not JSON': ['sql', ...sqlColumns, '--dialect', 'duckdb', '--segments', fixture('segments-broken.json')],
  'sql with a missing rule table': ['sql', ...sqlColumns, '--dialect', 'duckdb', '--segments', fixture('no-such-rules.json')],
  'sql with a bad dialect': ['sql', '--dialect', 'oracle'],
  'sql given a file': ['sql', '--dialect', 'duckdb', sampleShop],
  'sql with an analyze-only flag': ['sql', '--dialect', 'duckdb', '--json'],
  'sql with options that are not an object': ['sql', '--options', '[1]'],
  'help for sql': ['sql', '--dialect', 'duckdb', '--help'],
  'currency signs, a row longer than its header': ['analyze', fixture('currency-signs.csv'), '--json'],
  'rows of the generic fixture': ['rows', fixture('generic-orders.csv')],
  'rows with flags over --options': ['rows', fixture('generic-orders.csv'), '--options', '{"columns":{"customer":"nobody"}}', '--customer', 'customer_id'],
  'rows with a missing column': ['rows', fixture('generic-orders.csv'), '--customer', 'nobody'],
  'rows of two files': ['rows', sampleShop, sampleShop],
  'rows of no file': ['rows', '--format', 'csv'],
  'rows of a missing file': ['rows', fixture('does-not-exist.csv')],
  'rows of a folder': ['rows', fixture('.')],
  'rows of a file that cannot be read': ['rows', '/proc/self/mem'],
  'rows with a sql-only flag': ['rows', sampleShop, '--dialect', 'duckdb'],
  'a file name after -- for rows': ['rows', '--format=csv', '--', fixture('generic-orders.csv')],
};

describe('native CLI == wasm CLI', () => {
  for (const [name, args] of Object.entries(cases)) {
    test(name, () => {
      const native = runNative(args);
      const wasm = runWasm(args);
      assert.equal(wasm.stdout, native.stdout);
      assert.equal(wasm.stderr, native.stderr);
      assert.equal(wasm.status, native.status);
    });
  }

  test('standard input', () => {
    const input = readFileSync(fixture('generic-orders.csv'));
    const native = runNative(['analyze', '-', '--json'], input);
    const wasm = runWasm(['analyze', '-', '--json'], input);
    assert.equal(native.status, 0);
    assert.equal(wasm.stdout, native.stdout);
  });

  // The native CLI starts itself again with glibc's heap in huge pages where that applies
  // (src/cli/huge_pages.hpp): the same bytes either way, standard input passed on.
  test('with huge pages turned off', () => {
    const input = readFileSync(fixture('generic-orders.csv'));
    const off = spawnSync(nativeCli, ['analyze', '-', '--json'],
      { input, encoding: 'utf8', env: { ...process.env, RETENTION_KIT_HUGE_PAGES: '0' } });
    assert.equal(off.status, 0, off.stderr);
    assert.equal(off.stdout, runNative(['analyze', '-', '--json'], input).stdout);
  });
});

test('--export-segment writes the same CSV file from both CLIs, for RF cells and RFM segments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retention-kit-'));
  try {
    for (const segment of ['Champions', 'churning/highValue', 'Others', 'Best']) {
      const extra = segment === 'Best' ? ['--segments', fixture('segments.json')] : [];
      const native = runNative(['analyze', sampleShop, ...extra, '--export-segment', segment, '--out', join(dir, 'native.csv')]);
      const wasm = runWasm(['analyze', sampleShop, ...extra, '--export-segment', segment, '--out', join(dir, 'wasm.csv')]);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(wasm.stdout, native.stdout);
      const csv = readFileSync(join(dir, 'native.csv'));
      assert.deepEqual(readFileSync(join(dir, 'wasm.csv')), csv, segment);
      assert.match(csv.toString(), /^customer_id,first_order,last_order,recency_days,frequency,monetary,r,f,m,rf_cell,segment,churn_risk,p_alive,predicted_clv,expected_next_order\r\n/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--version prints the package version; a folder or unreadable file ends with one line and exit 1', () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(runWasm(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
  const folder = runWasm(['analyze', fixture('.')]);
  assert.equal(folder.status, 1);
  assert.equal(folder.stderr, `retention-kit: cannot open ${fixture('.')}: Is a directory\n`);
  const unreadable = runWasm(['analyze', '/proc/self/mem']);
  assert.equal(unreadable.status, 1);
  assert.equal(unreadable.stderr, 'retention-kit: cannot read /proc/self/mem: Input/output error\n');
});

test('--out - writes only the segment CSV to standard output', () => {
  const { status, stdout } = runWasm(['analyze', sampleShop, '--export-segment', 'Champions', '--out', '-']);
  assert.equal(status, 0);
  const lines = stdout.split('\r\n');
  assert.match(lines[0], /^customer_id,first_order,/);
  assert.ok(lines.length > 2 && lines.slice(1, -1).every((line) => line.includes(',Champions,')), 'every row is a Champion');
  assert.equal(lines.at(-1), '');
});

test('the CLI reports a fixture exactly and exits 0', () => {
  const { status, stdout } = runWasm(['analyze', fixture('generic-orders.csv'), '--json']);
  assert.equal(status, 0);
  const report = JSON.parse(stdout);
  assert.equal(report.summary.customers, 4);
  assert.equal(report.summary.revenue, 1165);
  assert.deepEqual(report.rfMatrix.customers, [[0, 2, 1], [0, 0, 0], [1, 0, 0]]);
});

test('a file that cannot be analysed exits 1 with one line naming the problem and the line', () => {
  const { status, stdout, stderr } = runWasm(['analyze', '-'], 'customer,date,amount\nc1,2024-01-01,1\n"c2,2024-01-02,3\n');
  assert.equal(status, 1);
  assert.equal(stdout, '');
  assert.equal(stderr, 'retention-kit: line 3: a quoted field starts here and is never closed\n');
});

// Issue 9: an explicit flag wins over the same setting in --options, whichever comes first, in both CLIs.
describe('explicit flags win over --options, in either order, in both CLIs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retention-kit-flags-'));
  const wide = join(dir, 'wide.csv');
  const header = ['cust', 'date', 'amt', 'ord', 'ref', 'qty', 'price', 'prod', 'stat', 'cur'].flatMap((c) => [`${c}_a`, `${c}_b`]);
  writeFileSync(
    wide,
    [
      [...header, 'country', 'channel'],
      ['c1', 'k1', '2024-01-05', '2024-01-06', '10', '11', 'o1', 'p1', '0', '1', '1', '2', '10', '5', 'Mug', 'Tea', 'paid', 'paid', 'USD', 'EUR', 'UK', 'web'],
      ['c2', 'k2', '2024-02-05', '2024-02-06', '20', '21', 'o2', 'p2', '0', '1', '1', '2', '20', '10', 'Jug', 'Pot', 'paid', 'paid', 'USD', 'EUR', 'DE', 'shop'],
      ['c1', 'k1', '2024-03-05', '2024-03-06', '30', '31', 'o3', 'p3', '0', '1', '1', '2', '30', '15', 'Mug', 'Cup', 'paid', 'paid', 'USD', 'EUR', 'UK', 'web'],
    ]
      .map((row) => row.join(','))
      .join('\n') + '\n',
  );
  const small = join(dir, 'small.csv');
  writeFileSync(small, 'customer,date,amount\nc1,03/04/2024,1.50\nc2,05/04/2024,2\nc1,06/04/2024,3\n');
  const broken = join(dir, 'broken.csv');
  writeFileSync(broken, 'customer,date,amount\nc1,2024-01-05,1.50\nc2,not a date,2\n');
  after(() => rmSync(dir, { recursive: true, force: true }));

  const named = { customer: 'cust', date: 'date', amount: 'amt', order: 'ord', refund: 'ref', quantity: 'qty', unitPrice: 'price', product: 'prod', status: 'stat', currency: 'cur' };
  const flagOf = (role) => `--${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const baseColumns = { customer: 'cust_a', date: 'date_a', amount: 'amt_a' };
  // [flag, its value, the --options object it overrides, the input, what the report shows when the flag won]
  const cases = [
    ...Object.entries(named).map(([role, column]) => [
      flagOf(role),
      `${column}_b`,
      { columns: { ...baseColumns, quantity: 'qty_a', unitPrice: 'price_a', [role]: `${column}_a` } },
      wide,
      (report) => assert.equal(report.columns[role], `${column}_b`),
    ]),
    ['--attributes', 'channel', { columns: { ...baseColumns, attributes: ['country'] } }, wide, (report) => assert.deepEqual(report.columns.attributes, ['channel'])],
    ['--as-of', '2024-05-31', { asOf: '2024-04-30' }, small, (report) => assert.equal(report.summary.asOf, '2024-05-31')],
    ['--format', 'csv', { format: 'json' }, small, (report) => assert.equal(report.dataQuality.format, 'csv')],
    ['--delimiter', ',', { delimiter: ';' }, small, (report) => assert.equal(report.dataQuality.delimiter, ',')],
    ['--decimal-separator', '.', { decimalSeparator: ',' }, small, (report) => assert.equal(report.dataQuality.decimalSeparator.value, '.')],
    ['--date-order', 'day-first', { dateOrder: 'month-first' }, small, (report) => assert.equal(report.dataQuality.dates.dayMonthOrder, 'day-first')],
    ['--clv-model', 'pareto-nbd', { clv: { model: 'bgnbd', horizonMonths: 6 } }, sampleShop, (report) => {
      assert.equal(report.model.model, 'pareto-nbd');
      assert.equal(report.model.horizonMonths, 6); // the rest of clv stays
    }],
    ['--calibration-end', '2024-03-31', { clv: { calibrationEnd: '2024-01-31', horizonMonths: 6 } }, sampleShop, (report) => {
      assert.equal(report.model.validation.calibrationEnd, '2024-03-31');
      assert.equal(report.model.horizonMonths, 6);
    }],
  ];
  for (const [flag, value, options, input, check] of cases) {
    test(`${flag} over --options`, () => {
      const orders = [
        ['analyze', input, '--json', flag, value, '--options', JSON.stringify(options)],
        ['analyze', input, '--json', '--options', JSON.stringify(options), flag, value],
      ];
      for (const args of orders) {
        const native = runNative(args);
        assert.equal(native.status, 0, `${args.join(' ')}: ${native.stderr}`);
        check(JSON.parse(native.stdout));
        const wasm = runWasm(args);
        assert.equal(wasm.stdout, native.stdout, args.join(' '));
        assert.equal(wasm.status, 0);
      }
    });
  }

  test('--strict over --options {"strict": false}', () => {
    for (const args of [
      ['analyze', broken, '--strict', '--options', '{"strict":false}'],
      ['analyze', broken, '--options', '{"strict":false}', '--strict'],
    ]) {
      const native = runNative(args);
      assert.equal(native.status, 1);
      assert.match(native.stderr, /strict mode/);
      const wasm = runWasm(args);
      assert.equal(wasm.stderr, native.stderr);
      assert.equal(wasm.status, 1);
    }
  });

  test('sql and rows: the flags win over --options as in analyze, in either order', () => {
    const options = JSON.stringify({ dialect: 'bigquery', table: 'a.b', asOf: '2024-01-01', columns: { customer: 'cust_a', date: 'date_a', amount: 'amt_a' } });
    for (const args of [
      ['sql', '--dialect', 'duckdb', '--as-of', '2024-05-31', '--amount', 'amt_b', '--options', options],
      ['sql', '--options', options, '--dialect', 'duckdb', '--as-of', '2024-05-31', '--amount', 'amt_b'],
    ]) {
      const native = runNative(args);
      assert.equal(native.status, 0, native.stderr);
      assert.match(native.stdout, /'2024-05-31'/); // the flag's day
      assert.doesNotMatch(native.stdout, /2024-01-01|`/); // not bigquery's backquotes, not the options' day
      assert.match(native.stdout, /"amt_b"/);
      assert.match(native.stdout, /"cust_a"/); // a column given only in --options stays
      assert.match(native.stdout, /"a"\."b"/);
      assert.equal(runWasm(args).stdout, native.stdout);
    }
    const rowsOptions = JSON.stringify({ columns: { customer: 'cust_a', date: 'date_a', amount: 'amt_a' } });
    for (const args of [
      ['rows', wide, '--amount', 'amt_b', '--options', rowsOptions],
      ['rows', wide, '--options', rowsOptions, '--amount=amt_b'],
    ]) {
      const native = runNative(args);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(native.stdout.split('\r\n')[1], 'c1,,2024-01-05,11,');
      assert.equal(runWasm(args).stdout, native.stdout);
    }
  });

  test('a setting only in --options stays, and --options that is not an object is still an error', () => {
    const args = ['analyze', small, '--json', '--options', '{"asOf":"2024-06-30","rfThresholds":{"activeBelowDays":30}}', '--date-order', 'day-first'];
    const native = runNative(args);
    assert.equal(native.status, 0, native.stderr);
    const report = JSON.parse(native.stdout);
    assert.equal(report.summary.asOf, '2024-06-30');
    assert.equal(report.rfMatrix.thresholds.activeBelowDays, 30);
    assert.equal(runWasm(args).stdout, native.stdout);
    for (const bad of [['--options', '[1]', '--as-of', '2024-06-30'], ['--options', '{"asOf":', '--as-of', '2024-06-30']]) {
      const n = runNative(['analyze', small, ...bad]);
      const w = runWasm(['analyze', small, ...bad]);
      assert.equal(n.status, 2);
      assert.equal(w.stderr, n.stderr);
      assert.equal(w.status, n.status);
    }
  });
});
