import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CastValue } from '../../../functions/ingest/core/cast';
import { type ParquetJob, writeParquet } from '../../../functions/ingest/core/outputs/parquet';
import { ParquetInPass, SEGMENTS_DIR_NAME } from '../../../functions/ingest/core/outputs/parquet-in-pass';
import { OUTPUT_NAMES, RowOutputs } from '../../../functions/ingest/core/outputs/row-outputs';
import { ROWS_DB_NAME } from '../../../functions/ingest/core/outputs/rows-table-db';
import type { TableSchemaField } from '../../../functions/ingest/core/table-schema';
import { newWorkDir, parquetContents, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

const FIELDS: TableSchemaField[] = [
  { name: 'note', type: 'string' },
  { name: 'value', type: 'number' },
  { name: 'count', type: 'integer' },
  { name: 'ok', type: 'boolean' },
  { name: 'day', type: 'date' },
  { name: 'local time', type: 'datetime' },
  { name: 'utc time', type: 'datetime' },
  { name: 'mixed time', type: 'datetime' },
  { name: `it's "quoted" ✓`, type: 'string' },
];
/** Per column: some datetime without an offset (as the validator reports it). */
const LOCAL_DATETIMES = [false, false, false, false, false, true, false, true, false];

const NOTES = ['plain', 'say "hi"', "it's", 'line\nbreak\r\nand, comma', 'back\\slash', '你好 ✓ 😀', '=1+2', '', ' spaced ', 'tab\there', '\u0001ctl'];

/** Row `i`: every type, with a null in each column now and then. */
function row(i: number): (CastValue | null)[] {
  const hour = String(i % 24).padStart(2, '0');
  const values: (CastValue | null)[] = [
    `${NOTES[i % NOTES.length]} ${i}`,
    i % 5 === 0 ? -i / 7 : i % 5 === 1 ? 1.5e300 : i % 5 === 2 ? 0.1 + 0.2 : i * 1000.25,
    i % 2 ? 9_007_199_254_740_991 - i : -i,
    i % 3 === 0,
    `20${String(10 + (i % 20))}-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
    `2024-03-31T${hour}:30:15${i % 4 === 0 ? '.123' : ''}`,
    `2023-10-29T${hour}:00:00${i % 3 === 0 ? '.5' : ''}Z`,
    i % 2 ? `2024-06-01T${hour}:59:59Z` : `1999-12-31T${hour}:00:00`,
    NOTES[(i * 7) % NOTES.length],
  ];
  const nulled = i % 11;
  if (nulled < values.length) values[nulled] = null;
  return values;
}

async function writeRows(format: string, rows: number, first?: (CastValue | null)[]): Promise<{ workDir: string; outputs: RowOutputs }> {
  const workDir = await newWorkDir();
  const outputs = await RowOutputs.create(workDir, FIELDS, format);
  if (first) outputs.write(first);
  for (let i = 0; i < rows; i++) {
    outputs.write(row(i));
    if (i % 1000 === 999) await outputs.flushIfFull();
  }
  await outputs.flushIfFull();
  return { workDir, outputs };
}

function job(workDir: string, parquetName: string): ParquetJob {
  return {
    ndjsonPath: join(workDir, OUTPUT_NAMES.ndjson),
    parquetPath: join(workDir, parquetName),
    fields: FIELDS,
    localDatetimes: LOCAL_DATETIMES,
    workDir,
    memoryLimit: '256MB',
    maxRecordBytes: 1 << 20,
  };
}

/** What DuckDB leaves in the work directory while the rows are loaded. */
const DUCKDB_FILES = [SEGMENTS_DIR_NAME, ROWS_DB_NAME, `${ROWS_DB_NAME}.wal`, '.duckdb-spill'];
const duckdbFilesIn = (workDir: string): string[] => DUCKDB_FILES.filter((name) => existsSync(join(workDir, name)));

describe("a workbook's Parquet, its rows loaded during the pass", () => {
  // 60 000 rows: ~13 MB of NDJSON, several segments loaded during the pass and a partial one after it.
  it.each([0, 1, 2, 60_000])('has the columns, types and values of the Parquet converted from the whole NDJSON (%i rows)', async (rows) => {
    const { workDir, outputs } = await writeRows('xlsx', rows);
    await outputs.closeLines();
    const inPass = await outputs.parquet(job(workDir, OUTPUT_NAMES.parquet));
    expect(duckdbFilesIn(workDir)).toEqual([]);
    const converted = await writeParquet(job(workDir, 'converted.parquet'));
    const [got, expected] = await Promise.all([parquetContents(inPass.path), parquetContents(converted.path)]);
    expect(got.types).toEqual(expected.types);
    expect((got.types as string[][]).map(([, type]) => type)).toEqual([
      'VARCHAR',
      'DOUBLE',
      'BIGINT',
      'BOOLEAN',
      'DATE',
      'TIMESTAMP',
      'TIMESTAMP WITH TIME ZONE',
      'TIMESTAMP',
      'VARCHAR',
    ]);
    expect((got.rows as unknown[]).length).toBe(rows);
    expect(got.rows).toEqual(expected.rows);
    await outputs.discard();
  });

  it('loads segments while the rows are still written', async () => {
    const { workDir, outputs } = await writeRows('ods', 60_000);
    expect(existsSync(join(workDir, ROWS_DB_NAME))).toBe(true);
    expect(existsSync(join(workDir, SEGMENTS_DIR_NAME))).toBe(true);
    await outputs.discard();
  });

  it('throws a DuckDB failure during the pass at the end, having removed its database, spill directory and segments', async () => {
    // A count DuckDB cannot read as a BIGINT: the first segment's load fails while rows are still written.
    const bad = row(1);
    bad[2] = 'not a number';
    const { workDir, outputs } = await writeRows('xlsx', 60_000, bad);
    await outputs.closeLines();
    await expect(outputs.parquet(job(workDir, OUTPUT_NAMES.parquet))).rejects.toThrow(/not a number|convert|Conversion/i);
    expect(duckdbFilesIn(workDir)).toEqual([]);
    expect(existsSync(join(workDir, OUTPUT_NAMES.parquet))).toBe(false);
    await outputs.discard();
    expect(await readdir(workDir)).toEqual([]);
  });

  it('is stopped and removed by discard in the middle of the pass, nothing written after', async () => {
    const { workDir, outputs } = await writeRows('xlsx', 60_000);
    // More rows pushed without waiting: blocks and segments are still on their way when discard comes.
    for (let i = 0; i < 20_000; i++) outputs.write(row(i));
    const flushing = outputs.flushIfFull().catch(() => undefined);
    await outputs.discard();
    await flushing;
    expect(await readdir(workDir)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readdir(workDir)).toEqual([]);
  });

  it('is closed in the middle of a block being taken: that block and the ones after leave nothing behind', async () => {
    const workDir = await newWorkDir();
    const inPass = new ParquetInPass(workDir, FIELDS);
    const line = `${JSON.stringify(Object.fromEntries(FIELDS.map((f, i) => [f.name, row(3)[i]])))}\n`;
    const block = Buffer.from(line.repeat(Math.ceil((1024 * 1024) / line.length)));
    // The NDJSON's writer hands its blocks over one after the other, as here.
    let taken: Promise<void> = Promise.resolve();
    let second: Promise<void> = taken;
    for (let i = 0; i < 12; i++) {
      taken = taken.then(() => inPass.take(block));
      if (i === 1) second = taken;
    }
    await second;
    await inPass.close();
    await taken;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readdir(workDir)).toEqual([]);
  });

  it('throws a failure to open its database at the end, leaving nothing behind', async () => {
    const workDir = await newWorkDir();
    // The database's path taken by a directory: DuckDB cannot open it.
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(workDir, ROWS_DB_NAME, 'x'), { recursive: true });
    const outputs = await RowOutputs.create(workDir, FIELDS, 'xlsx');
    for (let i = 0; i < 100; i++) outputs.write(row(i));
    await outputs.flushIfFull();
    await outputs.closeLines();
    await expect(outputs.parquet(job(workDir, OUTPUT_NAMES.parquet))).rejects.toThrow();
    expect(duckdbFilesIn(workDir)).toEqual([]);
    await outputs.discard();
    expect(await readdir(workDir)).toEqual([]);
  });

  it('is not used for other formats (their Parquet is converted from the NDJSON at the end)', async () => {
    const { workDir, outputs } = await writeRows('csv', 60_000);
    expect(duckdbFilesIn(workDir)).toEqual([]);
    await outputs.closeLines();
    const parquet = await outputs.parquet(job(workDir, OUTPUT_NAMES.parquet));
    expect((await parquetContents(parquet.path)).rows as unknown[]).toHaveLength(60_000);
    await outputs.discard();
  });
});
