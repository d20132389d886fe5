import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExchangeError } from '../../../functions/domain/errors';
import { DuckDBConnection } from '@duckdb/node-api';
import { DuckDbEngine } from '../../../functions/rows/duckdb-engine';
import { checkSql } from '../../../functions/rows/sql-check';

/**
 * The read-only SQL check on DuckDB's own parser: every statement of the hostile file is refused
 * with a reason, and the everyday statements a developer writes pass (so the check is not simply
 * refusing everything).
 */
const root = mkdtempSync(join(tmpdir(), 'ldx-sql-check-'));
let engine: DuckDbEngine;
beforeAll(async () => {
  mkdirSync(join(root, 'spill'));
  engine = await DuckDbEngine.open({ directory: root, spillDirectory: join(root, 'spill'), memoryLimit: '256MB', threads: 1 });
});
afterAll(() => {
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

const readings = { has: (name: string) => name === 'readings', described: ['"readings"'] };
const hostile = JSON.parse(readFileSync(join(__dirname, '../../fixtures/hostile-sql/statements.json'), 'utf8')) as Array<{ why: string; sql: string }>;
const REASONS = [
  'not_a_single_select',
  'too_long',
  'table_not_allowed',
  'qualified_name',
  'table_function',
  'function_not_allowed',
  'recursive_query',
  'parameter',
  'unsupported_syntax',
];

it('the hostile file holds at least 100 statements', () => {
  expect(hostile.length).toBeGreaterThanOrEqual(100);
});

it.each(hostile.map((entry, i) => [i, entry.why, entry.sql]))('refuses hostile statement %i (%s): %s', async (_i, _why, sql) => {
  const refused = await checkSql(engine, sql as string, readings).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(refused instanceof ExchangeError)) throw refused;
  expect(refused).toBeInstanceOf(ExchangeError);
  const error = refused as ExchangeError;
  expect(error.code).toBe('bad_request');
  expect(REASONS).toContain(error.details?.reason);
  expect(error.message.length).toBeGreaterThan(20);
});

it.each([
  'SELECT * FROM readings',
  'select site, value from READINGS where value > 10 order by value desc limit 5',
  'SELECT borough, avg(value) AS mean, max(value), count(*) FROM readings GROUP BY borough ORDER BY mean DESC',
  "SELECT date_trunc('month', day) AS month, count(*) FROM readings GROUP BY ALL ORDER BY 1",
  'WITH top AS (SELECT site, value FROM readings ORDER BY value DESC LIMIT 10) SELECT * FROM top',
  'WITH readings AS (SELECT * FROM readings WHERE value > 1) SELECT count(*) FROM readings',
  'WITH a AS (SELECT * FROM readings), b AS (SELECT site FROM a) SELECT * FROM b JOIN a USING (site)',
  'SELECT site, value, rank() OVER (PARTITION BY borough ORDER BY value DESC) AS r FROM readings QUALIFY r <= 3',
  'SELECT a.site FROM readings a JOIN readings b ON a.site = b.site WHERE b.value IS NULL',
  'SELECT site FROM readings UNION SELECT borough FROM readings',
  "SELECT lower(site) || '-' || upper(borough), coalesce(value, 0)::INTEGER, round(value, 1), CASE WHEN value > 5 THEN 'high' ELSE 'low' END FROM readings",
  "SELECT * FROM readings WHERE site LIKE 'S%' AND value BETWEEN 1 AND 10 AND borough IN ('Camden', 'Hackney')",
  "SELECT count(DISTINCT site), list(site ORDER BY site)[1:3], string_agg(site, ',') FROM readings",
  'SELECT 1 AS one',
  'SELECT * FROM readings -- a trailing comment',
  'SELECT * FROM readings;',
])('allows %s', async (sql) => {
  const checked = await checkSql(engine, sql, readings);
  expect(checked.canonical).not.toContain('--');
  expect([...checked.tables].every((name) => name === 'readings')).toBe(true);
});

describe('the engine a checked statement runs in', () => {
  it('interrupts a statement past its time with the 504 error', async () => {
    const slow = engine.queryAtMost('SELECT count(*) FROM range(100000000000) a, range(10) b', [], 50, 10).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(await slow).toMatchObject({ code: 'query_timeout' });
  });

  it('reads at most the rows asked for', async () => {
    const reader = await engine.queryAtMost('SELECT * FROM range(1000000)', [], 5_000, 10);
    expect(reader.currentRowCount).toBeLessThan(1000000);
    expect(reader.currentRowCount).toBeGreaterThanOrEqual(10);
  });

  it('refuses files and settings even if a statement reached it unchecked (defence in depth)', async () => {
    for (const sql of ["SELECT * FROM read_csv('/etc/passwd')", "SELECT * FROM glob('/etc/*')", 'SET enable_external_access = true']) {
      const refused = await engine.queryAtMost(sql, [], 5_000, 10).then(
        () => 'ran',
        (error: unknown) => String((error as { message?: unknown }).message),
      );
      expect(refused).toMatch(/Permission Error|disabled|locked|Invalid Input/i);
    }
  });
});

describe('a statement sent again', () => {
  it('is not parsed again, and is still checked against the tables of each request', async () => {
    const sql = 'SELECT site, count(*) FROM readings GROUP BY site /* sent again */';
    await checkSql(engine, sql, readings);
    const query = jest.spyOn(engine, 'query');
    try {
      const again = await checkSql(engine, sql, readings);
      expect(again.tables).toEqual(new Set(['readings']));
      expect(query).not.toHaveBeenCalled();
      const elsewhere = { has: (name: string) => name === 'other', described: ['"other"'] };
      await expect(checkSql(engine, sql, elsewhere)).rejects.toMatchObject({ details: { reason: 'table_not_allowed' } });
      for (let i = 0; i < 2; i++)
        await expect(checkSql(engine, 'SELECT 1; DROP TABLE x', readings)).rejects.toMatchObject({ details: { reason: 'not_a_single_select' } });
      expect(query.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      query.mockRestore();
    }
  });

  it('a timeout leaves no broken connection behind for the next query', async () => {
    for (let i = 0; i < 3; i++) {
      await expect(engine.query('SELECT count(*) FROM range(100000000000) a, range(10) b', [], 30)).rejects.toMatchObject({ code: 'query_timeout' });
      const reader = await engine.query('SELECT 42 AS n', [], 5_000);
      expect(reader.getRowObjectsJson()).toEqual([{ n: 42 }]);
    }
  });
});

describe('a query past its deadline', () => {
  // DuckDB forgets an interrupt that lands before the query has begun on its worker thread; a
  // deadline of 0 ms passes before that, so the engine must interrupt again until the query stops.
  it('is stopped even when the deadline passes before the query has begun', async () => {
    for (let i = 0; i < 5; i++) {
      await expect(engine.query('SELECT count(*) FROM range(100000000000) a, range(10) b', [], 0)).rejects.toMatchObject({ code: 'query_timeout' });
      await expect(engine.queryAtMost('SELECT count(*) FROM range(100000000000) a, range(10) b', [], 0, 10)).rejects.toMatchObject({
        code: 'query_timeout',
      });
    }
  });
});

describe('a statement run again in the engine', () => {
  const rows = async (sql: string, maxRows = 100) => (await engine.queryAtMost(sql, [], 5_000, maxRows)).getRowsJson();

  it('is planned once and runs from its kept plan, each time over the data as it is', async () => {
    await engine.run('CREATE TABLE kept_plan AS SELECT i AS n FROM range(5) t(i)');
    const prepare = jest.spyOn(DuckDBConnection.prototype, 'prepare');
    try {
      const sql = 'SELECT n, now() AS at FROM kept_plan WHERE n >= 3 ORDER BY n';
      const first = await rows(sql);
      expect(first.map(([n]) => n)).toEqual(['3', '4']);
      // Another table created in between changes the catalogue: DuckDB re-plans as needed, the text is not prepared again.
      await engine.run('CREATE TABLE kept_plan_other AS SELECT 1 AS x');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await rows(sql);
      expect(second.map(([n]) => n)).toEqual(['3', '4']);
      expect(second[0][1]).not.toEqual(first[0][1]); // evaluated when it runs, not when it was planned
      expect(prepare).toHaveBeenCalledTimes(1);
      await engine.run('DROP TABLE kept_plan');
      await engine.run('CREATE TABLE kept_plan AS SELECT i + 10 AS n FROM range(5) t(i)');
      expect((await rows(sql)).map(([n]) => n)).toEqual(['10', '11', '12', '13', '14']);
      await rows('SELECT 2 AS other_text');
      expect(prepare).toHaveBeenCalledTimes(2);
    } finally {
      prepare.mockRestore();
    }
  });

  it('is planned again after a result cut short (its connection is not kept) and after an error', async () => {
    const prepare = jest.spyOn(DuckDBConnection.prototype, 'prepare');
    try {
      const long = 'SELECT * FROM range(100000) t(i)';
      for (let i = 0; i < 2; i++) expect((await engine.queryAtMost(long, [], 5_000, 10)).done).toBe(false);
      expect(prepare).toHaveBeenCalledTimes(2);
      const failing = "SELECT CAST('x' || i AS INTEGER) FROM range(3) t(i)";
      for (let i = 0; i < 2; i++) await expect(rows(failing)).rejects.toThrow(/Conversion Error/);
      expect(prepare).toHaveBeenCalledTimes(4);
    } finally {
      prepare.mockRestore();
    }
  });
});

/**
 * Read-only SQL runs on pooled connections (duckdb-engine.ts keeps them, with their prepared
 * statements, for the next statement, whoever sends it). A function that changes its
 * connection's state would carry over to another caller's statement: setseed fixes what
 * random() (and so `ORDER BY random()` sampling) gives the next caller on that connection.
 */
describe('functions that change the pooled connection', () => {
  it('refuses setseed, which would carry over to the next statement on the pooled connection', async () => {
    await expect(checkSql(engine, 'SELECT setseed(0.42)', readings)).rejects.toMatchObject({
      code: 'bad_request',
      details: { reason: 'function_not_allowed' },
    });
    await expect(checkSql(engine, 'SELECT value FROM readings ORDER BY setseed(0.1), random()', readings)).rejects.toMatchObject({
      details: { reason: 'function_not_allowed' },
    });
  });

  it('refuses write_log, which would write to the process’s log', async () => {
    await expect(checkSql(engine, "SELECT write_log('a line', level := 'error') FROM readings", readings)).rejects.toMatchObject({
      details: { reason: 'function_not_allowed' },
    });
  });

  it('still allows random() itself', async () => {
    await expect(checkSql(engine, 'SELECT value FROM readings ORDER BY random() LIMIT 5', readings)).resolves.toMatchObject({ tables: new Set(['readings']) });
  });
});
