import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { duckDbQuery as query } from '../support/duckdb-query';
import { athenaCopyKey } from '../../functions/domain/athena-copy';
import type { DomainContext } from '../../functions/domain/context';
import { type Upload, uploadKey } from '../../functions/domain/uploads';
import { type ResourceVersion, versionKey } from '../../functions/domain/versions';
import { ingestUploadedObject } from '../../functions/ingest/ingest-upload';
import { athenaRows, athenaRowSource } from '../../functions/rows/athena-source';
import { athenaVersionTable } from '../../functions/rows/glue-table';
import { createS3Client } from '../../functions/storage/aws-clients';
import type { ObjectStore } from '../../functions/storage/object-store';
import { createResource, download } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';
import { FakeAthena, FakeGlue } from '../unit/rows/fake-athena';

/**
 * The Athena copy through the real ingest against the emulators. Ingest is driven by hand
 * (no ingest on upload) so each upload can run with its own threshold or a failing store.
 */
let t: TestExchange;
let token: string;
let datasetId: string;
const resource = '/api/v1/datasets/readings/resources/hourly';
const FORCE = { limits: { athenaCopyAboveParquetBytes: 0 } };

beforeAll(async () => {
  t = await startTestExchange({ ingestOnUpload: false });
  token = await t.organisationWithToken('gla', 'editor');
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('readings') });
  datasetId = (await createResource(t, token, 'readings', { name: 'hourly', format: 'csv' })).body.datasetId;
});
afterAll(() => t.stop());

/** PUTs the file (nothing ingests it yet) and returns the key its S3 event would carry. */
const upload = async (csv: string): Promise<string> => {
  const put = await t.request('PUT', `${resource}/data?filename=readings.csv`, { token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
  expect(put.status).toBe(202);
  return (await t.exchange.domain.catalogue.get<Upload>(uploadKey(put.body.uploadId)))!.value.objectKey;
};

const keysUnder = async (prefix: string): Promise<string[]> => {
  const s3 = createS3Client(t.exchange.endpoints);
  try {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: t.exchange.names.published, Prefix: prefix }));
    return (listed.Contents ?? []).map((o) => o.Key!).sort();
  } finally {
    s3.destroy();
  }
};

const versionOf = async (n: number): Promise<ResourceVersion> =>
  (await t.exchange.domain.catalogue.get<ResourceVersion>(versionKey(datasetId, 'hourly', n)))!.value;

const toFile = (bytes: Buffer): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'ldx-athena-copy-')), 'f.parquet');
  writeFileSync(path, bytes);
  return path;
};

