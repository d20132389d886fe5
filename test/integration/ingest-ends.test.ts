import { createHash } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { listResources, resourceKey, resourceListing, type Resource } from '../../functions/domain/resources';
import type { Dataset } from '../../functions/domain/datasets';
import { type Upload, uploadKey, uploadListing, uploadObjectKey } from '../../functions/domain/uploads';
import { endVersion, sweepOverdueIngests } from '../../functions/domain/version-outcome';
import { type ResourceVersion, versionKey, versionListing } from '../../functions/domain/versions';
import { ingestUploadedObject, type IngestOptions } from '../../functions/ingest/ingest-upload';
import { createS3Client } from '../../functions/storage/aws-clients';
import { mutate } from '../../functions/storage/catalogue-store';
import { createResource, download } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Every upload ends, published or failed with a report, and the previous version stays served:
 * failures inside ingest, ingests that stop (crash, timeout) and pass their deadline, and uploads
 * that are not what was declared. Ingest is driven here as the S3 event would drive it, so each
 * test can choose its options.
 */
let t: TestExchange;
let token: string;
let datasetId: string;
const DATASET = 'ingest-ends';
const DEADLINE_MS = 20 * 60 * 1000;

beforeAll(async () => {
  t = await startTestExchange({ ingestOnUpload: false });
  token = await t.organisationWithToken('camden', 'editor');
  const created = await t.request('POST', '/api/v1/datasets', { token, body: datasetInput(DATASET) });
  datasetId = created.body.id;
});
afterAll(() => t.stop());

const path = (resource: string, rest = '') => `/api/v1/datasets/${DATASET}/resources/${resource}${rest}`;

/** PUTs the bytes as the resource's data, then runs ingest on the stored object as the bucket event would. */
const uploadAndIngest = async (resource: string, body: string, filename: string, options: IngestOptions = { maxAttempts: 1 }) => {
  const put = await t.request('PUT', path(resource, `/data?filename=${filename}`), { token, rawBody: body, headers: { 'content-type': 'text/plain' } });
  expect(put.status).toBe(202);
  return ingestUploadedObject(t.exchange.domain, uploadObjectKey(datasetId, resource, put.body.uploadId), options);
};

/** A resource with version 1 published: what must stay served whatever happens to later uploads. */
const publishedResource = async (name: string): Promise<void> => {
  await createResource(t, token, DATASET, { name });
  expect(await uploadAndIngest(name, 'borough,count\nCamden,1\nIslington,2\n', 'v1.csv')).toBe('published');
};

const expectVersion1Served = async (name: string) => {
  const resource = await t.request('GET', path(name), { token });
  expect(resource.body.current).toMatchObject({ version: 1, rowCount: 2 });
  const file = await download(t, path(name, '/download?format=csv'), token);
  expect(file.status).toBe(200);
  expect(file.bytes.toString()).toContain('Islington');
};

const reportOf = async (name: string, version: number) => (await t.request('GET', path(name, `/versions/${version}/report`), { token })).body;

describe('failures inside ingest end the version with a report', () => {
  it('a 1 000-column, 5-row CSV is published (it used to stay validating: DuckDB ran out of memory)', async () => {
    await createResource(t, token, DATASET, { name: 'wide' });
    const names = Array.from({ length: 1000 }, (_, i) => `column_${i}`);
    const rows = [names.join(','), ...[0, 1, 2, 3, 4].map((r) => names.map((_, i) => `v${r}x${i}`).join(','))];
    expect(await uploadAndIngest('wide', `${rows.join('\n')}\n`, 'wide.csv')).toBe('published');
    expect((await t.request('GET', path('wide'), { token })).body).toMatchObject({ status: 'published', current: { version: 1, columnCount: 1000 } });
  });

  it('NDJSON nested 500 000 levels deep fails with a report saying the nesting is too deep', async () => {
    await publishedResource('deep');
    const depth = 500_000;
    expect(await uploadAndIngest('deep', `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}\n`, 'deep.ndjson')).toBe('failed');
    expect((await t.request('GET', path('deep'), { token })).body).toMatchObject({ status: 'failed', latestVersion: 2 });
    expect((await reportOf('deep', 2)).report.errors).toEqual([
      expect.objectContaining({ code: 'format-error', message: expect.stringMatching(/nesting is too deep/) }),
    ]);
    await expectVersion1Served('deep');
  });

  it('running out of memory fails the version with a processing-error the publisher can read', async () => {
    await publishedResource('memory');
    const outcome = await uploadAndIngest('memory', 'borough,count\nCamden,3\n', 'v2.csv', {
      maxAttempts: 1,
      // Both DuckDB budgets: the fast path's (check, COPY) and the JS path's Parquet writer.
      limits: { duckdbMemoryLimit: '1MB', duckdbCheckMemoryLimit: '1MB', duckdbMemoryPerColumn: 0 },
    });
    expect(outcome).toBe('failed');
    const versions = (await t.request('GET', path('memory', '/versions'), { token })).body.results;
    expect(versions[1]).toMatchObject({ version: 2, state: 'failed', failure: expect.stringMatching(/^Processing ran out of memory/) });
    expect((await reportOf('memory', 2)).report).toMatchObject({
      valid: false,
      errorCounts: { 'processing-error': 1 },
      errors: [{ code: 'processing-error', message: expect.stringMatching(/ran out of memory/) }],
    });
    await expectVersion1Served('memory');
  });

  it('an error on the last attempt ends the version (here: the uploaded object vanished)', async () => {
    await publishedResource('vanished');
    const put = await t.request('PUT', path('vanished', '/data?filename=v2.csv'), { token, rawBody: 'a\n1\n', headers: { 'content-type': 'text/csv' } });
    const key = uploadObjectKey(datasetId, 'vanished', put.body.uploadId);
    const s3 = createS3Client(t.exchange.endpoints);
    await s3.send(new DeleteObjectCommand({ Bucket: t.exchange.names.uploads, Key: key }));
    s3.destroy();
    // Two attempts left for redeliveries: released for retry, and the error goes to the caller (Lambda retries it).
    await expect(ingestUploadedObject(t.exchange.domain, key, { maxAttempts: 2 })).rejects.toThrow(/missing/);
    expect((await t.request('GET', path('vanished'), { token })).body.status).toBe('validating');
    expect(await ingestUploadedObject(t.exchange.domain, key, { maxAttempts: 2 })).toBe('failed');
    expect((await t.request('GET', path('vanished', '/versions/2/report'), { token })).body.report.errors[0].message).toMatch(
      /^Processing failed: .*a reason of its own rather than your data/,
    );
    await expectVersion1Served('vanished');
  });
});

