/**
 * Converts the published standards in scripts/standards/sources/ to common data schemas in
 * schemas/data/. Run with `npx tsx scripts/standards/convert.ts`; test/unit/standards checks
 * that the committed schemas are exactly what this produces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertCsvlintSchema } from './csvlint-to-data-schema';
import { decodeSource } from './decode-source';
import { parseSource } from './parse-source';
import { STANDARDS, type StandardSource } from './standards';

const SOURCES = join(__dirname, 'sources');
export const DATA_SCHEMA_DIR = join(__dirname, '../../schemas/data');

export function convertStandard(standard: StandardSource): Record<string, unknown> {
  const path = join(SOURCES, standard.file);
  const text = decodeSource(readFileSync(path), standard.file);
  return convertCsvlintSchema(parseSource(text, standard.file, standard.repairs), standard);
}

export function schemaFile(id: string): string {
  return join(DATA_SCHEMA_DIR, `${id}.schema.json`);
}

export function convertAll(): Map<string, Record<string, unknown>> {
  return new Map(STANDARDS.map((standard) => [standard.id, convertStandard(standard)]));
}

if (require.main === module) {
  for (const [id, schema] of convertAll()) {
    writeFileSync(schemaFile(id), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote ${schemaFile(id)}`);
  }
}