const readAll = async (stream: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

const csv = (rows: number, offset = 0) =>
  'borough,value,at,local\n' +
  Array.from(
    { length: rows },
    (_, i) =>
      `B${(i * 37) % rows},${((i + offset) * 7919) % 1000},2024-03-01T${String(i % 24).padStart(2, '0')}:00:00Z,2024-03-01T${String(i % 24).padStart(2, '0')}:30:00`,
  ).join('\n') +
  '\n';

describe('a version whose Parquet is above the Athena threshold', () => {
  let v1: ResourceVersion;
  beforeAll(async () => {
    expect(await ingestUploadedObject(t.exchange.domain, await upload(csv(500)), FORCE)).toBe('published');
    v1 = await versionOf(1);
  });

  it('has its Athena copy next to its Parquet, alone in the athena/ folder', async () => {
    const prefix = `datasets/${datasetId}/hourly/v1/`;
    expect(await keysUnder(`${prefix}athena/`)).toEqual([`${prefix}athena/data.parquet`]);
    expect(await keysUnder(prefix)).toEqual(
      ['athena/data.parquet', 'data.csv', 'data.json', 'data.ndjson', 'data.parquet', 'original', 'report.json'].map((name) => `${prefix}${name}`),
    );
    // Not a download: the version lists the same files as any other.
    const [listed] = (await t.request('GET', `${resource}/versions`, { token })).body.results;
    expect(Object.keys(listed.files).sort()).toEqual(['csv', 'json', 'ndjson', 'original', 'parquet']);
  });

  it("holds the Parquet's rows in file order, numbered 1..n in a leading BIGINT __ldx_row, other columns identical", async () => {
    const parquet = toFile((await download(t, `${resource}/download?format=parquet&version=1`)).bytes);
    const copy = toFile(
      await readAll((await t.exchange.domain.objects.get({ bucket: 'published', key: athenaCopyKey(`datasets/${datasetId}/hourly/v1/data.parquet`) }))!),
    );
    const types = async (path: string) => (await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).map((r) => [r.column_name, r.column_type]);
    expect(await types(copy)).toEqual([['__ldx_row', 'BIGINT'], ...(await types(parquet))]);
    expect(await types(parquet)).toEqual([
      ['borough', 'VARCHAR'],
      ['value', 'BIGINT'],
      ['at', 'TIMESTAMP WITH TIME ZONE'],
      ['local', 'TIMESTAMP'],
    ]);
    const [check] = await query(
      `WITH m AS (SELECT file_row_number + 1 AS pos, * EXCLUDE (file_row_number) FROM read_parquet('${parquet}', file_row_number = true)),
            c AS (SELECT * FROM read_parquet('${copy}'))
       SELECT (SELECT count(*) FROM c)::INTEGER AS n, (SELECT min(__ldx_row) FROM c)::INTEGER AS first, (SELECT max(__ldx_row) FROM c)::INTEGER AS last,
              (SELECT count(*) FROM m FULL JOIN c ON m.pos = c.__ldx_row
               WHERE m.pos IS NULL OR c.__ldx_row IS NULL OR m.borough IS DISTINCT FROM c.borough OR m.value IS DISTINCT FROM c.value OR m.at IS DISTINCT FROM c.at OR m.local IS DISTINCT FROM c.local)::INTEGER AS differing`,
    );
    expect(check).toEqual({ n: 500, first: 1, last: 500, differing: 0 });
  });

  it("is found by the row API's Athena path, whose Glue table has the copy's columns", async () => {
    const parquet = v1.objects!.parquet!;
    expect(parquet.key).toBe(`datasets/${datasetId}/hourly/v1/data.parquet`);
    const glue = new FakeGlue();
    const rows = athenaRows({
      athena: new FakeAthena(() => ({ header: [], rows: [] })),
      glue,
      database: 'ldx_published',
      publishedBucket: t.exchange.names.published,
      aboveParquetBytes: 0,
    });
    const source = await athenaRowSource(t.exchange.domain, rows, { datasetId, resourceName: 'hourly', version: v1, parquet });
    expect(source?.engine).toBe('athena');
    const [table] = [...glue.tables.values()];
    expect(table.StorageDescriptor.Location).toBe(`s3://${t.exchange.names.published}/datasets/${datasetId}/hourly/v1/athena/`);
    const copy = toFile(
      await readAll((await t.exchange.domain.objects.get({ bucket: 'published', key: `datasets/${datasetId}/hourly/v1/athena/data.parquet` }))!),
    );
    const columns = (await query(`DESCRIBE SELECT * FROM read_parquet('${copy}')`)).map((r) => String(r.column_name).toLowerCase());
    expect(table.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(columns);
    expect(athenaVersionTable({ name: 'x', schema: v1.schema, localDatetimes: new Set(), location: 's3://x/', description: '' })?.rowIdColumn).toBe(
      '__ldx_row',
    );
    // Which date-times have no offset comes from the copy's metadata, as DuckDB reads it from the Parquet's types.
    const types = Object.fromEntries(
      (await query(`DESCRIBE SELECT * FROM read_parquet('${copy}')`)).map((r) => [String(r.column_name), String(r.column_type)]),
    );
    expect([types.at, types.local]).toEqual(['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP']);
    expect(source!.columns.map((c) => `${c.name}:${c.sqlType}`)).toEqual(['borough:VARCHAR', 'value:BIGINT', 'at:TIMESTAMPTZ', 'local:TIMESTAMP']);
  });
});

describe('a version at or below the threshold (the default, 512 MiB)', () => {
  it('gets no Athena copy', async () => {
    expect(await ingestUploadedObject(t.exchange.domain, await upload(csv(50, 3)))).toBe('published');
    expect((await t.request('GET', resource)).body.current.version).toBe(2);
    expect(await keysUnder(`datasets/${datasetId}/hourly/v2/athena/`)).toEqual([]);
    expect(await keysUnder(`datasets/${datasetId}/hourly/v2/`)).toContain(`datasets/${datasetId}/hourly/v2/data.parquet`);
  });
});

describe('when the Athena copy cannot be stored', () => {
  /** The emulated store, except that every put of an Athena copy fails as S3 might. */
  const failingCopies = (objects: ObjectStore): ObjectStore => ({
    put: async (location, body, options) => {
      if (!location.key.endsWith('/athena/data.parquet')) return objects.put(location, body, options);
      if (typeof body === 'object' && 'destroy' in body) body.destroy();
      throw new Error('S3 is unavailable');
    },
    get: (location) => objects.get(location),
    head: (location) => objects.head(location),
    copy: (from, to) => objects.copy(from, to),
    presignGet: (location, options) => objects.presignGet(location, options),
    presignPut: (location, options) => objects.presignPut(location, options),
    startMultipart: (location, options) => objects.startMultipart(location, options),
    presignPart: (location, id, part, options) => objects.presignPart(location, id, part, options),
    completeMultipart: (location, id, parts) => objects.completeMultipart(location, id, parts),
  });

  it('leaves the previous version published, and publishes with the copy when the event is delivered again', async () => {
    const key = await upload(csv(80, 5));
    const failing: DomainContext = { ...t.exchange.domain, objects: failingCopies(t.exchange.domain.objects) };
    await expect(ingestUploadedObject(failing, key, FORCE)).rejects.toThrow('S3 is unavailable');

    const after = (await t.request('GET', resource)).body;
    expect(after.current.version).toBe(2);
    expect(after.latestVersion).toBe(3);
    expect((await versionOf(3)).state).toBe('validating');
    expect((await download(t, `${resource}/download?format=csv`)).bytes.toString('utf8')).toBe(csv(50, 3).replace(/\n/g, '\r\n'));
    expect((await t.exchange.domain.catalogue.get<Upload>(uploadKey(key.split('/').pop()!)))?.value.state).toBe('retry');

    expect(await ingestUploadedObject(t.exchange.domain, key, FORCE)).toBe('published');
    expect((await t.request('GET', resource)).body.current.version).toBe(3);
    expect(await keysUnder(`datasets/${datasetId}/hourly/v3/athena/`)).toEqual([`datasets/${datasetId}/hourly/v3/athena/data.parquet`]);
  });
});
