import { readFile } from 'node:fs/promises';
import { bothPaths } from './both-paths';

/**
 * A UTF-8 file with a byte-order mark is spooled as it came, BOM included, and the fast path
 * reads that spool (DuckDB's check, the schema inference). The BOM then stands before the first
 * cell, so a quoted first header cell is not read as quoted: a line break inside it split the
 * header in two, and the fast path published the header's second half as a row.
 */
describe('fast path: a UTF-8 file with a byte-order mark', () => {
  const rows = ['1,2', '3,4', '5,6'].join('\n');

  it.each([4096, 1, 2, 3])('reads a quoted first header cell holding a line break as the JS path does (chunks of %i bytes)', async (chunkSize) => {
    const result = await bothPaths(`\uFEFF"first\ncolumn",second\n${rows}\n`, undefined, chunkSize);
    expect(result.report.rowCount).toBe(3);
    expect(result.schema.fields.map((f) => f.type)).toEqual(['integer', 'integer']);
    expect((await readFile(result.outputs!.ndjson.path, 'utf8')).split('\n')[0]).toBe('{"first\\ncolumn":1,"second":2}');
  });

  it('still proves a file whose BOM is not followed by a quote', async () => {
    const result = await bothPaths(`\uFEFFfirst,second\n${rows}\n`, undefined, 4096);
    expect(result.fastPath?.proven).toBe(true);
    expect(result.report.rowCount).toBe(3);
  });
});
