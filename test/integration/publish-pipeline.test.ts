import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { duckDbQuery, sqlPath } from '../support/duckdb-query';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleS3Event } from '../../functions/ingest/s3-events';
import { createResource, download, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

const boroughProfiles = readFileSync(join(__dirname, '..', 'fixtures', 'real', 'london-borough-profiles.csv'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let t: TestExchange;
let gla: string;
beforeAll(async () => {
  t = await startTestExchange();
  gla = await t.organisationWithToken('gla', 'admin');
  await t.request('POST', '/api/v1/datasets', { token: gla, body: datasetInput('borough-profiles') });
});
afterAll(() => t.stop());

const base = '/api/v1/datasets/borough-profiles/resources';

describe('publishing the real borough profiles file (Windows-1252, £, quoted thousands, NaN)', () => {
  let published: { upload: { status: number; body: any }; resource: { body: any } };
  beforeAll(async () => {
    await createResource(t, gla, 'borough-profiles', { name: 'profiles', title: 'Borough profiles', format: 'csv' });
    published = await uploadAndWait(t, gla, 'borough-profiles', 'profiles', boroughProfiles, 'london-borough-profiles.csv');
  });

  it('accepts the upload with 202 and publishes version 1 with its checksum and counts', () => {
    expect(published.upload.status).toBe(202);
    expect(published.upload.body.state).toBe('awaiting-bytes');
    const resource = published.resource.body;
    expect(resource.status).toBe('published');
    expect(resource.current).toMatchObject({ version: 1, bytes: boroughProfiles.byteLength, sha256: sha256(boroughProfiles), columnCount: 84 });
    expect(resource.current.rowCount).toBe(33);
    expect(resource.schema.fields).toHaveLength(84);
  });

  it('infers numbers through quoted thousands separators and NaN, and keeps £ intact in names', () => {
    const fields: Array<{ name: string; type: string }> = published.resource.body.schema.fields;
    expect(fields.find((f) => f.name === 'GLA_Population_Estimate_2017')?.type).toMatch(/integer|number/);
    expect(fields.some((f) => f.name.includes('£'))).toBe(true);
    expect(fields.some((f) => f.name.includes('\ufffd') || f.name.includes('Â'))).toBe(false);
  });

  it('serves the original bytes exactly', async () => {
    const file = await download(t, `${base}/profiles/download?format=original`);
    expect(file.status).toBe(200);
    expect(sha256(file.bytes)).toBe(sha256(boroughProfiles));
    expect(file.headers.get('content-disposition')).toContain('profiles-v1.csv');
  });

  it('serves UTF-8 CSV with the £ sign decoded correctly', async () => {
    const file = await download(t, `${base}/profiles/download?format=csv`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    expect(text).toContain('£');
    expect(text).toContain('Kensington and Chelsea');
    expect(text.split('\r\n')[0].split(',').length).toBeGreaterThanOrEqual(84);
  });

  it('serves JSON, NDJSON and Parquet made at ingest; Parquet reads back in DuckDB', async () => {
    const json = await download(t, `${base}/profiles/download?format=json`);
    const rows = JSON.parse(json.bytes.toString('utf8')) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(33);
    expect(rows.find((r) => r.Area_name === 'Camden')?.Code).toBe('E09000007');

    const ndjson = await download(t, `${base}/profiles/download?format=ndjson`);
    expect(ndjson.bytes.toString('utf8').trim().split('\n')).toHaveLength(33);

    const parquet = await download(t, `${base}/profiles/download?format=parquet`);
    expect(parquet.bytes.subarray(0, 4).toString()).toBe('PAR1');
    const path = join(mkdtempSync(join(tmpdir(), 'ldx-pq-')), 'p.parquet');
    writeFileSync(path, parquet.bytes);
    const [summary] = (await duckDbQuery(
      `SELECT count(*)::INTEGER AS n, max("GLA_Population_Estimate_2017")::DOUBLE AS top FROM read_parquet(${sqlPath(path)})`,
    )) as Array<{ n: number; top: number }>;
    expect(summary.n).toBe(33);
    expect(summary.top).toBe(389_600); // Barnet, the most populous borough in 2017
  });

  it('keeps version 1 published and downloadable when a broken file follows', async () => {
    const broken = 'Code,Area_name\n"E09000001,City\n';
    const { resource } = await uploadAndWait(t, gla, 'borough-profiles', 'profiles', broken, 'broken.csv');
    expect(resource.body.status).toBe('failed');
    expect(resource.body.latestVersion).toBe(2);
    expect(resource.body.current.version).toBe(1);
    const file = await download(t, `${base}/profiles/download?format=original`);
    expect(sha256(file.bytes)).toBe(sha256(boroughProfiles));

    const versions = await t.request('GET', `${base}/profiles/versions`);
    expect(versions.body.results.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [1, 'published'],
      [2, 'failed'],
    ]);
    const report = await t.request('GET', `${base}/profiles/versions/2/report`);
    expect(report.status).toBe(200);
    expect(report.body.report.valid).toBe(false);
    expect(report.body.report.errors[0]).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    expect((await download(t, `${base}/profiles/download?format=csv&version=2`)).redirect.status).toBe(404);
  });

  it('changes nothing when the same S3 event is delivered again', async () => {
    const before = await t.request('GET', `${base}/profiles`);
    const upload = published.upload.body;
    const key = `uploads/${before.body.datasetId}/profiles/${upload.uploadId}`;
    const event = { Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: t.exchange.names.uploads }, object: { key } } }] };
    expect(await handleS3Event(t.exchange.domain, event, t.exchange.names.uploads)).toEqual(['duplicate']);
    expect(await handleS3Event(t.exchange.domain, event, t.exchange.names.uploads)).toEqual(['duplicate']);
    const after = await t.request('GET', `${base}/profiles`);
    expect(after.body).toEqual(before.body);
    expect((await t.request('GET', `${base}/profiles/versions`)).body.count).toBe(2);
  });
});

