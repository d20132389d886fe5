import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExchangeError } from '../../../functions/domain/errors';
import { athenaStatement } from '../../../functions/rows/athena-statement';
import { DuckDbEngine } from '../../../functions/rows/duckdb-engine';
import { checkSql, MAX_SQL_CHARS } from '../../../functions/rows/sql-check';
import { SqlRefused } from '../../../functions/rows/sql-guard';

/**
 * Read-only SQL written in Athena's (Trino's) dialect from the checked syntax tree. Athena does
 * not run here, so: the text is compared where its spelling matters (Trino's own rules: OFFSET
 * before LIMIT, null order written out, count(*), LIKE, number division), what does not carry
 * is refused with the reason, and the written statements that are also standard SQL are run in
 * DuckDB beside the original over the same rows, which must give the same answer.
 */
const root = mkdtempSync(join(tmpdir(), 'ldx-athena-statement-'));
let engine: DuckDbEngine;
beforeAll(async () => {
  mkdirSync(join(root, 'spill'));
  engine = await DuckDbEngine.open({ directory: root, spillDirectory: join(root, 'spill'), memoryLimit: '256MB', threads: 1 });
  // The version as the client sees it, and its Glue table (lower-cased names, the row number under its own name).
  const rows = Array.from({ length: 40 }, (_, i) => {
    const value = i % 9 === 0 ? 'NULL' : String(((i * 37) % 50) / 4);
    return `(${i + 1}, 'S${i % 6}', '${['Camden', 'Hackney', 'Barnet'][i % 3]}', ${value}, DATE '2024-01-01' + ${i * 11})`;
  });
  await engine.run(`CREATE TABLE readings AS SELECT * FROM (VALUES ${rows.join(', ')}) AS v(_id, site, "Borough", value, day)`);
  await engine.run('CREATE SCHEMA ldx_published');
  await engine.run(
    'CREATE TABLE ldx_published.r_readings_v1 AS SELECT _id AS __ldx_row, site, "Borough" AS borough, value, day FROM readings ORDER BY random()',
  );
});
afterAll(() => {
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

const readings = { has: (name: string) => name === 'readings', described: ['"readings"'] };
const TABLE = {
  name: 'readings',
  relation: '"ldx_published"."r_readings_v1"',
  columns: [
    { glue: '__ldx_row', name: '_id' },
    { glue: 'site', name: 'site' },
    { glue: 'borough', name: 'Borough' },
    { glue: 'value', name: 'value' },
    { glue: 'day', name: 'day' },
  ],
};
const CTE =
  'WITH "readings" AS (SELECT "__ldx_row" AS "_id", "site" AS "site", "borough" AS "Borough", "value" AS "value", "day" AS "day" FROM "ldx_published"."r_readings_v1")';

const toAthena = async (sql: string, maxRows = 100) => athenaStatement((await checkSql(engine, sql, readings)).statement, [TABLE], maxRows);

const refusal = async (sql: string): Promise<SqlRefused> => {
  const error = await toAthena(sql).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SqlRefused)) throw new Error(`not refused for Athena: ${sql} (${String(error)})`);
  return error;
};

it("writes Trino's spelling: count(*), LIKE, number division, null order written out, OFFSET before LIMIT, the row cap outside", async () => {
  expect(
    await toAthena("select Borough, count(*) AS n, sum(value) / 2 from readings where site like 'S%' group by Borough order by n desc limit 5 offset 1"),
  ).toBe(
    `${CTE} SELECT * FROM (SELECT "Borough", count(*) AS "n", (CAST(sum("value") AS DOUBLE) / 2) FROM "readings" WHERE ("site" LIKE 'S%') GROUP BY "Borough" ORDER BY "n" DESC NULLS LAST OFFSET 1 LIMIT 5) AS "sql_result" LIMIT 100`,
  );
  expect(await toAthena("SELECT true, 'it''s', 1.50, -3, 2e3, DATE '2024-01-01', value::INTEGER FROM readings", 7)).toBe(
    `${CTE} SELECT * FROM (SELECT TRUE, 'it''s', 1.50, -3, 2000.0, CAST('2024-01-01' AS DATE), CAST("value" AS INTEGER) FROM "readings") AS "sql_result" LIMIT 7`,
  );
});

it('keeps WITH queries in Trino’s scope, and quotes every name it writes', async () => {
  expect(await toAthena('WITH a AS (SELECT * FROM readings), b AS (SELECT "site""x" FROM a) SELECT * FROM b')).toBe(
    `${CTE} SELECT * FROM (WITH "a" AS (SELECT * FROM "readings"), "b" AS (SELECT "site""x" FROM "a") SELECT * FROM "b") AS "sql_result" LIMIT 100`,
  );
});