/** What a process stopped mid-ingest leaves behind: the records as ingest had written them so far. */
const leaveStoppedIngest = async (name: string, stage: 'numbered' | 'started'): Promise<{ uploadId: string; version: number }> => {
  const put = await t.request('PUT', path(name, '/data?filename=v2.csv'), { token, rawBody: 'a\n2\n', headers: { 'content-type': 'text/csv' } });
  const uploadId = put.body.uploadId as string;
  const { catalogue } = t.exchange.domain;
  const now = t.clock.now();
  const resource = await mutate<Resource>(
    catalogue,
    resourceKey(datasetId, name),
    (r) => ({ ...r, latestVersion: r.latestVersion + 1, status: 'validating', modified: now.toISOString() }),
    resourceListing,
  );
  const version = resource!.value.latestVersion;
  const deadline = new Date(now.getTime() + DEADLINE_MS).toISOString();
  await mutate<Upload>(
    catalogue,
    uploadKey(uploadId),
    (u) => ({ ...u, state: 'processing', deadline, attempts: 1, ...(stage === 'started' ? { version } : {}) }),
    uploadListing,
  );
  if (stage === 'started') {
    const started: ResourceVersion = { version, uploadId, state: 'validating', created: now.toISOString(), deadline };
    await catalogue.create(versionKey(datasetId, name, version), started, versionListing(datasetId, name, version));
  }
  return { uploadId, version };
};

