/**
 * References between the tables of a multi-table standard (Open Referral UK: a service's
 * organization_id names an organisation's id), checked across one dataset: each resource that
 * declares one of the standard's tables is a table, and every reference its schema declares
 * (`x-foreignKeys`, converted from the standard's data package) is looked up in the current data
 * of the dataset's resources declaring the referenced table. Checked on request, over current
 * versions, not at upload: a publisher uploads the tables one at a time, in any order.
 */
import type * as Readline from 'node:readline';
import { auditsDataReads, recordAudit } from '../domain/audit';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { readableVersionOf } from '../domain/data-access';
import { type Dataset, getDataset } from '../domain/datasets';
import { listResources, type Resource } from '../domain/resources';
import { resolveDeclaredSchema } from './schema-versions';

/** Broken references listed at most; `errorCount` counts them all. */
const ERRORS_KEPT = 100;

interface ForeignKey {
  fields: string[];
  reference: { schema: string; fields: string[] };
}

export interface ReferenceCheck {
  /** The referencing resource, the table its schema names, and the fields that refer. */
  resource: string;
  schema: string;
  fields: string[];
  reference: { schema: string; fields: string[]; resources: string[] };
  /** `checked`, or why not: no resource declares the referenced table, or a table has no data yet. */
  status: 'checked' | 'no-referenced-table' | 'no-data';
  errorCount: number;
}

export interface ReferenceError {
  code: 'foreign-key-error';
  resource: string;
  schema: string;
  /** As in validation reports: the header is row 1, the first data row row 2. */
  row: number;
  field: string;
  value: string;
  reference: { schema: string; fields: string[] };
  message: string;
}

export interface ReferenceReport {
  dataset: string;
  valid: boolean;
  checks: ReferenceCheck[];
  errorCount: number;
  errors: ReferenceError[];
}

interface Table {
  resource: Resource;
  schema: string;
  foreignKeys: ForeignKey[];
}

const keyOf = (row: Record<string, unknown>, fields: string[]): string | undefined => {
  const values = fields.map((field) => row[field]);
  // As in Frictionless, a reference with an empty field refers to nothing and is not checked.
  if (values.some((value) => value === null || value === undefined || value === '')) return undefined;
  return values.map(String).join('\u0000');
};

export const checkTableReferences = async (ctx: DomainContext, caller: Caller, datasetReference: string, route: string): Promise<ReferenceReport> => {
  const { value: dataset } = await getDataset(ctx, caller, datasetReference);
  const tables = await declaredTables(ctx, dataset);
  const rowsOf = rowReader(ctx, caller, dataset);
  const checks: ReferenceCheck[] = [];
  const errors: ReferenceError[] = [];
  let errorCount = 0;
  for (const table of tables) {
    for (const key of table.foreignKeys) {
      const referenced = tables.filter((t) => t.schema === key.reference.schema);
      const check: ReferenceCheck = {
        resource: table.resource.name,
        schema: table.schema,
        fields: key.fields,
        reference: { ...key.reference, resources: referenced.map((t) => t.resource.name) },
        status: 'checked',
        errorCount: 0,
      };
      checks.push(check);
      if (referenced.length === 0) {
        check.status = 'no-referenced-table';
        continue;
      }
      // The keys the referenced tables hold: every referring row's key must be one of them.
      const targets = new Set<string>();
      let missingData = false;
      for (const target of referenced) {
        const rows = await rowsOf(target.resource);
        if (!rows) missingData = true;
        else
          for await (const row of rows) {
            const referencedKey = keyOf(row, key.reference.fields);
            if (referencedKey !== undefined) targets.add(referencedKey);
          }
      }
      const rows = await rowsOf(table.resource);
      if (!rows || missingData) {
        check.status = 'no-data';
        continue;
      }
      let index = 0;
      for await (const row of rows) {
        index += 1;
        const value = keyOf(row, key.fields);
        if (value === undefined || targets.has(value)) continue;
        check.errorCount += 1;
        errorCount += 1;
        if (errors.length < ERRORS_KEPT) errors.push(brokenReference(table, key, index + 1, value));
      }
    }
  }
  if (auditsDataReads(dataset) && checks.some((c) => c.status !== 'no-referenced-table')) {
    await recordAudit(ctx, caller, dataset, 'data.report', route, { check: 'table-references', resources: tables.map((t) => t.resource.name) });
  }
  return { dataset: dataset.name, valid: errorCount === 0, checks, errorCount, errors };
};

const brokenReference = (table: Table, key: ForeignKey, row: number, value: string): ReferenceError => {
  const shown = value.split('\u0000').join(', ');
  return {
    code: 'foreign-key-error',
    resource: table.resource.name,
    schema: table.schema,
    row,
    field: key.fields.join(', '),
    value: shown,
    reference: key.reference,
    message: `${key.fields.join(', ')} "${shown}" is not the ${key.reference.fields.join(', ')} of any row of ${key.reference.schema} in this dataset.`,
  };
};

/** The dataset's resources that declare a table with references, or one referenced, with the references their declared version names. */
const declaredTables = async (ctx: DomainContext, dataset: Dataset): Promise<Table[]> => {
  const tables: Table[] = [];
  for (const { value: resource } of await listResources(ctx, dataset)) {
    const schemaId = resource.dataSchema ?? dataset.dataSchema;
    if (!schemaId) continue;
    const schema = await resolveDeclaredSchema(ctx, schemaId, resource.dataSchemaVersion).catch(() => undefined);
    if (!schema) continue;
    const foreignKeys = (schema.document['x-foreignKeys'] as ForeignKey[] | undefined) ?? [];
    tables.push({ resource, schema: schema.id, foreignKeys });
  }
  return tables;
};

/**
 * The rows of a resource's current version (its normalised NDJSON), read through the same data
 * gate as every read of data; undefined when it has no published data yet.
 */
const rowReader =
  (ctx: DomainContext, caller: Caller, dataset: Dataset) =>
  async (resource: Resource): Promise<AsyncIterable<Record<string, unknown>> | undefined> => {
    if (resource.current?.version === undefined) return undefined;
    const { version } = await readableVersionOf(ctx, caller, dataset, resource, undefined);
    const ndjson = version.value.objects?.ndjson;
    const stream = ndjson ? await ctx.objects.get({ bucket: 'published', key: ndjson.key }) : undefined;
    if (!stream) return undefined;
    return (async function* () {
      // node:readline is required here, on a reference check, not when the API starts.
      for await (const line of (require('node:readline') as typeof Readline).createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
        if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
      }
    })();
  };
