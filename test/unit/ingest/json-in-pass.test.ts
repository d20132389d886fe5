import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTPUT_NAMES, RowOutputs } from '../../../functions/ingest/core/outputs/row-outputs';
import type { TableSchemaField } from '../../../functions/ingest/core/table-schema';
import { newWorkDir, removeWorkDirs } from './helpers';

afterAll(removeWorkDirs);

const FIELDS: TableSchemaField[] = [
  { name: 'note', type: 'string' },
  { name: 'n', type: 'integer' },
];

/** Rows with newlines, commas, brackets and non-Latin text inside strings: only a row's end may get a comma. */
const row = (i: number): [string, number] => [i % 3 === 0 ? `line\nbreak, [${i}] ✓ 你好` : `plain ${i}\r\n}`, i];

async function outputsOf(format: string, rows: number): Promise<{ workDir: string; outputs: RowOutputs }> {
  const workDir = await newWorkDir();
  const outputs = await RowOutputs.create(workDir, FIELDS, format);
  for (let i = 0; i < rows; i++) {
    outputs.write(row(i));
    if (i % 1000 === 999) await outputs.flushIfFull();
  }
  await outputs.flushIfFull();
  return { workDir, outputs };
}

async function published(format: string, rows: number): Promise<{ bytes: number; text: string }> {
  const { outputs } = await outputsOf(format, rows);
  const { json } = await outputs.close();
  const text = await readFile(json.path, 'utf8');
  expect((await stat(json.path)).size).toBe(json.bytes);
  await outputs.discard(); // closes a workbook's Parquet DuckDB opened ahead
  return { bytes: json.bytes, text };
}

describe("a workbook's JSON array, written during the pass", () => {
  it.each([0, 1, 2, 40_000])('is byte for byte the copy from the NDJSON (%i rows)', async (rows) => {
    const [inPass, copied] = await Promise.all([published('xlsx', rows), published('csv', rows)]);
    expect(inPass).toEqual(copied);
    expect((JSON.parse(inPass.text) as unknown[]).length).toBe(rows);
    if (rows) expect(JSON.parse(inPass.text)[rows - 1]).toEqual({ note: row(rows - 1)[0], n: rows - 1 });
  });

  it('is on disk before the rows end (no copy after the last row)', async () => {
    const { workDir, outputs } = await outputsOf('ods', 40_000);
    expect((await stat(join(workDir, OUTPUT_NAMES.json))).size).toBeGreaterThan(0);
    await outputs.discard();
  });

  it('is deleted with the rest when the upload publishes nothing', async () => {
    const { workDir, outputs } = await outputsOf('xlsx', 40_000);
    await outputs.discard();
    expect(existsSync(join(workDir, OUTPUT_NAMES.json))).toBe(false);
  });
});
