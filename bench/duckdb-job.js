#!/usr/bin/env node
// The comparison job in DuckDB-WASM (issue 11), run by bench/analyze.js in its own process:
// RF matrix, NTILE RFM and monthly cohorts in SQL over the CSV, orders = rows sharing order_id.
// Usage: node bench/duckdb-job.js PEERS_DIR FILE   (PEERS_DIR holds node_modules/@duckdb/duckdb-wasm)
import { createRequire } from 'node:module';
import path from 'node:path';

const [peers, file] = process.argv.slice(2);
const require = createRequire(path.resolve(peers, 'package.json'));
const duckdb = require('@duckdb/duckdb-wasm/blocking');
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
const db = await duckdb.createDuckDB(
  {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  },
  new duckdb.VoidLogger(),
  duckdb.NODE_RUNTIME,
);
await db.instantiate(() => {});
db.registerFileURL('orders.csv', path.resolve(file), duckdb.DuckDBDataProtocol.NODE_FS, false);
const conn = db.connect();
const rows = (sql) => conn.query(sql).toArray().map((r) => r.toJSON());

// SPEC 4 as far as SQL says it simply: an order's date is its earliest row date, its net the sum;
// an order counts when net > 0; asOf = the latest counted order.
conn.query(`
  CREATE TABLE orders AS
  SELECT order_id, any_value(customer_id) AS customer, min(CAST(order_date AS DATE)) AS day, sum(amount) AS net
  FROM read_csv('orders.csv', header = true,
                columns = {order_id: 'VARCHAR', customer_id: 'VARCHAR', order_date: 'TIMESTAMP',
                           amount: 'DECIMAL(18,2)', country: 'VARCHAR', product: 'VARCHAR'})
  GROUP BY order_id`);
conn.query(`
  CREATE TABLE customers AS
  WITH latest AS (SELECT max(day) AS d FROM orders WHERE net > 0)
  SELECT customer, count(*) FILTER (WHERE net > 0) AS frequency, sum(net) AS monetary,
         (SELECT d FROM latest) - max(day) FILTER (WHERE net > 0) AS recency,
         min(day) FILTER (WHERE net > 0) AS first_day
  FROM orders GROUP BY customer HAVING count(*) FILTER (WHERE net > 0) > 0`);
const rf = rows(`
  SELECT CASE WHEN recency < 90 THEN 'active' WHEN recency <= 365 THEN 'churning' ELSE 'lapsed' END AS r,
         CASE WHEN frequency = 1 THEN 'single' WHEN frequency = 2 THEN 'multi' ELSE 'highValue' END AS f,
         count(*)::INTEGER AS customers, sum(monetary)::DOUBLE AS revenue
  FROM customers GROUP BY ALL ORDER BY ALL`);
const rfm = rows(`
  WITH s AS (SELECT NTILE(5) OVER (ORDER BY recency DESC) AS r, NTILE(5) OVER (ORDER BY frequency) AS f,
                    NTILE(5) OVER (ORDER BY monetary) AS m FROM customers)
  SELECT r, f, m, count(*)::INTEGER AS customers FROM s GROUP BY ALL ORDER BY ALL`);
const cohorts = rows(`
  SELECT strftime(date_trunc('month', c.first_day), '%Y-%m') AS cohort,
         datediff('month', date_trunc('month', c.first_day), date_trunc('month', o.day))::INTEGER AS k,
         count(DISTINCT o.customer)::INTEGER AS customers, sum(o.net)::DOUBLE AS revenue
  FROM orders o JOIN customers c USING (customer) WHERE o.net > 0 GROUP BY ALL ORDER BY ALL`);
const revenue = rf.reduce((sum, cell) => sum + cell.revenue, 0);
console.log(JSON.stringify({ rfCells: rf.length, rfmCells: rfm.length, cohortCells: cohorts.length, revenue: revenue.toFixed(2) }));
conn.close();
