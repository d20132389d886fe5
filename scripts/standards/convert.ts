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
import { ORUK_TABLES, STANDARDS, type StandardSource } from './standards';
import { convertTableSchema, type TableSchemaField, type TabularStandard } from './table-schema-to-data-schema';

const SOURCES = join(__dirname, 'sources');
export const DATA_SCHEMA_DIR = join(__dirname, '../../schemas/data');

export function convertStandard(standard: StandardSource): Record<string, unknown> {
  const path = join(SOURCES, standard.file);
  const text = decodeSource(readFileSync(path), standard.file);
  return convertCsvlintSchema(parseSource(text, standard.file, standard.repairs), standard);
}

const ORUK_PACKAGE = 'oruk-3.0/datapackage.json';

interface PackageForeignKey {
  fields: string | string[];
  reference: { resource: string; fields: string | string[] };
}

const asList = (names: string | string[]): string[] => (typeof names === 'string' ? [names] : names);

/**
 * One table of a Frictionless data package (Open Referral UK) as a common data schema. Its
 * foreign keys are kept where the table they reference is converted too, named by that table's
 * schema id, so a dataset holding both can have its references checked (functions/standards/table-references.ts).
 */
export function convertTabularStandard(standard: TabularStandard): Record<string, unknown> {
  const datapackage = JSON.parse(readFileSync(join(SOURCES, ORUK_PACKAGE), 'utf8')) as {
    resources: Array<{ name: string; schema: { fields: TableSchemaField[]; primaryKey?: string | string[]; foreignKeys?: PackageForeignKey[] } }>;
  };
  const resource = datapackage.resources.find((r) => r.name === standard.resource);
  if (!resource) throw new Error(`${ORUK_PACKAGE} has no resource ${standard.resource}`);
  const foreignKeys = (resource.schema.foreignKeys ?? []).flatMap((key) => {
    const referenced = ORUK_TABLES.find((table) => table.resource === key.reference.resource);
    return referenced ? [{ fields: asList(key.fields), reference: { schema: referenced.id, fields: asList(key.reference.fields) } }] : [];
  });
  return convertTableSchema(resource.schema, standard, foreignKeys);
}

export function schemaFile(id: string): string {
  return join(DATA_SCHEMA_DIR, `${id}.schema.json`);
}

export function convertAll(): Map<string, Record<string, unknown>> {
  return new Map([
    ...STANDARDS.map((standard) => [standard.id, convertStandard(standard)] as const),
    ...ORUK_TABLES.map((standard) => [standard.id, convertTabularStandard(standard)] as const),
  ]);
}

if (require.main === module) {
  for (const [id, schema] of convertAll()) {
    writeFileSync(schemaFile(id), `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote ${schemaFile(id)}`);
  }
}
