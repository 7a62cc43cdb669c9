// DuckDB side of bench/flights.sh: count route-days of a BTS-style Parquet
// file (flights per origin, destination and local day) and print the number
// of groups. Only the count: no coverage, no zero-filling, no anomaly scan.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node duckdb-count.mjs FILE.parquet');
  process.exit(2);
}
const start = performance.now();
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await db.connect();
// The groups are materialised inside DuckDB (a temporary table), not
// converted to JavaScript values: that keeps the comparison on the engine.
await conn.run(`CREATE TEMP TABLE rd AS
  SELECT origin, destination, CAST(date AS DATE) AS day, count(*) AS n
  FROM read_parquet('${file.replaceAll("'", "''")}')
  GROUP BY origin, destination, day`);
const reader = await conn.runAndReadAll(
  'SELECT count(*), count(DISTINCT (origin, destination)), sum(n) FROM rd');
const [[groups, routes, flights]] = reader.getRows();
console.log(`duckdb count: ${groups} route-days on ${routes} routes, ${flights} flights in ${Math.round(performance.now() - start)} ms`);
