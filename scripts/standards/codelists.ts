/**
 * Turns the code lists a standard publishes as CSV files (schemas/standards/<standard>/codelists/*.csv,
 * copied as published) into one JSON file of codes per standard, which the exchange bundles and
 * reads at run time (a Lambda bundle carries no loose CSV files). Run with
 * `npx tsx scripts/standards/codelists.ts`; test/unit/standards/codelists.test.ts checks the JSON
 * is exactly what this produces.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const STANDARDS_DIR = join(__dirname, '../../schemas/standards');
export const DOCUMENT_STANDARDS = ['360giving', 'ocds'];

export const codelistsFile = (standard: string) => join(STANDARDS_DIR, standard, 'codelists.generated.json');

/** Every code list of a standard: file name → its codes (the `Code` column), in the order published. */
export function readCodelistCsvs(standard: string): Record<string, string[]> {
  const directory = join(STANDARDS_DIR, standard, 'codelists');
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.csv'))
    .sort();
  return Object.fromEntries(
    files.map((file) => {
      const rows = parse(readFileSync(join(directory, file), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Array<{ Code?: string }>;
      return [file, rows.map((row) => row.Code ?? '').filter((code) => code !== '')];
    }),
  );
}

if (require.main === module) {
  for (const standard of DOCUMENT_STANDARDS) {
    writeFileSync(codelistsFile(standard), `${JSON.stringify(readCodelistCsvs(standard), null, 1)}\n`);
    console.log(`wrote ${codelistsFile(standard)}`);
  }
}
