import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectLineBreaks } from '../../../functions/ingest/core/detect-line-break';
import { processBytes, readNdjson, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/** Open Referral UK's services example; the project's copy has CRLF, as published it has CR CR LF. */
const ORUK_SERVICES = join(__dirname, '../../fixtures/standards/oruk/services.csv');

describe('line breaks written as "\\r\\r\\n"', () => {
  it('reads a file whose every line ends in "\\r\\r\\n" as one record per line, with the same rows as its CRLF copy', async () => {
    const crlf = await readFile(ORUK_SERVICES, 'utf8');
    expect(crlf).not.toContain('\r\r\n');
    const doubled = crlf.replace(/\r\n/g, '\r\r\n');
    const fromDoubled = await processBytes(doubled);
    const fromCrlf = await processBytes(crlf);
    expect(fromDoubled.report.errors).toEqual([]);
    expect(fromDoubled.report.warnings).toEqual([]);
    expect(fromDoubled.report.valid).toBe(true);
    expect(fromDoubled.report.rowCount).toBe(fromCrlf.report.rowCount);
    expect(fromDoubled.schema).toEqual(fromCrlf.schema);
    const rows = await readNdjson(fromDoubled.outputs!.ndjson.path);
    expect(rows).toEqual(await readNdjson(fromCrlf.outputs!.ndjson.path));
    expect(rows.every((row) => Object.values(row).every((v) => typeof v !== 'string' || !v.includes('\r')))).toBe(true);
  });

  it('reports a blank row of a doubled-CR file as in its CRLF copy, and keeps a quoted line break inside a cell', async () => {
    const doubled = await processBytes('id,note\r\r\n1,"two\r\r\nlines"\r\r\n\r\r\n2,b\r\r\n');
    const crlf = await processBytes('id,note\r\n1,"two\r\nlines"\r\n\r\n2,b\r\n');
    expect(doubled.report.errors.map((e) => [e.code, e.row])).toEqual([['blank-row', 3]]);
    expect(doubled.report).toEqual(crlf.report);
    const cell = await processBytes('id,note\r\r\n1,"two\r\r\nlines"\r\r\n');
    expect((await readNdjson(cell.outputs!.ndjson.path))[0].note).toBe('two\r\r\nlines');
  });

  it('reads a later line that lost its extra CR (beyond the sample) as one record, not as part of the next', async () => {
    const head = 'id,name\r\r\n1,a\r\r\n';
    const result = await processBytes(`${head}2,b\r\n3,c\r\r\n`, { limits: { sampleBytes: head.length } }, 4);
    expect(result.report.errors).toEqual([]);
    expect((await readNdjson(result.outputs!.ndjson.path)).map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });

  it('is chosen only when every line break in the sample is "\\r\\r\\n"', () => {
    expect(detectLineBreaks('a,b\r\r\n1,2\r\r\n3,4')).toBe('doubled-cr');
    expect(detectLineBreaks('a,b\r\n1,2\r\n')).toBe('auto');
    expect(detectLineBreaks('a,b\r\r\n1,2\r\n')).toBe('auto');
    expect(detectLineBreaks('a,b\n1,2\n')).toBe('auto');
    expect(detectLineBreaks('a,b')).toBe('auto');
    expect(detectLineBreaks('\n\r\r\n')).toBe('auto');
  });
});
