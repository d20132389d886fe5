/**
 * Code lists a standard publishes as CSV files beside its schema (a `Code` column), read once.
 * A schema property names its list with the `codelist` keyword; `openCodelist: false` makes the
 * list closed, so a value outside it is an error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export const readCodelists = (directory: string, files: readonly string[]): Map<string, ReadonlySet<string>> =>
  new Map(
    files.map((file) => {
      const rows = parse(readFileSync(join(directory, file), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Array<{ Code?: string }>;
      return [file, new Set(rows.map((row) => row.Code ?? '').filter((code) => code !== ''))];
    }),
  );
