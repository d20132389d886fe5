import type { DomainContext } from '../../../functions/domain/context';
import type { ResourceVersion } from '../../../functions/domain/versions';
import { athenaRows, athenaRowSource, athenaRowsFromEnvironment, usesAthena } from '../../../functions/rows/athena-source';
import { decodeCursor } from '../../../functions/rows/cursor';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import type { RowRequest } from '../../../functions/rows/query-model';
import { readPage } from '../../../functions/rows/query-rows';
import { FakeAthena, FakeGlue } from './fake-athena';

const GiB = 1024 ** 3;
const parquet = { key: 'datasets/d1/readings/v3/data.parquet', bytes: 2 * GiB, mediaType: 'application/vnd.apache.parquet', extension: 'parquet' };
const version: ResourceVersion = {
  version: 3,
  uploadId: 'u1',
  state: 'published',
  created: '2026-11-22T10:00:00Z',
  rowCount: 40_000_000,
  schema: {
    fields: [
      { name: 'Borough', type: 'string' },
      { name: 'value', type: 'number' },
      { name: 'at', type: 'datetime' },
    ],
  },
  objects: { parquet },
};

/** Only the object store's head() is used: whether the Athena copy exists. */
const contextWith = (keys: string[]) => {
  const heads: string[] = [];
  const head = async ({ key }: { key: string }) => {
    heads.push(key);
    return keys.includes(key) ? { bytes: 1, metadata: {} } : undefined;
  };
  const ctx = { objects: { head } } as unknown as DomainContext;
  return { ctx, heads };
};

const request = (overrides: Partial<RowRequest> = {}): RowRequest => ({
  conditions: [],
  search: [],
  sort: [],
  limit: 2,
  offset: 0,
  total: 'auto',
  ...overrides,
});

describe('choosing the engine', () => {
  const rows = athenaRows({
    athena: new FakeAthena(() => ({ header: [], rows: [] })),
    glue: new FakeGlue(),
    database: 'ldx_published',
    publishedBucket: 'pub',
  });

  it('sends only versions above the documented Parquet size to Athena, and none where Athena is not configured', () => {
    expect(usesAthena({ bytes: 2 * GiB }, rows)).toBe(true);
    expect(usesAthena({ bytes: 512 * 1024 * 1024 }, rows)).toBe(false);
    expect(usesAthena({ bytes: 100 * GiB }, undefined)).toBe(false);
  });

  it('has no Athena path without a workgroup, database and published bucket in the environment (local mode, tests)', () => {
    expect(athenaRowsFromEnvironment({})).toBeUndefined();
    expect(athenaRowsFromEnvironment({ LDX_ATHENA_WORKGROUP: 'ldx-rows', LDX_GLUE_DATABASE: 'ldx_published' })).toBeUndefined();
    expect(
      athenaRowsFromEnvironment({ LDX_ATHENA_WORKGROUP: 'ldx-rows', LDX_GLUE_DATABASE: 'ldx_published', LDX_PUBLISHED_BUCKET: 'pub', AWS_REGION: 'eu-west-2' }),
    ).toMatchObject({
      database: 'ldx_published',
      publishedBucket: 'pub',
    });
  });

  it('leaves a large version to DuckDB while it has no Athena copy, and registers nothing for it', async () => {
    const glue = new FakeGlue();
    const { ctx, heads } = contextWith([]);
    const source = await athenaRowSource(
      ctx,
      athenaRows({ athena: new FakeAthena(() => ({ header: [], rows: [] })), glue, database: 'ldx_published', publishedBucket: 'pub' }),
      { datasetId: 'd1', resourceName: 'readings', version, parquet },
    );
    expect(source).toBeUndefined();
    expect(heads).toEqual(['datasets/d1/readings/v3/athena/data.parquet']);
    expect(glue.calls).toEqual([]);
  });
});

