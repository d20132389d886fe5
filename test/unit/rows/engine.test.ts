import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ExchangeError } from '../../../functions/domain/errors';
import type { ObjectStore } from '../../../functions/storage/object-store';
import { cacheBudget } from '../../../functions/rows/cache-budget';
import { queryableColumns } from '../../../functions/rows/columns';
import { DuckDbEngine } from '../../../functions/rows/duckdb-engine';
import { duckDbPageSql } from '../../../functions/rows/duckdb-sql';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import { continuePlan, planQuery } from '../../../functions/rows/plan';
import { ROW_ID, type RowRequest, type SortRequest } from '../../../functions/rows/query-model';
import { readPageRows } from '../../../functions/rows/page-rows';
import { jsonRows } from '../../../functions/rows/render-values';
import { VersionCache } from '../../../functions/rows/version-cache';

/** Versions loaded into memory before they answer (file-first serving has its own test in engine.test.ts). */
const loadFirst = () => ({ ...cacheBudget(), fileFirst: false });

/** The engine on real Parquet: keyset paging against an independent sort, the sandbox, timeouts and the cache. */
const root = mkdtempSync(join(tmpdir(), 'ldx-rows-unit-'));
const sources = join(root, 'objects');
const cacheDir = join(root, 'cache');
mkdirSync(sources);
mkdirSync(join(cacheDir, 'spill'), { recursive: true });

/** Reads "published" objects from local files: the cache only ever calls get(). */
const fetched: string[] = [];
const objects = {
  get: async ({ key }: { key: string }) => {
    fetched.push(key);
    const path = join(sources, key);
    return existsSync(path) ? createReadStream(path) : undefined;
  },
} as unknown as ObjectStore;

const writeParquet = async (name: string, select: string) => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (${select}) TO '${join(sources, name)}' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  instance.closeSync();
};

let engine: DuckDbEngine;
beforeAll(async () => {
  // 300 rows: few distinct values, many empty ones and ties, so the order keys decide little on their own.
  await writeParquet(
    'mixed.parquet',
    `SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE (i * 7) % 11 END::BIGINT AS score,
            ['Camden', 'Hackney', 'Ealing'][1 + i % 3] AS borough,
            CASE WHEN i % 4 = 0 THEN NULL ELSE ((i * 13) % 17) / 4.0 END::DOUBLE AS rate,
            (DATE '2024-01-01' + (i % 6)::INT) AS day,
            CASE WHEN i % 9 = 0 THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours((i * 5) % 7) END AS at,
            i AS original
     FROM range(300) t(i)`,
  );
  await writeParquet('clash.parquet', `SELECT 1 AS "__ldx_row", 'x' AS "file_row_number", 2 AS "ordinality", 'Y' AS "__ldx_text"`);
  await writeParquet('clash-case.parquet', `SELECT 1 AS "__LDX_ROW", 'Y' AS "__Ldx_Text"`);
  // Text split across two columns, empty values and mixed case: what a search must not confuse.
  await writeParquet(
    'text.parquet',
    `SELECT * FROM (VALUES ('Camden', 'North'), ('CAMDEN Town', NULL), (NULL, 'camden'), ('Hackn', 'ey'), (NULL, NULL), ('Ealing', 'West'), ('x' || chr(31) || 'y', 'z'), ('İstanbul', 'ΟΔΟΣ'), ('École', NULL))
       AS t(place, area)`,
  );
  await writeParquet('small-a.parquet', `SELECT i AS n FROM range(1000) t(i)`);
  await writeParquet('small-b.parquet', `SELECT i AS n FROM range(1000) t(i)`);
  engine = await DuckDbEngine.open({ directory: cacheDir, spillDirectory: join(cacheDir, 'spill'), memoryLimit: '512MB', threads: 2 });
});
afterAll(() => {
  engine.close();
  rmSync(root, { recursive: true, force: true });
});

type Row = Record<string, string | number | boolean | null>;

/** The documented order: empty values last in either direction; ties by row number. */
const compareBy = (keys: SortRequest[]) => (a: Row, b: Row) => {
  for (const { column, descending } of keys) {
    const [x, y] = [a[column], b[column]];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (descending ? -1 : 1);
  }
  return (a._id as number) - (b._id as number);
};

