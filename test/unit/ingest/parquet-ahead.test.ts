import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ParquetJob, writeParquet } from '../../../functions/ingest/core/outputs/parquet';
import { OUTPUT_NAMES, RowOutputs } from '../../../functions/ingest/core/outputs/row-outputs';
import type { TableSchemaField } from '../../../functions/ingest/core/table-schema';
import { newWorkDir, parquetContents, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

const FIELDS: TableSchemaField[] = [
  { name: 'site', type: 'string' },
  { name: 'value', type: 'number' },
  { name: "it's measured", type: 'datetime' },
];

/** The Parquet DuckDB's spill directory: there while its instance is open. */
const spillOf = (workDir: string) => join(workDir, '.duckdb-spill');

async function openedWithin(path: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (existsSync(path)) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return existsSync(path);
}

async function writeRows(format: string): Promise<{ workDir: string; outputs: RowOutputs }> {
  const workDir = await newWorkDir();
  const outputs = await RowOutputs.create(workDir, FIELDS, format);
  for (let i = 0; i < 5000; i++) outputs.write([`CD${i % 7}`, i / 4, `2024-01-01T${String(i % 24).padStart(2, '0')}:00:00Z`]);
  await outputs.flushIfFull();
  return { workDir, outputs };
}

function job(workDir: string, ndjsonPath: string, parquetName: string): ParquetJob {
  return {
    ndjsonPath,
    parquetPath: join(workDir, parquetName),
    fields: FIELDS,
    localDatetimes: [false, false, false],
    workDir,
    memoryLimit: '256MB',
    maxRecordBytes: 1 << 20,
  };
}

describe("a workbook's Parquet DuckDB opened while the rows are read", () => {
  it('is open before the rows end, writes the same Parquet as a throwaway DuckDB, and is closed after', async () => {
    const { workDir, outputs } = await writeRows('xlsx');
    expect(await openedWithin(spillOf(workDir), 5000)).toBe(true);
    const lines = await outputs.closeLines();
    const ahead = await outputs.parquet(job(workDir, lines.ndjson.path, OUTPUT_NAMES.parquet));
    expect(existsSync(spillOf(workDir))).toBe(false);
    const throwaway = await writeParquet(job(workDir, lines.ndjson.path, 'throwaway.parquet'));
    expect(ahead.bytes).toBeGreaterThan(0);
    const [got, expected] = await Promise.all([parquetContents(ahead.path), parquetContents(throwaway.path)]);
    expect(got).toEqual(expected);
    expect((got.rows as unknown[]).length).toBe(5000);
  });

  it('is closed by discard when the upload publishes nothing', async () => {
    const { workDir, outputs } = await writeRows('ods');
    expect(await openedWithin(spillOf(workDir), 5000)).toBe(true);
    await outputs.discard();
    expect(existsSync(spillOf(workDir))).toBe(false);
    // Taken by discard: a later Parquet opens a throwaway DuckDB of its own, nothing is reused.
    await expect(outputs.parquet(job(workDir, join(workDir, 'missing.ndjson'), 'x.parquet'))).rejects.toThrow();
    expect(existsSync(spillOf(workDir))).toBe(false);
  });

  it('is not opened ahead for other formats (their writer keeps its throwaway DuckDB)', async () => {
    const { workDir, outputs } = await writeRows('csv');
    expect(await openedWithin(spillOf(workDir), 300)).toBe(false);
    const lines = await outputs.closeLines();
    const parquet = await outputs.parquet(job(workDir, lines.ndjson.path, OUTPUT_NAMES.parquet));
    expect((await parquetContents(parquet.path)).rows as unknown[]).toHaveLength(5000);
    expect(existsSync(spillOf(workDir))).toBe(false);
  });
});