describe('reading a page through Athena', () => {
  const answer = (query: { sql: string }) =>
    query.sql.startsWith('SELECT count(*)')
      ? { header: ['n'], rows: [['1234']] }
      : {
          header: ['borough', 'value', 'at', '__ldx_row'],
          rows: [
            ['Camden', '41.5', '2024-03-01 09:30:00.000', '17'],
            ['Camden', null, '2024-03-01 10:00:00.000', '18'],
            ['Camden', '12', null, '40'],
          ],
        };

  it("registers the version's Glue table on its first query only, and types records and cursors by the schema", async () => {
    const athena = new FakeAthena(answer, 1);
    const glue = new FakeGlue();
    const rows = athenaRows({ athena, glue, database: 'ldx_published', publishedBucket: 'pub', timing: { pollMs: 1, sleep: async () => {} } });
    const { ctx, heads } = contextWith(['datasets/d1/readings/v3/athena/data.parquet']);
    const input = { datasetId: 'd1', resourceName: 'readings', version, parquet };

    const source = await athenaRowSource(ctx, rows, input);
    expect(source?.engine).toBe('athena');
    const [[key, table]] = [...glue.tables.entries()];
    expect(key).toMatch(/^ldx_published\.r_readings_[0-9a-f]{16}_v3$/);
    expect(table.StorageDescriptor.Location).toBe('s3://pub/datasets/d1/readings/v3/athena/');
    expect(glue.calls.map((c) => c.split(' ')[0])).toEqual(['GetTable', 'CreateTable']);

    const page = await readPage(
      source!,
      version,
      request({ conditions: [{ column: 'Borough', op: 'eq', value: "Camden' OR 1=1 --" }], total: 'exact' }),
      undefined,
      ROW_LIMITS,
    );
    expect(page.records).toEqual([
      ['Camden', 41.5, '2024-03-01T09:30:00Z'],
      ['Camden', null, '2024-03-01T10:00:00Z'],
    ]);
    expect(page.rowIds).toEqual([17, 18]);
    expect(page).toMatchObject({ total: 1234, totalEstimated: false });
    expect(decodeCursor(page.nextCursor!)).toMatchObject({ version: 3, position: [18], total: 1234 });
    // Page and count: the values are execution parameters, never part of the SQL.
    const pageQuery = athena.started.find((q) => !q.sql.startsWith('SELECT count'))!;
    expect(pageQuery.sql).toBe(
      `SELECT "borough", "value", "at", "__ldx_row" FROM "ldx_published"."${table.Name}" WHERE "borough" = CAST(? AS VARCHAR) ORDER BY "__ldx_row" ASC NULLS LAST LIMIT 3`,
    );
    expect(pageQuery.executionParameters).toEqual(["'Camden'' OR 1=1 --'"]);
    expect(athena.started.map((q) => q.database)).toEqual(['ldx_published', 'ldx_published']);

    // The same process does not ask Glue or S3 again.
    await athenaRowSource(ctx, rows, input);
    expect(glue.calls).toHaveLength(2);
    expect(heads).toHaveLength(1);
  });

  it('does not create a table that already exists, and estimates a filtered total over a very large version from a sample', async () => {
    const athena = new FakeAthena(answer, 0);
    const glue = new FakeGlue();
    const rows = athenaRows({ athena, glue, database: 'ldx_published', publishedBucket: 'pub', timing: { sleep: async () => {} } });
    const first = await athenaRowSource(contextWith(['datasets/d1/readings/v3/athena/data.parquet']).ctx, rows, {
      datasetId: 'd1',
      resourceName: 'readings',
      version,
      parquet,
    });
    const other = athenaRows({ athena, glue, database: 'ldx_published', publishedBucket: 'pub', timing: { sleep: async () => {} } });
    await athenaRowSource(contextWith(['datasets/d1/readings/v3/athena/data.parquet']).ctx, other, {
      datasetId: 'd1',
      resourceName: 'readings',
      version,
      parquet,
    });
    expect(glue.calls.map((c) => c.split(' ')[0])).toEqual(['GetTable', 'CreateTable', 'GetTable']);

    const page = await readPage(
      first!,
      version,
      request({ conditions: [{ column: 'value', op: 'gte', value: 40 }], sort: [{ column: 'at', descending: true }] }),
      undefined,
      ROW_LIMITS,
    );
    expect(page).toMatchObject({ total: 12_340, totalEstimated: true });
    expect(athena.started.find((q) => q.sql.startsWith('SELECT count'))!.sql).toContain('TABLESAMPLE SYSTEM (10) WHERE "value" >= CAST(? AS DOUBLE)');
    expect(athena.started.find((q) => !q.sql.startsWith('SELECT count'))!.sql).toContain('ORDER BY "at" DESC NULLS LAST, "__ldx_row" ASC NULLS LAST LIMIT 3');
  });

  it('counts an unfiltered total when the catalogue does not know the row count', async () => {
    const athena = new FakeAthena(answer, 0);
    const rows = athenaRows({ athena, glue: new FakeGlue(), database: 'ldx_published', publishedBucket: 'pub', timing: { sleep: async () => {} } });
    const unknown = { ...version, rowCount: undefined };
    const source = await athenaRowSource(contextWith(['datasets/d1/readings/v3/athena/data.parquet']).ctx, rows, {
      datasetId: 'd1',
      resourceName: 'readings',
      version: unknown,
      parquet,
    });
    const page = await readPage(source!, unknown, request(), undefined, ROW_LIMITS);
    expect(page).toMatchObject({ total: 1234, totalEstimated: false });
    expect(athena.started.map((q) => q.sql).filter((sql) => sql.startsWith('SELECT count'))).toEqual([
      expect.stringMatching(/^SELECT count\(\*\) AS n FROM "ldx_published"\."r_readings_[0-9a-f]{16}_v3"$/),
    ]);
  });
});