describe('keyset paging over real Parquet', () => {
  const sorts: SortRequest[][] = [
    [],
    [{ column: 'score', descending: false }],
    [{ column: 'score', descending: true }],
    [
      { column: 'rate', descending: true },
      { column: 'borough', descending: false },
    ],
    [
      { column: 'borough', descending: true },
      { column: 'score', descending: false },
      { column: 'at', descending: true },
    ],
    [
      { column: 'day', descending: false },
      { column: 'rate', descending: false },
    ],
    [
      { column: 'at', descending: false },
      { column: '_id', descending: true },
    ],
  ];

  it.each(sorts.map((sort) => [sort.map((s) => `${s.column}${s.descending ? ' desc' : ''}`).join(', ') || 'file order', sort] as const))(
    'by %s visits every row once, in the documented order, in pages of 7',
    async (_name, sort) => {
      const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
      const lease = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
      const columns = queryableColumns(undefined, lease.version.physical);
      const request: RowRequest = { conditions: [], search: [], sort, limit: 7, offset: 0, total: 'none' };
      const base = planQuery(request, columns, ROW_LIMITS);
      const all: Row[] = [];
      let position: unknown[] | undefined;
      for (let page = 0; page < 100; page++) {
        const plan = position ? continuePlan(base, position, ROW_LIMITS) : base;
        // One query, and the late read (order keys, then rows by row number) for sorted orders: the same rows.
        const sql = duckDbPageSql(lease.version, plan);
        const direct = jsonRows(await engine.query(sql.sql, sql.params, 5_000));
        const { columns: read, rows } = await readPageRows(engine, lease, plan, 5_000);
        expect(read).toEqual(sql.columns);
        expect(rows).toEqual(direct);
        const named = rows.map((row) => Object.fromEntries(read.map((c, i) => [c === ROW_ID ? '_id' : c.name, row[i]])) as Row);
        all.push(...named);
        if (rows.length < 7) break;
        const last = rows[rows.length - 1];
        position = plan.order.map((key) => last[read.indexOf(key.column)]);
      }
      const indexes = jsonRows(
        await engine.query(`SELECT count(*) FROM duckdb_indexes() WHERE table_name = ?`, [{ sqlType: 'VARCHAR', value: lease.version.relation }], 5_000),
      );
      // The row-number index is built for the first sorted read only.
      expect(indexes).toEqual([[sort.length === 0 || sort[0].column === '_id' ? 0 : 1]]);
      lease.release();
      await cache.clear();
      expect(all).toHaveLength(300);
      expect(new Set(all.map((r) => r._id)).size).toBe(300);
      expect(all.map((r) => r._id)).toEqual([...all].sort(compareBy(sort)).map((r) => r._id));
      // Row numbers are the file order, 1-based.
      expect(all.every((r) => r._id === (r.original as number) + 1)).toBe(true);
    },
  );

  it('renders values as the JSON downloads do', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
    const lease = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    const reader = await engine.query(`SELECT * FROM "${lease.version.relation}" ORDER BY "${lease.version.rowIdColumn}" LIMIT 2`, [], 5_000);
    // The last column is the lower-cased text of the text columns, for `q`.
    expect(jsonRows(reader)).toEqual([
      [null, 'Camden', null, '2024-01-01', null, 0, 1, 'camden'],
      [7, 'Hackney', 3.25, '2024-01-02', '2024-01-01T05:00:00Z', 1, 2, 'hackney'],
    ]);
    lease.release();
  });
});