it.each([
  ['GROUP BY ALL', 'SELECT site, count(*) FROM readings GROUP BY ALL'],
  ['QUALIFY', 'SELECT site, rank() OVER (ORDER BY value) AS r FROM readings QUALIFY r = 1'],
  ['a DuckDB-only function', "SELECT list(site), string_agg(site, ',') FROM readings"],
  ['concat, which treats empty values differently', "SELECT concat(site, 'x') FROM readings"],
  ['greatest, which treats empty values differently', 'SELECT greatest(value, 1) FROM readings'],
  ['a list literal', 'SELECT [1, 2, 3]'],
  ['a struct literal', "SELECT {'a': 1}"],
  ['* EXCLUDE', 'SELECT * EXCLUDE (site) FROM readings'],
  ['COLUMNS(*)', 'SELECT max(COLUMNS(*)) FROM readings'],
  ['ROLLUP', 'SELECT site, count(*) FROM readings GROUP BY ROLLUP (site)'],
  ['DISTINCT ON', 'SELECT DISTINCT ON (site) site, value FROM readings'],
  ['a window frame', 'SELECT sum(value) OVER (ORDER BY _id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM readings'],
  ['NATURAL JOIN', 'SELECT * FROM readings NATURAL JOIN readings r'],
  ['a lambda', 'SELECT list_transform([1, 2], x -> x + 1)'],
  ['a day of week numbered differently', 'SELECT dayofweek(day) FROM readings'],
  ['integer division', 'SELECT value // 2 FROM readings'],
  ['an interval', 'SELECT day + INTERVAL 1 DAY FROM readings'],
  ['a WITH inside a UNION', 'SELECT 1 UNION ALL (WITH x AS (SELECT 2) SELECT * FROM x)'],
  ['VALUES', 'SELECT * FROM (VALUES (1), (2)) AS v(a)'],
  ['USING SAMPLE', 'SELECT * FROM readings USING SAMPLE 10%'],
])('refuses what does not carry to Athena: %s', async (_what, sql) => {
  const refused = await refusal(sql);
  expect(refused.reason).toBe('not_in_athena');
  expect(refused.message).toMatch(/queried through Athena/);
});

it('still refuses through the guard first what no engine may run', async () => {
  for (const sql of ["SELECT * FROM read_csv('/etc/passwd')", 'WITH a AS (SELECT * FROM pg_tables), pg_tables AS (SELECT 1) SELECT * FROM a']) {
    await expect(toAthena(sql)).rejects.toBeInstanceOf(ExchangeError);
  }
});

it.each([
  "SELECT site, count(*) AS n, avg(value) AS mean FROM readings WHERE Borough = 'Camden' GROUP BY site ORDER BY n DESC, site LIMIT 5",
  'SELECT * FROM readings ORDER BY value DESC, _id LIMIT 4 OFFSET 2',
  'SELECT _id, value FROM readings ORDER BY value ASC NULLS FIRST, _id LIMIT 6',
  'WITH top AS (SELECT site, value FROM readings WHERE value IS NOT NULL ORDER BY value DESC, site LIMIT 3) SELECT t.site, r.Borough FROM top t JOIN readings r ON t.site = r.site AND t.value = r.value ORDER BY 1, 2',
  "SELECT extract(year FROM day) AS y, date_trunc('month', day) AS m, count(DISTINCT site) FILTER (WHERE value > 1) AS c FROM readings GROUP BY 1, 2 ORDER BY 1, 2",
  "SELECT site, value / 2 AS half, CASE WHEN value BETWEEN 1 AND 3 THEN 'low' ELSE 'high' END AS band, row_number() OVER (PARTITION BY Borough ORDER BY value DESC, _id) AS r FROM readings WHERE site LIKE 'S%' AND Borough IN ('Camden', 'Hackney') ORDER BY site, r, half",
  "SELECT Borough FROM readings WHERE value > (SELECT avg(value) FROM readings) UNION SELECT 'x' ORDER BY 1",
  'SELECT count(*) FROM readings WHERE site IN (SELECT site FROM readings WHERE value > 2) AND NOT EXISTS (SELECT 1 FROM readings WHERE value < 0)',
  "SELECT true AS t, NULL AS n, 1.25 AS d, -3 AS i, 'it''s' AS s, CAST(value AS INTEGER) AS vi, coalesce(value, 0) AS c, lower(Borough) || '-' || site AS k FROM readings ORDER BY _id LIMIT 3",
  'SELECT a.site, count(*) FROM readings a LEFT JOIN readings b ON a._id = b._id + 1 WHERE b.value IS NULL OR a.value <> b.value GROUP BY a.site HAVING count(*) > 1 ORDER BY 1',
  "SELECT min(day), max(value), round(avg(value), 2), stddev(value) > 0, count(*) FILTER (WHERE Borough ILIKE 'camden') FROM readings",
  "SELECT site FROM readings EXCEPT SELECT site FROM readings WHERE Borough = 'Camden' ORDER BY site",
])('gives the same answer as the original statement: %s', async (sql) => {
  const checked = await checkSql(engine, sql, readings);
  const original = (await engine.query(checked.canonical, [], 5_000)).getRowsJson();
  const written = athenaStatement(checked.statement, [TABLE], 1_000);
  const carried = (await engine.query(written, [], 5_000)).getRowsJson();
  expect(carried).toEqual(original);
  expect(original.length).toBeGreaterThan(0);
});

/** DuckDB's own parse of a text, as the guard receives it, or undefined when it is not one statement. */
const parsedAlone = async (sql: string): Promise<unknown> => {
  const result = await engine.query('SELECT json_serialize_sql(CAST(? AS VARCHAR)) AS ast', [{ sqlType: 'VARCHAR', value: sql }], 5_000);
  const parsed = JSON.parse(String(result.getRows()[0][0])) as { error?: boolean; statements?: unknown[] };
  return !parsed.error && parsed.statements?.length === 1 ? parsed.statements[0] : undefined;
};

it('refuses on its own, without the guard before it, every hostile statement DuckDB parses (defence in depth for Athena)', async () => {
  const hostile = JSON.parse(readFileSync(join(__dirname, '../../fixtures/hostile-sql/statements.json'), 'utf8')) as Array<{ why: string; sql: string }>;
  let parsed = 0;
  const carried: string[] = [];
  for (const { sql } of hostile) {
    if (sql.length > MAX_SQL_CHARS || sql.includes('\u0000')) continue;
    const statement = await parsedAlone(sql);
    if (!statement) continue;
    parsed++;
    try {
      athenaStatement(statement, [TABLE], 100);
      carried.push(sql);
    } catch (error) {
      if (!(error instanceof SqlRefused)) throw error;
    }
  }
  expect(parsed).toBeGreaterThan(100);
  expect(carried).toEqual([]);
});
