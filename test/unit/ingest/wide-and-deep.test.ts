import { duckdbMemoryFor } from '../../../functions/ingest/core/limits';
import { processingFailureReport } from '../../../functions/ingest/core/report';
import { duckDbQuery, sqlPath } from '../../support/duckdb-query';
import { processBytes, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

/** A CSV of `columns` text columns and `rows` rows: small in bytes, wide for DuckDB. */
const wideCsv = (columns: number, rows: number): string => {
  const names = Array.from({ length: columns }, (_, i) => `column_${i}`);
  const lines = [names.join(',')];
  for (let r = 0; r < rows; r++) lines.push(names.map((_, i) => `v${r}x${i}`).join(','));
  return `${lines.join('\n')}\n`;
};

/** NDJSON whose first row holds a value nested `depth` arrays deep. */
const deepNdjson = (depth: number): string => `{"id":1,"a":${'['.repeat(depth)}${']'.repeat(depth)}}\n{"id":2,"a":null}\n`;

describe('wide files: DuckDB memory grows with the column count', () => {
  it('publishes a 1 000-column, 5-row text CSV (128 MB flat ran out of memory writing its Parquet)', async () => {
    const result = await processBytes(wideCsv(1000, 5), { filename: 'wide.csv' });
    expect(result.report).toMatchObject({ valid: true, rowCount: 5, columnCount: 1000 });
    expect(result.ok).toBe(true);
    const [row] = await duckDbQuery(`SELECT count(*)::INTEGER AS n, max(column_999) AS last FROM read_parquet(${sqlPath(result.outputs!.parquet.path)})`);
    expect(row).toEqual({ n: 5, last: 'v4x999' });
  });

  it('publishes 5 000 rows of 1 000 text columns (128 KB more per column still ran out of memory)', async () => {
    const result = await processBytes(wideCsv(1000, 5000), { filename: 'wide.csv' });
    expect(result.report).toMatchObject({ valid: true, rowCount: 5000, columnCount: 1000 });
    expect(result.ok).toBe(true);
  }, 120_000);

  it('the budget is the narrow-table one plus a share per column', () => {
    expect(duckdbMemoryFor('128MB', 128 * 1024, 0)).toBe('128MB');
    expect(duckdbMemoryFor('128MB', 128 * 1024, 1000)).toBe('253MB');
    expect(duckdbMemoryFor('128MB', 384 * 1024, 1000)).toBe('503MB');
    expect(duckdbMemoryFor('1GB', 2 ** 20, 10)).toBe('1034MB');
    expect(() => duckdbMemoryFor('lots', 1, 1)).toThrow(/not a number of MB/);
  });
});

describe('deep JSON: a nesting limit, not a stack overflow', () => {
  it.each(['ndjson', 'json', 'geojson'] as const)('%s nested 500 000 levels deep is a format-error for its row', async (format) => {
    const inner = `${'['.repeat(500_000)}${']'.repeat(500_000)}`;
    const text =
      format === 'ndjson'
        ? deepNdjson(500_000)
        : format === 'json'
          ? `[{"id":1,"a":${inner}},{"id":2,"a":null}]`
          : `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"id":1,"a":${inner}}}]}`;
    const result = await processBytes(text, { filename: `deep.${format}`, limits: { maxRecordBytes: 2 * 2 ** 20 } });
    expect(result.ok).toBe(false);
    expect(result.report.errors).toEqual([
      expect.objectContaining({ code: 'format-error', row: 2, field: 'a', message: expect.stringMatching(/nesting is too deep.*more than 64 levels/) }),
    ]);
  });

  it('reads a value exactly at the limit, and refuses one level more', async () => {
    const limits = { maxNestingDepth: 5 };
    expect((await processBytes(deepNdjson(5), { filename: 'ok.ndjson', limits })).ok).toBe(true);
    const over = await processBytes(deepNdjson(6), { filename: 'over.ndjson', limits });
    expect(over.report.errors.map((e) => [e.code, e.row])).toEqual([['format-error', 2]]);
  });
});

describe('the report of an upload the exchange could not finish', () => {
  it('has the usual shape, with one whole-file processing-error', () => {
    expect(processingFailureReport('Processing ran out of memory.')).toEqual({
      valid: false,
      rowCount: 0,
      columnCount: 0,
      errorCount: 1,
      errorCounts: { 'processing-error': 1 },
      errors: [{ code: 'processing-error', row: null, field: null, message: 'Processing ran out of memory.' }],
      errorsTruncated: false,
      maxErrors: 100,
      warnings: [],
    });
  });
});