describe('text search (q) over the precomputed lower-case text', () => {
  const idsFor = async (source: Parameters<typeof duckDbPageSql>[0], columns: ReturnType<typeof queryableColumns>, words: string[]) => {
    const request: RowRequest = { conditions: [], search: words.map((term) => ({ term })), sort: [], limit: 100, offset: 0, total: 'none' };
    const sql = duckDbPageSql(source, planQuery(request, columns, ROW_LIMITS));
    const rows = jsonRows(await engine.query(sql.sql, sql.params, 5_000));
    return { sql: sql.sql, ids: rows.map((row) => row[sql.columns.indexOf(ROW_ID)]) };
  };

  it.each([
    [['camden'], [1, 2, 3]],
    [['CAMDEN', 'town'], [2]],
    [['hackney'], []],
    [['ey'], [4]],
    [['n\u001fe'], []],
    [['x\u001fy'], [7]],
    [['west'], [6]],
    // Folded by the database's lower() on both sides: JavaScript would make 'i̇stanbul' and 'οδος' of these.
    [['İstanbul'], [8]],
    [['ISTANBUL'], [8]],
    [['ΟΔΟΣ'], [8]],
    [['É'], [9]],
    [['école'], [9]],
  ])('%j matches the same rows as a test per column', async (words, expected) => {
    const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
    const lease = await cache.lease({ key: 'text.parquet', bytes: 0 });
    const columns = queryableColumns(undefined, lease.version.physical);
    const text = lease.version.searchText!;
    expect(text.covers).toEqual(['place', 'area']);
    const fast = await idsFor(lease.version, columns, words);
    const perColumn = await idsFor({ ...lease.version, searchText: undefined }, columns, words);
    expect(fast.ids).toEqual(expected);
    expect(perColumn.ids).toEqual(expected);
    // The text column serves terms without the separator; the others test each column.
    expect(fast.sql.includes(`contains("${text.column}"`)).toBe(!words.some((w) => w.includes('\u001f')));
    expect(perColumn.sql).not.toContain(text.column);
    lease.release();
    await cache.clear();
  });

  it('is not used for a search in one column, nor for a version queried from its file', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
    const lease = await cache.lease({ key: 'text.parquet', bytes: 0 });
    const columns = queryableColumns(undefined, lease.version.physical);
    const request: RowRequest = { conditions: [], search: [{ column: 'place', term: 'camden' }], sort: [], limit: 100, offset: 0, total: 'none' };
    expect(duckDbPageSql(lease.version, planQuery(request, columns, ROW_LIMITS)).sql).toContain('contains(lower("place"), lower(?))');
    lease.release();
    const onDisk = new VersionCache(engine, objects, cacheDir, { ...loadFirst(), memoryTableMaxParquetBytes: 0 });
    const fromFile = await onDisk.lease({ key: 'text.parquet', bytes: 0 });
    expect(fromFile.version.searchText).toBeUndefined();
    fromFile.release();
    await Promise.all([cache.clear(), onDisk.clear()]);
  });
});