describe('uploads', () => {
  beforeAll(() => createResource(t, gla, 'borough-profiles', { name: 'uploads-test' }));

  it('refuses a direct upload over the documented cap with 413 and stores nothing', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024 + 1, 0x61);
    const response = await t.request('PUT', `${base}/uploads-test/data`, { token: gla, rawBody: big, headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(413);
    await t.exchange.ingestIdle();
    expect((await t.request('GET', `${base}/uploads-test`)).body).toMatchObject({ status: 'awaiting-upload', latestVersion: 0 });
  });

  it('refuses an empty upload with 400', async () => {
    const response = await t.request('PUT', `${base}/uploads-test/data`, { token: gla, rawBody: '', headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(400);
  });

  it('round-trips a presigned upload bounded to its declared length', async () => {
    const csv = 'site,reading\nBX1,12.5\nMY7,40\n';
    const started = await t.request('POST', `${base}/uploads-test/uploads`, {
      token: gla,
      body: { filename: 'readings.csv', bytes: Buffer.byteLength(csv), contentType: 'text/csv' },
    });
    expect(started.status).toBe(201);
    expect(started.body.uploadMethod).toBe('PUT');
    const put = await fetch(started.body.uploadUrl, { method: 'PUT', headers: started.body.uploadHeaders, body: csv });
    expect(put.status).toBe(200);
    await t.exchange.ingestIdle();
    const resource = await t.request('GET', `${base}/uploads-test`);
    expect(resource.body).toMatchObject({ status: 'published', current: { version: 1, rowCount: 2 } });
    const progress = await t.request('GET', `${base}/uploads-test/uploads/${started.body.uploadId}`, { token: gla });
    expect(progress.body).toMatchObject({ state: 'done', version: 1 });
  });

  it('validates presigned upload requests', async () => {
    for (const body of [{ bytes: 0 }, { bytes: 6e12 }, { bytes: 'ten' }, { bytes: 10, filename: '../../etc/passwd' }, { bytes: 10, extra: 1 }]) {
      const response = await t.request('POST', `${base}/uploads-test/uploads`, { token: gla, body });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it('lets only editors of the publisher upload', async () => {
    const viewer = await t.tokenFor('gla', 'viewer');
    expect((await t.request('PUT', `${base}/uploads-test/data`, { token: viewer, rawBody: 'a\n1\n' })).status).toBe(403);
    expect((await t.request('PUT', `${base}/uploads-test/data`, { rawBody: 'a\n1\n' })).status).toBe(401);
    const other = await t.organisationWithToken('croydon', 'admin');
    expect((await t.request('PUT', `${base}/uploads-test/data`, { token: other, rawBody: 'a\n1\n' })).status).toBe(403);
  });
});

describe('data of private datasets', () => {
  it('is a 404 for callers outside the publisher, for resources, versions, reports and downloads', async () => {
    await t.request('POST', '/api/v1/datasets', { token: gla, body: datasetInput('gla-private', { tier: 'private' }) });
    await createResource(t, gla, 'gla-private', { name: 'secret' });
    await uploadAndWait(t, gla, 'gla-private', 'secret', 'a,b\n1,2\n', 'secret.csv');
    const stranger = await t.organisationWithToken('havering', 'admin');
    for (const token of [undefined, stranger]) {
      for (const path of ['', '/versions', '/versions/1/report', '/download?format=csv', '/download?format=original']) {
        const response = await t.request('GET', `/api/v1/datasets/gla-private/resources/secret${path}`, { token });
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
    }
    expect((await download(t, '/api/v1/datasets/gla-private/resources/secret/download?format=csv', gla)).status).toBe(200);
  });

  it('keeps shared data to the publisher while there is no grant (metadata stays public)', async () => {
    await t.request('POST', '/api/v1/datasets', { token: gla, body: datasetInput('gla-shared', { tier: 'shared', licence: 'proprietary' }) });
    await createResource(t, gla, 'gla-shared', { name: 'partner' });
    await uploadAndWait(t, gla, 'gla-shared', 'partner', 'a,b\n1,2\n', 'partner.csv');
    expect((await t.request('GET', '/api/v1/datasets/gla-shared/resources/partner')).status).toBe(200);
    expect((await t.request('GET', '/api/v1/datasets/gla-shared/resources/partner/download?format=csv')).status).toBe(404);
    expect((await download(t, '/api/v1/datasets/gla-shared/resources/partner/download?format=csv', gla)).status).toBe(200);
  });
});

describe('a clean CSV with a declared schema (proven valid by DuckDB, Parquet written from the CSV)', () => {
  const header = 'site_code,borough_gss_code,pollutant,measured_at,value,unit,ratified,data_capture_pct,latitude,longitude';
  const rows = Array.from(
    { length: 300 },
    (_, i) =>
      `S${i % 30},E09000${String(1 + (i % 33)).padStart(3, '0')},${['NO2', 'PM10'][i % 2]},2024-01-01T${String(Math.floor(i / 30)).padStart(2, '0')}:00:00Z,${i % 2 ? '' : (i / 10).toFixed(1)},ug/m3,${i % 3 ? 'true' : 'false'},${i % 101},51.5,-0.1`,
  );
  const clean = `${header}\n${rows.join('\n')}\n`;
  const readings = `/api/v1/datasets/readings/resources/hourly`;

  beforeAll(async () => {
    await t.request('POST', '/api/v1/datasets', { token: gla, body: datasetInput('readings') });
    await createResource(t, gla, 'readings', { name: 'hourly', dataSchema: 'air-quality-readings' });
  });

  it('publishes, with typed Parquet and the same rows in every format', async () => {
    const { resource } = await uploadAndWait(t, gla, 'readings', 'hourly', clean, 'readings.csv');
    expect(resource.body.status).toBe('published');
    expect(resource.body.current).toMatchObject({ version: 1, rowCount: 300, columnCount: 10 });
    const ndjson = (await download(t, `${readings}/download?format=ndjson`)).bytes
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ndjson[1]).toEqual({
      site_code: 'S1',
      borough_gss_code: 'E09000002',
      pollutant: 'PM10',
      measured_at: '2024-01-01T00:00:00Z',
      value: null,
      unit: 'ug/m3',
      ratified: true,
      data_capture_pct: 1,
      latitude: 51.5,
      longitude: -0.1,
    });
    const parquet = await download(t, `${readings}/download?format=parquet`);
    const path = join(mkdtempSync(join(tmpdir(), 'ldx-pq-')), 'p.parquet');
    writeFileSync(path, parquet.bytes);
    const types = (await duckDbQuery(`DESCRIBE SELECT * FROM read_parquet(${sqlPath(path)})`)).map((r) => `${r.column_name} ${r.column_type}`);
    expect(types).toEqual([
      'site_code VARCHAR',
      'borough_gss_code VARCHAR',
      'pollutant VARCHAR',
      'measured_at TIMESTAMP WITH TIME ZONE',
      'value DOUBLE',
      'unit VARCHAR',
      'ratified BOOLEAN',
      'data_capture_pct BIGINT',
      'latitude DOUBLE',
      'longitude DOUBLE',
    ]);
    const [summary] = await duckDbQuery(
      `SELECT count(*)::INTEGER AS n, sum(value)::DOUBLE AS total, count(*) FILTER (WHERE ratified)::INTEGER AS ratified FROM read_parquet(${sqlPath(path)})`,
    );
    expect(summary).toEqual({ n: 300, total: ndjson.reduce((sum, r) => sum + (r.value ?? 0), 0), ratified: 200 });
  });

  it('reports a repeated key in an otherwise clean file exactly as the JS path words it', async () => {
    const repeated = `${header}\n${[...rows, rows[7]].join('\n')}\n`;
    const { resource } = await uploadAndWait(t, gla, 'readings', 'hourly', repeated, 'readings.csv');
    expect(resource.body.status).toBe('failed');
    expect(resource.body.current.version).toBe(1);
    const report = await t.request('GET', `${readings}/versions/2/report`);
    expect(report.body.report.errors).toEqual([
      {
        code: 'unique-error',
        row: 302,
        field: 'site_code, pollutant, measured_at',
        message: 'Row 302 repeats the value of columns "site_code", "pollutant", "measured_at" already used in row 9; it must be unique.',
      },
    ]);
  });
});
