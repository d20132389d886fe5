import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createResource, download, presignedUploadAndWait, uploadAndWait } from '../support/publishing';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/**
 * Every format, encoding, error code and hostile input, through the API as a publisher sends
 * them: upload, S3 event, ingest, then the resource's status and the version's report.
 */
const fixture = (path: string) => readFileSync(join(__dirname, '..', 'fixtures', 'ingest', path));

let t: TestExchange;
let token: string;
let counter = 0;
beforeAll(async () => {
  t = await startTestExchange();
  token = await t.organisationWithToken('tfl', 'editor');
  await t.request('POST', '/api/v1/datasets', { token, body: datasetInput('fixtures') });
});
afterAll(() => t.stop());

interface Case {
  bytes: () => Uint8Array;
  filename: string;
  dataSchema?: string;
  /** The report's error code when the upload must fail; absent when it must publish. */
  fails?: string;
}

const publish = async ({ bytes, filename, dataSchema }: Case) => {
  const name = `r${++counter}`;
  await createResource(t, token, 'fixtures', { name, ...(dataSchema ? { dataSchema } : {}) });
  const body = bytes();
  const { resource } =
    body.byteLength > 4 * 1024 * 1024
      ? await presignedUploadAndWait(t, token, 'fixtures', name, body, filename)
      : await uploadAndWait(t, token, 'fixtures', name, body, filename);
  const report = await t.request('GET', `/api/v1/datasets/fixtures/resources/${name}/versions/1/report`, { token });
  return { name, resource: resource.body, report: report.body.report };
};

const file = (path: string, extra: Partial<Case> = {}): [string, Case] => [path, { bytes: () => fixture(path), filename: path.split('/').pop()!, ...extra }];

describe('formats and encodings publish', () => {
  it.each([
    file('encodings/utf8.csv'),
    file('encodings/utf8-bom.csv'),
    file('encodings/utf16le-bom.csv'),
    file('encodings/utf16be-bom.csv'),
    file('encodings/windows-1252.csv'),
    file('formats/readings.tsv', { dataSchema: 'air-quality-readings' }),
    file('formats/readings-semicolon.csv', { dataSchema: 'air-quality-readings' }),
    file('formats/readings-pipe.psv', { dataSchema: 'air-quality-readings' }),
    file('formats/readings.json', { dataSchema: 'air-quality-readings' }),
    file('formats/readings.ndjson', { dataSchema: 'air-quality-readings' }),
    file('formats/charge-points.geojson'),
  ])('%s', async (_path, testCase) => {
    const { resource, report } = await publish(testCase);
    expect({ status: resource.status, errors: report.errors }).toEqual({ status: 'published', errors: [] });
    expect(resource.current.rowCount).toBeGreaterThan(0);
  });

  it('decodes every encoding to the same text', async () => {
    const texts = [];
    for (const path of ['encodings/utf8.csv', 'encodings/utf16le-bom.csv', 'encodings/windows-1252.csv']) {
      const { name } = await publish(file(path)[1]);
      texts.push((await download(t, `/api/v1/datasets/fixtures/resources/${name}/download?format=csv`)).bytes.toString('utf8'));
    }
    expect(texts[0]).toContain('Café Rouge');
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
  });

  it('neutralises spreadsheet formulas in the CSV download but keeps numbers', async () => {
    const { name } = await publish(file('formats/injection.csv')[1]);
    const csv = (await download(t, `/api/v1/datasets/fixtures/resources/${name}/download?format=csv`)).bytes.toString('utf8');
    expect(csv).toBe("label,amount,comment\r\n'=1+2,-45,'-45 is a debt\r\n'@SUM(A1),-45138,'+tip\r\nplain,12,'\ttab start\r\n");
  });
});

describe('each error code gives a failed version with a report naming it', () => {
  it.each<[string, Case]>([
    file('errors/blank-label.csv', { fails: 'blank-label' }),
    file('errors/duplicate-label.csv', { fails: 'duplicate-label' }),
    file('errors/extra-cell.csv', { fails: 'extra-cell' }),
    file('errors/missing-cell.csv', { fails: 'missing-cell' }),
    file('errors/blank-row.csv', { fails: 'blank-row' }),
    [
      'bytes that are not UTF-8 after a UTF-8 detection sample',
      {
        bytes: () => Buffer.concat([Buffer.from(`name,amount\n${'Café,12\n'.repeat(20_000)}`), Buffer.from([0x42, 0xff, 0x2c, 0x31, 0x0a])]),
        filename: 'late-bad-byte.csv',
        fails: 'encoding-error',
      },
    ],
    file('errors/missing-label.csv', { dataSchema: 'ev-charge-points', fails: 'missing-label' }),
    file('errors/type-error.csv', { dataSchema: 'ev-charge-points', fails: 'type-error' }),
    file('errors/constraint-error.csv', { dataSchema: 'ev-charge-points', fails: 'constraint-error' }),
    file('errors/unique-error.csv', { dataSchema: 'ev-charge-points', fails: 'unique-error' }),
    file('errors/unterminated-quote.csv', { fails: 'format-error' }),
  ])('%s', async (_path, testCase) => {
    const { resource, report } = await publish(testCase);
    expect(resource.status).toBe('failed');
    expect(resource.current).toBeUndefined();
    expect(report.valid).toBe(false);
    expect(Object.keys(report.errorCounts)).toContain(testCase.fails);
    const error = report.errors.find((e: { code: string }) => e.code === testCase.fails);
    expect(error.message.length).toBeGreaterThan(20);
    // Row-level problems name the row; a problem with the byte stream itself (encoding) has none.
    if (testCase.fails !== 'encoding-error') expect(error.row).toEqual(expect.any(Number));
  });
});

describe('hostile uploads get a report, never a 500 or a half-published version', () => {
  const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
  it.each<[string, Case]>([
    file('encodings/binary.csv', { fails: 'format-error' }),
    file('encodings/gzipped.csv', { fails: 'format-error' }),
    ['a gzip bomb', { bytes: () => gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61)), filename: 'bomb.csv', fails: 'format-error' }],
    ['10 000 columns', { bytes: () => Buffer.from(`${header}\n${header}\n`), filename: 'wide.csv', fails: 'format-error' }],
    ['a 5 MB single cell', { bytes: () => Buffer.from(`a,b\n1,"${'x'.repeat(5 * 1024 * 1024)}"\n`), filename: 'cell.csv', fails: 'format-error' }],
  ])('%s', async (_label, testCase) => {
    const { resource, report } = await publish(testCase);
    expect(resource.status).toBe('failed');
    expect(resource.current).toBeUndefined();
    expect(Object.keys(report.errorCounts)).toContain(testCase.fails);
    expect(report.errors.length).toBeLessThanOrEqual(report.maxErrors);
  });

  it('an empty file is refused at the door with 400', async () => {
    await createResource(t, token, 'fixtures', { name: 'empty' });
    const response = await t.request('PUT', '/api/v1/datasets/fixtures/resources/empty/data', { token, rawBody: '', headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/empty/);
  });
});