describe('the version cache', () => {
  it('picks a row-number column name that clashes with no data column', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
    const lease = await cache.lease({ key: 'clash.parquet', bytes: 0 });
    expect(lease.version.rowIdColumn).toBe('__ldx_row_');
    expect(lease.version.searchText).toEqual({ column: '__ldx_text_', covers: ['file_row_number', '__ldx_text'], separator: '\u001f' });
    expect(lease.version.physical.map((c) => c.name)).toEqual(['__ldx_row', 'file_row_number', 'ordinality', '__ldx_text']);
    const rows = jsonRows(await engine.query(`SELECT * FROM "${lease.version.relation}"`, [], 5_000));
    expect(rows).toEqual([[1, 'x', 2, 'Y', 1, 'x\u001fy']]);
    lease.release();
  });

  it('avoids names that differ from a data column only in case (DuckDB identifiers ignore case)', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
    const lease = await cache.lease({ key: 'clash-case.parquet', bytes: 0 });
    expect([lease.version.rowIdColumn, lease.version.searchText?.column]).toEqual(['__ldx_row_', '__ldx_text_']);
    expect(jsonRows(await engine.query(`SELECT * FROM "${lease.version.relation}"`, [], 5_000))).toEqual([[1, 'Y', 1, 'y']]);
    lease.release();
    await cache.clear();
  });

  it('fetches a version once for concurrent readers, and evicts the least recently used unused version beyond its budget', async () => {
    const probe = new VersionCache(engine, objects, cacheDir, loadFirst());
    await probe.lease({ key: 'small-a.parquet', bytes: 0 }).then((l) => l.release());
    const oneTable = probe.stats().memoryBytes;
    expect(oneTable).toBeGreaterThan(0);
    await probe.clear();

    const cache = new VersionCache(engine, objects, cacheDir, { ...loadFirst(), memoryBytes: Math.floor(oneTable * 1.5) });
    fetched.length = 0;
    const [a1, a2] = await Promise.all([cache.lease({ key: 'small-a.parquet', bytes: 0 }), cache.lease({ key: 'small-a.parquet', bytes: 0 })]);
    expect(fetched).toEqual(['small-a.parquet']);
    expect(a1.version).toBe(a2.version);
    expect(a1.version).toMatchObject({ inMemory: true, rowCount: 1000 });
    // Over budget, but both versions are in use: nothing is dropped under a reader.
    const b = await cache.lease({ key: 'small-b.parquet', bytes: 0 });
    expect(cache.stats().versions).toBe(2);
    a1.release();
    a2.release();
    await cache.settled();
    expect(cache.stats().versions).toBe(1);
    b.release();
    await cache.lease({ key: 'small-b.parquet', bytes: 0 }).then((l) => l.release());
    await cache.lease({ key: 'small-a.parquet', bytes: 0 }).then((l) => l.release());
    await cache.settled();
    expect(cache.stats().versions).toBe(1);
    expect(fetched).toEqual(['small-a.parquet', 'small-b.parquet', 'small-a.parquet']);
    await cache.clear();
    expect(cache.stats()).toEqual({ versions: 0, memoryBytes: 0, diskBytes: 0 });
  });

  it('file first: answers from a view over the file at once, numbered as the table will be, loads the table once that answer is given, then serves it', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, cacheBudget());
    expect(cacheBudget().fileFirst).toBe(true);
    const first = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    expect(first.version).toMatchObject({ inMemory: false, rowCount: 300 });
    const read = (version: typeof first.version) =>
      engine.query(`SELECT "${version.rowIdColumn}", original FROM "${version.relation}" ORDER BY 1`, [], 5_000).then(jsonRows);
    const fromFile = await read(first.version);
    expect(fromFile).toEqual(Array.from({ length: 300 }, (_, i) => [i + 1, i]));
    // The load into memory waits until the query that brought the version in has its answer.
    await cache.settled();
    const during = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    expect(during.version).toMatchObject({ inMemory: false });
    first.release();
    await new Promise((resolve) => setImmediate(resolve));
    await cache.settled();
    const later = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    expect(later.version).toMatchObject({ inMemory: true, rowCount: 300 });
    expect(await read(later.version)).toEqual(fromFile);
    // A lease taken before the load still reads its view.
    expect(await read(during.version)).toEqual(fromFile);
    during.release();
    later.release();
    await cache.clear();
    expect(cache.stats()).toEqual({ versions: 0, memoryBytes: 0, diskBytes: 0 });
  });

  it('file first: a first query still running does not hold the load back for longer than promoteAfterMs', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, { ...cacheBudget(), promoteAfterMs: 50 });
    const first = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    expect(first.version).toMatchObject({ inMemory: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await cache.settled();
    const later = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    expect(later.version).toMatchObject({ inMemory: true, rowCount: 300 });
    first.release();
    later.release();
    await cache.clear();
    expect(cache.stats()).toEqual({ versions: 0, memoryBytes: 0, diskBytes: 0 });
  });

  it('queries large versions from the cached file, which leaves the disk when evicted', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, { ...loadFirst(), memoryTableMaxParquetBytes: 0 });
    const lease = await cache.lease({ key: 'mixed.parquet', bytes: 0 });
    expect(lease.version.inMemory).toBe(false);
    expect(cache.stats().diskBytes).toBeGreaterThan(0);
    const rows = jsonRows(await engine.query(`SELECT count(*), max("${lease.version.rowIdColumn}") FROM "${lease.version.relation}"`, [], 5_000));
    expect(rows).toEqual([[300, 300]]);
    lease.release();
    await cache.clear();
    expect(cache.stats().diskBytes).toBe(0);
  });

  it('reports a missing Parquet object as a 404', async () => {
    const cache = new VersionCache(engine, objects, cacheDir, loadFirst());
    await expect(cache.lease({ key: 'missing.parquet', bytes: 0 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the engine', () => {
  it('interrupts a query past its time limit with a 504 error, and stays usable', async () => {
    const started = Date.now();
    const error = await engine.query('SELECT count(*) FROM range(100000000000) a', [], 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).code).toBe('query_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(jsonRows(await engine.query('SELECT 42', [], 1_000))).toEqual([[42]]);
  });

  it('reads no file outside its directory and cannot be reconfigured', async () => {
    await expect(engine.query("SELECT * FROM read_csv('/etc/passwd')", [], 1_000)).rejects.toThrow(/Permission Error/);
    await expect(engine.run("SET allowed_directories = ['/']")).rejects.toThrow(/configuration/);
    await expect(engine.run('SET enable_external_access = true')).rejects.toThrow();
    await expect(engine.run('INSTALL httpfs')).rejects.toThrow();
  });
});