describe('an ingest that stopped is failed once past its deadline', () => {
  it('on read: the resource, its versions and the report answer failed, and a late success cannot win', async () => {
    await publishedResource('stopped');
    const { uploadId } = await leaveStoppedIngest('stopped', 'started');
    expect((await t.request('GET', path('stopped'), { token })).body.status).toBe('validating');
    t.clock.advance(DEADLINE_MS + 1000);

    expect((await t.request('GET', path('stopped'), { token })).body).toMatchObject({ status: 'failed', latestVersion: 2, current: { version: 1 } });
    const versions = (await t.request('GET', path('stopped', '/versions'), { token })).body.results;
    expect(versions[1]).toMatchObject({ version: 2, state: 'failed', failure: expect.stringMatching(/^Processing did not finish in time/) });
    expect((await reportOf('stopped', 2)).report.errors).toEqual([
      expect.objectContaining({ code: 'processing-error', message: expect.stringMatching(/did not finish in time/) }),
    ]);
    expect((await t.request('GET', path('stopped', `/uploads/${uploadId}`), { token })).body).toMatchObject({ state: 'done', version: 2 });

    // The stopped ingest wakes up and tries to publish: the conditional write from validating refuses it.
    const late = await endVersion(
      t.exchange.domain,
      { datasetId, resourceName: 'stopped' },
      { version: 2, uploadId, state: 'published', created: versions[1].created, rowCount: 1 },
    );
    expect(late.won).toBe(false);
    expect(late.record.value.state).toBe('failed');
    await expectVersion1Served('stopped');
  });

  it('on listing: a dataset’s resources (pages, CKAN, DCAT) answer failed too', async () => {
    await publishedResource('listed');
    await leaveStoppedIngest('listed', 'started');
    t.clock.advance(DEADLINE_MS + 1000);
    const listed = await listResources(t.exchange.domain, { id: datasetId } as Dataset);
    expect(listed.find((r) => r.value.name === 'listed')?.value).toMatchObject({ status: 'failed', current: { version: 1 } });
  });

  it('on reading the upload, even once a later upload has published: its version is failed, the upload done', async () => {
    await publishedResource('followed');
    const { uploadId, version } = await leaveStoppedIngest('followed', 'started');
    expect(await uploadAndIngest('followed', 'borough,count\nCamden,9\n', 'v3.csv')).toBe('published');
    expect((await t.request('GET', path('followed', `/uploads/${uploadId}`), { token })).body.state).toBe('processing');
    t.clock.advance(DEADLINE_MS + 1000);
    expect((await t.request('GET', path('followed'), { token })).body).toMatchObject({ status: 'published', current: { version: 3 } });
    expect((await t.request('GET', path('followed', `/uploads/${uploadId}`), { token })).body).toMatchObject({ state: 'done', version });
    const stored = await t.exchange.domain.catalogue.get<ResourceVersion>(versionKey(datasetId, 'followed', version));
    expect(stored?.value).toMatchObject({ state: 'failed', failure: expect.stringMatching(/did not finish in time/) });
  });

  it('by the sweep, idempotently, even when the ingest stopped before it recorded its version', async () => {
    await publishedResource('swept');
    await leaveStoppedIngest('swept', 'numbered');
    expect(await sweepOverdueIngests(t.exchange.domain)).toBe(0); // not yet overdue
    t.clock.advance(DEADLINE_MS + 1000);
    expect(await sweepOverdueIngests(t.exchange.domain)).toBeGreaterThanOrEqual(1);
    expect(await sweepOverdueIngests(t.exchange.domain)).toBe(0); // nothing left in flight: a second sweep changes nothing
    const version = await t.exchange.domain.catalogue.get<ResourceVersion>(versionKey(datasetId, 'swept', 2));
    expect(version?.value).toMatchObject({ state: 'failed', failure: expect.stringMatching(/did not finish in time/) });
    expect((await t.request('GET', path('swept'), { token })).body).toMatchObject({ status: 'failed', current: { version: 1 } });
    await expectVersion1Served('swept');
  });
});

describe('an upload is what was declared', () => {
  /** A presigned upload declared as `declared`, to which `body` is PUT (the local store does not check signatures). */
  const presigned = async (name: string, declared: { bytes: number; sha256?: string }, body: string) => {
    const started = await t.request('POST', path(name, '/uploads'), { token, body: { filename: 'v2.csv', contentType: 'text/csv', ...declared } });
    expect(started.status).toBe(201);
    const { 'content-length': _length, ...headers } = started.body.uploadHeaders as Record<string, string>;
    expect((await fetch(started.body.uploadUrl, { method: 'PUT', headers, body })).status).toBe(200);
    return ingestUploadedObject(t.exchange.domain, uploadObjectKey(datasetId, name, started.body.uploadId), { maxAttempts: 1 });
  };
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('a presigned upload declared at 5 bytes that received 22 is failed, not published', async () => {
    await publishedResource('declared-size');
    const body = 'borough,count\nHackney\n';
    expect(Buffer.byteLength(body)).toBe(22);
    expect(await presigned('declared-size', { bytes: 5 }, body)).toBe('failed');
    expect((await reportOf('declared-size', 2)).report.errors).toEqual([
      expect.objectContaining({ code: 'processing-error', message: expect.stringMatching(/^The file received is 22 bytes, but the upload declared 5 bytes/) }),
    ]);
    await expectVersion1Served('declared-size');
  });

  it('a declared SHA-256 must match the stored bytes', async () => {
    await publishedResource('declared-digest');
    const body = 'borough,count\nHackney,4\n';
    const other = 'borough,count\nHackney,5\n';
    expect(await presigned('declared-digest', { bytes: Buffer.byteLength(body), sha256: sha256(other) }, body)).toBe('failed');
    expect((await reportOf('declared-digest', 2)).report.errors[0].message).toMatch(
      new RegExp(`has SHA-256 ${sha256(body)}, but the upload declared ${sha256(other)}`),
    );
    await expectVersion1Served('declared-digest');
    expect(await presigned('declared-digest', { bytes: Buffer.byteLength(body), sha256: sha256(body).toUpperCase() }, body)).toBe('published');
  });

  it('refuses a malformed SHA-256 when the upload starts', async () => {
    await createResource(t, token, DATASET, { name: 'bad-digest' });
    const started = await t.request('POST', path('bad-digest', '/uploads'), { token, body: { bytes: 3, sha256: 'abc' } });
    expect(started.status).toBe(400);
    expect(started.body.error.details).toBeDefined();
  });
});
