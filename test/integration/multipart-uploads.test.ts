import { createHash } from 'node:crypto';
import { createResource, download } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Multipart uploads (routes/multipart-uploads.ts) against the local exchange and s3rver: parts go
 * straight to the object store through presigned URLs, the exchange lists the stored ones and
 * fresh URLs for the missing ones, and completing assembles the file, which ingest publishes.
 */
// Ingest of the multi-megabyte file takes a while on a busy machine.
jest.setTimeout(120_000);

let t: TestExchange;
let token: string;
let outsider: string;
const MiB = 1024 * 1024;

/** A CSV of about `bytes` bytes whose rows are all valid. */
const csvOf = (bytes: number): Buffer => {
  const lines = ['site,reading'];
  let size = lines[0].length + 1;
  for (let i = 0; size < bytes; i++) {
    const line = `site-${String(i).padStart(7, '0')},${i % 1000}`;
    lines.push(line);
    size += line.length + 1;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
};

const base = (dataset: string) => `/api/v1/datasets/${dataset}/resources/readings`;

const sendPart = async (
  dataset: string,
  uploadId: string,
  part: { partNumber: number; uploadUrl: string; uploadHeaders: Record<string, string> },
  file: Buffer,
  partBytes: number,
) => {
  const body = file.subarray((part.partNumber - 1) * partBytes, part.partNumber * partBytes);
  const put = await fetch(part.uploadUrl, { method: 'PUT', headers: part.uploadHeaders, body });
  expect(put.status).toBe(200);
  const recorded = await t.request('PUT', `${base(dataset)}/uploads/${uploadId}/parts/${part.partNumber}`, { token, body: { etag: put.headers.get('etag') } });
  expect(recorded.status).toBe(200);
};

beforeAll(async () => {
  t = await startTestExchange();
  token = await t.organisationWithToken('multipart-org', 'editor');
  outsider = await t.organisationWithToken('multipart-outsider', 'admin');
});
afterAll(() => t.stop());

it('resumes from the parts listing and publishes the assembled file byte for byte', async () => {
  expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('multipart-readings') })).status).toBe(201);
  await createResource(t, token, 'multipart-readings', { name: 'readings' });
  const file = csvOf(6 * MiB);
  const sha256 = createHash('sha256').update(file).digest('hex');
  const started = await t.request('POST', `${base('multipart-readings')}/multipart-uploads`, {
    token,
    body: { filename: 'readings.csv', bytes: file.byteLength, sha256, contentType: 'text/csv', partBytes: 5 * MiB },
  });
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ method: 'multipart', partBytes: 5 * MiB, partCount: 2, state: 'awaiting-bytes' });
  expect(started.body).not.toHaveProperty('multipart');
  const { uploadId } = started.body;

  const first = await t.request('GET', `${base('multipart-readings')}/uploads/${uploadId}/parts`, { token });
  expect(first.status).toBe(200);
  expect(first.body.stored).toEqual([]);
  expect(first.body.missing.map((p: { partNumber: number; bytes: number }) => [p.partNumber, p.bytes])).toEqual([
    [1, 5 * MiB],
    [2, file.byteLength - 5 * MiB],
  ]);
  // The first part, then an interruption: completing now names what is missing.
  await sendPart('multipart-readings', uploadId, first.body.missing[0], file, 5 * MiB);
  const early = await t.request('POST', `${base('multipart-readings')}/uploads/${uploadId}/complete`, { token });
  expect(early.status).toBe(409);
  expect(early.body.error.details).toEqual({ missingParts: [2] });

  const resumed = await t.request('GET', `${base('multipart-readings')}/uploads/${uploadId}/parts`, { token });
  expect(resumed.body.stored.map((p: { partNumber: number }) => p.partNumber)).toEqual([1]);
  expect(resumed.body.missing.map((p: { partNumber: number }) => p.partNumber)).toEqual([2]);
  for (const part of resumed.body.missing) await sendPart('multipart-readings', uploadId, part, file, 5 * MiB);

  const completed = await t.request('POST', `${base('multipart-readings')}/uploads/${uploadId}/complete`, { token });
  expect(completed.status).toBe(202);
  await t.exchange.ingestIdle();
  const after = await t.request('GET', `${base('multipart-readings')}/uploads/${uploadId}/parts`, { token });
  expect(after.body.missing).toEqual([]);
  const resource = await t.request('GET', base('multipart-readings'), { token });
  expect(resource.body).toMatchObject({ status: 'published', current: { version: 1, sha256, bytes: file.byteLength } });
  const original = await download(t, `${base('multipart-readings')}/download?format=original`, token);
  expect(original.bytes.equals(file)).toBe(true);
});

it('answers 404 to another organisation and 400 to a bad part number or receipt', async () => {
  expect((await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('multipart-private', { tier: 'private' }) })).status).toBe(201);
  await createResource(t, token, 'multipart-private', { name: 'readings' });
  const started = await t.request('POST', `${base('multipart-private')}/multipart-uploads`, { token, body: { bytes: 6 * MiB, partBytes: 5 * MiB } });
  expect(started.status).toBe(201);
  const parts = `${base('multipart-private')}/uploads/${started.body.uploadId}/parts`;
  expect((await t.request('GET', parts, { token: outsider })).status).toBe(404);
  expect((await t.request('GET', parts)).status).toBe(404);
  const badPart = await t.request('PUT', `${parts}/3`, { token, body: { etag: 'abc' } });
  expect(badPart.status).toBe(400);
  expect(badPart.body.error.details.fields).toEqual([{ field: 'part', message: 'must be a part number from 1 to 2' }]);
  const badReceipt = await t.request('PUT', `${parts}/1`, { token, body: { etag: '' } });
  expect(badReceipt.status).toBe(400);
  const tooSmall = await t.request('POST', `${base('multipart-private')}/multipart-uploads`, { token, body: { bytes: 100, partBytes: 1024 } });
  expect(tooSmall.status).toBe(400);
});
