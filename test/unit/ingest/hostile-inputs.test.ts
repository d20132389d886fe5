import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { processUpload, UnknownDataSchemaError } from '../../../functions/ingest/core';
import { fixture, listDir, newWorkDir, processBytes, processFile, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/** Each bad input gives an invalid report with one clear error, no outputs, and no exception. */
async function expectRefused(result: Awaited<ReturnType<typeof processBytes>>, code: string, message: RegExp): Promise<void> {
  expect(result.ok).toBe(false);
  expect(result.report.valid).toBe(false);
  expect(result.report.errors.map((e) => e.code)).toEqual([code]);
  expect(result.report.errors[0].message).toMatch(message);
  expect(result.outputs).toBeUndefined();
  expect(await listDir(result.workDir)).toEqual([]);
}

describe('hostile and broken uploads', () => {
  it('an empty file', async () => {
    const result = await processBytes('');
    await expectRefused(result, 'format-error', /The file is empty/);
    expect(result.original).toEqual({ sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', bytes: 0 });
  });

  it('a file of only a BOM and blank lines', async () => {
    await expectRefused(await processBytes('\uFEFF\r\n\r\n'), 'format-error', /empty/);
  });

  it('binary renamed .csv', async () => {
    const result = await processFile('encodings/binary.csv');
    await expectRefused(result, 'format-error', /looks binary/);
    expect(result.detected).toEqual({});
    expect(result.original.bytes).toBe(29);
  });

  it('a gzip bomb is refused from its magic bytes, never unpacked', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61)); // 64 MB of "a" in ~65 KB
    const started = Date.now();
    const result = await processBytes(bomb);
    await expectRefused(result, 'format-error', /gzip-compressed/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.original.bytes).toBe(bomb.length);
  });

  it('a small gzip fixture renamed .csv', async () => {
    await expectRefused(await processFile('encodings/gzipped.csv'), 'format-error', /gzip/);
  });

  it('10 000 columns', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    await expectRefused(await processBytes(`${header}\n${header}\n`), 'format-error', /10,000 columns; at most 1,000/);
  });

  it('a 5 MB single CSV cell', async () => {
    const result = await processBytes(`a,b\n1,"${'x'.repeat(5 * 1024 * 1024)}"\n`);
    await expectRefused(result, 'format-error', /Row 2 is larger than the 1,024 KB/);
    expect(result.report.errors[0].row).toBe(2);
  });

  it('an unterminated quote in a big file stops at the record cap, not at the end', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i},row ${i}`).join('\n');
    const result = await processBytes(`a,b\n1,"oops\n${rows}\n`);
    await expectRefused(result, 'format-error', /never closed|larger than/);
    expect(result.original.bytes).toBeGreaterThan(1_000_000);
  });

  it('a 5 MB value in a JSON array and in NDJSON', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    await expectRefused(await processBytes(`[{"a":1},{"a":"${big}"}]`), 'format-error', /larger than the 1,024 KB/);
    await expectRefused(await processBytes(`{"a":1}\n{"a":"${big}"}\n`), 'format-error', /longer than the 1,024 KB/);
  });

  it('JSON that ends early', async () => {
    await expectRefused(await processBytes('[{"a":1},{"a":2},{"a":'), 'format-error', /not valid JSON after row 3: it ends before/);
  });

  it('JSON that is a single object or an array of non-objects', async () => {
    await expectRefused(await processBytes('{\n  "a": 1\n}'), 'format-error', /single object/);
    const result = await processBytes('[[1,2],[3,4]]');
    expect(result.report.errorCounts).toEqual({ 'format-error': 3 });
    expect(result.report.errors.map((e) => e.message)).toEqual([
      'Row 2 is an array, not an object of column names to values.',
      'Row 3 is an array, not an object of column names to values.',
      'The file has no columns: no header row or no keys in its objects.',
    ]);
  });

  it('an empty JSON array', async () => {
    await expectRefused(await processBytes('[]'), 'format-error', /no columns/);
  });

  it('an HTML error page saved as CSV', async () => {
    await expectRefused(await processBytes('<!DOCTYPE html>\n<html><body>Not found</body></html>\n'), 'format-error', /HTML/);
  });

  it('keeps hashing the whole original after a fatal error', async () => {
    const bytes = await readFile(fixture('errors/unterminated-quote.csv'));
    const result = await processBytes(bytes, {}, 4);
    expect(result.original.bytes).toBe(bytes.length);
  });
});

describe("what is not the file's fault is thrown", () => {
  it('an unknown data schema id', async () => {
    await expect(processUpload({ source: (async function* () {})(), dataSchemaId: 'nope', workDir: await newWorkDir() })).rejects.toBeInstanceOf(
      UnknownDataSchemaError,
    );
  });

  it('a failing source stream', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('a,b\n1,2\n');
      throw new Error('connection reset');
    }
    await expect(processUpload({ source: broken(), workDir: await newWorkDir() })).rejects.toThrow('connection reset');
  });
});

describe('GeoJSON that is not a list of features', () => {
  it('reports each element that is not a Feature', async () => {
    const { report } = await processBytes(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":null},{"type":"Point","coordinates":[0,51]}]}',
    );
    expect(report.errors).toEqual([
      { code: 'format-error', row: 3, field: null, message: 'Row 3 is not a GeoJSON Feature (an object with "type": "Feature").' },
    ]);
    expect(report.rowCount).toBe(2);
  });
});
