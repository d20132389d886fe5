import { readFile } from 'node:fs/promises';
import { getDataSchema, validateUpload, type ProcessResult } from '../../../functions/ingest/core';
import type { IngestLimits } from '../../../functions/ingest/core/limits';
import { chunked, parquetContents, processBytes, readNdjson, withoutFastPath } from './helpers';

/**
 * The differential check of the DuckDB fast path (fast-path.test.ts, fast-path-adversarial.test.ts):
 * the upload goes through both paths, with outputs and validation only, which must give the same
 * result, report and output bytes; a proven file's rows must also pass ajv on their own. Without
 * `dataSchemaId` the schema is inferred.
 * Returns the fast run.
 */
export async function bothPaths(
  bytes: string | Buffer,
  dataSchemaId: string | undefined,
  chunkSize = 64 * 1024,
  limits?: Partial<IngestLimits>,
): Promise<ProcessResult> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  // DuckDB failing to write a proven file's outputs falls back to the JS pass, whose outputs would
  // hide a wrong SQL line: here it must never happen.
  const warnings: string[] = [];
  const warn = jest.spyOn(console, 'warn').mockImplementation((message: unknown) => warnings.push(String(message)));
  const fast = await processBytes(data, { dataSchemaId, limits }, chunkSize).finally(() => warn.mockRestore());
  expect(warnings.filter((message) => /could not write the outputs/.test(message))).toEqual([]);
  const js = await processBytes(data, { dataSchemaId, limits, fastPath: false }, chunkSize);
  expect(js.fastPath).toBeUndefined();
  expect(withoutFastPath(fast)).toEqual(withoutFastPath(js));
  expect(Boolean(fast.outputs)).toBe(Boolean(js.outputs));
  expect(fast.geography).toEqual(js.geography);
  if (fast.outputs && js.outputs) {
    for (const format of ['csv', 'ndjson', 'json'] as const) {
      expect((await readFile(fast.outputs[format].path)).toString('utf8')).toEqual((await readFile(js.outputs[format].path)).toString('utf8'));
    }
    expect(await parquetContents(fast.outputs.parquet.path)).toEqual(await parquetContents(js.outputs.parquet.path));
    expect(Boolean(fast.outputs.geojson)).toBe(Boolean(js.outputs.geojson));
    if (fast.outputs.geojson && js.outputs.geojson) {
      expect((await readFile(fast.outputs.geojson.path)).toString('utf8')).toEqual((await readFile(js.outputs.geojson.path)).toString('utf8'));
    }
  }
  const validatedFast = await validateUpload({ source: chunked(data, chunkSize), dataSchemaId, limits });
  const validatedJs = await validateUpload({ source: chunked(data, chunkSize), dataSchemaId, limits, fastPath: false });
  expect(withoutFastPath(validatedFast)).toEqual(withoutFastPath(validatedJs));
  expect(withoutFastPath(validatedFast)).toEqual({ ...withoutFastPath(fast), ok: validatedFast.ok });
  expect(validatedFast.fastPath?.proven ?? false).toBe(fast.fastPath?.proven ?? false);
  if (fast.fastPath?.proven && fast.outputs && dataSchemaId) await expectRowsPassAjv(fast.outputs.ndjson.path, dataSchemaId);
  return fast;
}

/**
 * Independently of both paths' own shortcuts (fast-row-check, the unique index): every row of a
 * proven file, as published, passes the schema's ajv validator, and no unique key repeats.
 */
async function expectRowsPassAjv(ndjsonPath: string, dataSchemaId: string): Promise<void> {
  const schema = getDataSchema(dataSchemaId)!;
  const seen = schema.uniqueKeys.map(() => new Set<string>());
  for (const row of await readNdjson(ndjsonPath)) {
    const record = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
    const valid = schema.validate(record);
    expect(valid ? [] : schema.validate.errors).toEqual([]);
    schema.uniqueKeys.forEach((key, k) => {
      if (!key.every((n) => n in record)) return;
      const text = JSON.stringify(key.map((n) => String(record[n])));
      expect(seen[k].has(text)).toBe(false);
      seen[k].add(text);
    });
  }
}

export type Edit = (cells: string[], i: number) => string[] | string;
export const keep: Edit = (c) => c;

/** A CSV: the header, then `rows` rows made by `row`, each possibly changed by `edit` (cells, or a whole line). */
export function table(header: string, row: (i: number) => string[], rows: number, edit: Edit = keep, eol = '\n'): string {
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const edited = edit(row(i), i);
    lines.push(typeof edited === 'string' ? edited : edited.join(','));
  }
  return lines.join(eol) + eol;
}

/** An edit setting one cell of one row. */
export const setCell =
  (row: number, column: number, text: string): Edit =>
  (cells, i) => {
    if (i === row) cells[column] = text;
    return cells;
  };
