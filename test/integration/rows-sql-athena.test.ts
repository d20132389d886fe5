import { anonymous, type Caller } from '../../functions/domain/caller';
import { athenaCopyKey } from '../../functions/domain/athena-copy';
import { readableVersion } from '../../functions/domain/data-access';
import type { DomainContext } from '../../functions/domain/context';
import { ExchangeError } from '../../functions/domain/errors';
import { athenaRows } from '../../functions/rows/athena-source';
import { querySql } from '../../functions/rows/query-sql';
import { createResource, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { FakeAthena, FakeGlue } from '../unit/rows/fake-athena';

/**
 * Read-only SQL over a version above the Athena threshold goes to Athena, as row queries do:
 * through the same data gate, the Glue table registered on first use, the checked statement
 * written in Athena's dialect over that table, the answer typed by Athena's column types and
 * capped. Everything is real (exchange, emulators, DuckDB for the check) except Athena and Glue,
 * which do not run here: their port is the hand-written fake the row path's tests use, and the
 * threshold is lowered so these small versions count as large.
 */
let t: TestExchange;
let domain: DomainContext;
let publisher: string;

const csv = 'site,Borough,value,day\nS1,Camden,1.5,2024-01-02\nS2,Hackney,,2024-02-03\n';

const publish = async (name: string, tier: 'open' | 'private') => {
  await t.request('POST', '/api/v1/datasets', {
    token: publisher,
    body: datasetInput(name, { tier, licence: tier === 'open' ? 'OGL-UK-3.0' : 'proprietary' }),
  });
  await createResource(t, publisher, name, { name: 'readings' });
  const { resource } = await uploadAndWait(t, publisher, name, 'readings', csv, 'readings.csv');
  if (resource.body.status !== 'published') throw new Error(resource.text);
};

/** The Athena copy the ingest writes for large versions (its content does not matter to the fake). */
const addAthenaCopy = async (dataset: string) => {
  const { version } = await readableVersion(domain, { kind: 'platform-admin' }, dataset, 'readings', undefined);
  const parquet = version.value.state === 'published' ? version.value.objects?.parquet : undefined;
  await domain.objects.put({ bucket: 'published', key: athenaCopyKey(parquet!.key) }, 'PAR1', { contentType: 'application/vnd.apache.parquet' });
};

beforeAll(async () => {
  t = await startTestExchange();
  domain = t.exchange.domain;
  publisher = await t.organisationWithToken('gla', 'admin');
  await publish('air', 'open');
  await publish('air-copyless', 'open');
  await publish('air-private', 'private');
  await addAthenaCopy('air');
  await addAthenaCopy('air-private');
}, 90_000);
afterAll(() => t.stop());

type Answer = ConstructorParameters<typeof FakeAthena>[0];

const run = async (sql: string, answer: Answer, options: { caller?: Caller; aboveParquetBytes?: number } = {}) => {
  const athena = new FakeAthena(answer, 1, 1_000);
  const glue = new FakeGlue();
  const rows = athenaRows({
    athena,
    glue,
    database: 'ldx_published',
    publishedBucket: 'pub',
    aboveParquetBytes: options.aboveParquetBytes ?? 0,
    timing: { pollMs: 1, sleep: async () => {} },
  });
  const datasets = new Map([
    ['readings', 'air'],
    ['copyless', 'air-copyless'],
    ['hidden', 'air-private'],
  ]);
  const result = await querySql(domain, options.caller ?? anonymous, {
    sql,
    route: 'GET /test',
    athena: rows,
    source: {
      names: { has: (name) => datasets.has(name), described: ['readings'] },
      resolve: (name) => readableVersion(domain, options.caller ?? anonymous, datasets.get(name)!, 'readings', undefined),
    },
  }).then(
    (ok) => ok,
    (error: unknown) => error,
  );
  return { result, athena, glue };
};

const answered: Answer = () => ({
  header: ['Borough', 'n', 'top', 'first'],
  types: ['varchar', 'bigint', 'double', 'date'],
  rows: [['Camden', '1', '1.5', '2024-01-02']],
});

it('runs a statement over a large version in Athena, written in its dialect over the Glue table, with typed results', async () => {
  const { result, athena, glue } = await run(
    'SELECT Borough, count(*) AS n, max(value) AS top, min(day) AS first FROM readings GROUP BY Borough ORDER BY n DESC',
    answered,
  );
  expect(result).toMatchObject({
    fields: [
      { name: 'Borough', type: 'string' },
      { name: 'n', type: 'integer' },
      { name: 'top', type: 'number' },
      { name: 'first', type: 'date' },
    ],
    records: [['Camden', 1, 1.5, '2024-01-02']],
    truncated: false,
  });
  const [table] = [...glue.tables.values()];
  expect(athena.started).toEqual([
    {
      database: 'ldx_published',
      executionParameters: [],
      sql:
        `WITH "readings" AS (SELECT "__ldx_row" AS "_id", "site" AS "site", "borough" AS "Borough", "value" AS "value", "day" AS "day" FROM "ldx_published"."${table.Name}") ` +
        'SELECT * FROM (SELECT "Borough", count(*) AS "n", max("value") AS "top", min("day") AS "first" FROM "readings" GROUP BY "Borough" ORDER BY "n" DESC NULLS LAST) AS "sql_result" LIMIT 10001',
    },
  ]);
});

it('leaves versions under the threshold, or without an Athena copy, to DuckDB', async () => {
  for (const [sql, above] of [
    ['SELECT count(*) AS n FROM readings', 1024 ** 3],
    ['SELECT count(*) AS n FROM copyless', 0],
  ] as const) {
    const { result, athena } = await run(sql, answered, { aboveParquetBytes: above });
    expect(result).toMatchObject({ records: [[2]] });
    expect(athena.started).toEqual([]);
  }
});

it('refuses a statement joining a version on Athena with one that is not, before anything runs', async () => {
  const { result, athena } = await run('SELECT * FROM readings JOIN copyless USING (site)', answered);
  expect(result).toBeInstanceOf(ExchangeError);
  expect((result as ExchangeError).details).toEqual({ field: 'sql', reason: 'not_in_athena' });
  expect(athena.started).toEqual([]);
});

it('refuses what does not carry to Athena with a 400 that says why, and runs nothing', async () => {
  const { result, athena } = await run('SELECT site, count(*) FROM readings GROUP BY ALL', answered);
  expect(result).toMatchObject({ code: 'bad_request', details: { field: 'sql', reason: 'not_in_athena' } });
  expect((result as ExchangeError).message).toContain('GROUP BY ALL');
  expect(athena.started).toEqual([]);
});

it('passes every table through the data gate before Athena runs anything', async () => {
  const { result, athena } = await run('SELECT * FROM hidden', answered);
  expect(result).toMatchObject({ code: 'not_found' });
  expect(athena.started).toEqual([]);
});

it("reports the statement's own failure in Athena as a 400 naming the table as the client does; a system failure stays a 500", async () => {
  const userError = await run('SELECT site FROM readings WHERE day = 3', (query) => ({
    fail: `TYPE_MISMATCH: line 1:9: Cannot apply operator: date = integer in ldx_published.${/"ldx_published"\."(r_[^"]+)"/.exec(query.sql)?.[1]}`,
    userError: true,
  }));
  expect(userError.result).toMatchObject({ code: 'bad_request', details: { field: 'sql', reason: 'query_error' } });
  expect((userError.result as ExchangeError).message).toMatch(/Cannot apply operator: date = integer in readings$/);
  const systemError = await run('SELECT site FROM readings', () => ({ fail: 'INTERNAL_ERROR_QUERY_ENGINE' }));
  expect(systemError.result).not.toBeInstanceOf(ExchangeError);
  expect(String(systemError.result)).toContain('INTERNAL_ERROR_QUERY_ENGINE');
});

it('caps the rows Athena returns and says the result was truncated', async () => {
  const { result } = await run('SELECT _id FROM readings', () => ({
    header: ['_id'],
    types: ['bigint'],
    rows: Array.from({ length: 10_001 }, (_, i) => [String(i + 1)]),
  }));
  expect(result).toMatchObject({ truncated: true });
  expect((result as { records: unknown[] }).records).toHaveLength(10_000);
});

it("answers date-times and numbers Athena cannot give as JSON as DuckDB's path does (fraction trimmed, Z for instants, null for NaN)", async () => {
  const { result } = await run('SELECT day AS at, day AS instant, value AS nan, value AS inf FROM readings', () => ({
    header: ['at', 'instant', 'nan', 'inf'],
    types: ['timestamp', 'timestamp with time zone', 'double', 'double'],
    rows: [['2024-01-02 10:00:00.000', '2024-01-02 10:00:00.500 UTC', 'NaN', 'Infinity']],
  }));
  expect(result).toMatchObject({
    fields: [
      { name: 'at', type: 'datetime' },
      { name: 'instant', type: 'datetime' },
      { name: 'nan', type: 'number' },
      { name: 'inf', type: 'number' },
    ],
    records: [['2024-01-02T10:00:00', '2024-01-02T10:00:00.5Z', null, null]],
  });
});
