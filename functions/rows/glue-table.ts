import { createHash } from 'node:crypto';
import { athenaCopyKey, athenaRowIdColumn } from '../domain/athena-copy';
import type { GlueTableInput } from './athena-port';
import type { Column, FieldType, SqlType } from './query-model';

/*
 * How a published version is registered in Glue for the Athena path: over its Athena copy
 * (functions/domain/athena-copy.ts: the key, the row-number column; the ingest writes it for
 * versions above ATHENA_ABOVE_PARQUET_BYTES). Until it exists, DuckDB serves the version.
 */

export const athenaCopyLocation = (bucket: string, parquetKey: string): string => `s3://${bucket}/${athenaCopyKey(parquetKey).replace(/[^/]*$/, '')}`;

/**
 * The Glue table of a version: readable, unique, and made only of [a-z0-9_] whatever the ids
 * hold (Glue and Athena want lower-case names): a slug of the resource for people reading the
 * catalogue, then a hash of the exact ids, then the version number.
 */
export const glueTableName = (datasetId: string, resourceName: string, version: number): string => {
  const slug =
    resourceName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'resource';
  const hash = createHash('sha256').update(`${datasetId}\u0000${resourceName}`).digest('hex').slice(0, 16);
  return `r_${slug}_${hash}_v${version}`;
};

interface SchemaField {
  name: string;
  type: FieldType;
}

const FIELD_TYPES: readonly string[] = ['integer', 'number', 'boolean', 'date', 'datetime', 'string'];

const HIVE_TYPES: Record<FieldType, string> = {
  integer: 'bigint',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamp',
  string: 'string',
};

const SQL_TYPES: Record<FieldType, SqlType> = {
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMPTZ',
  string: 'VARCHAR',
};

/** The fields of a Table Schema as the ingest writes them to Parquet (other types are text). */
const schemaFields = (schema: unknown): SchemaField[] | undefined => {
  const fields = (schema as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return undefined;
  const out: SchemaField[] = [];
  for (const raw of fields) {
    const field = raw as { name?: unknown; type?: unknown };
    if (typeof field.name !== 'string') return undefined;
    const type = typeof field.type === 'string' && FIELD_TYPES.includes(field.type) ? (field.type as FieldType) : 'string';
    out.push({ name: field.name, type });
  }
  return out;
};

/**
 * Glue lower-cases column names and Athena matches Parquet columns by lower-cased name: a schema
 * whose names collide once lower-cased, or hold control characters, cannot be mapped (DuckDB
 * serves it).
 */
const mappable = (fields: readonly SchemaField[]): boolean => {
  const lowered = fields.map((f) => f.name.toLowerCase());
  return new Set(lowered).size === lowered.length && fields.every((f) => f.name.length > 0 && f.name.length <= 255 && !/[\u0000-\u001f\u007f]/.test(f.name));
};

export interface AthenaVersionTable {
  table: GlueTableInput;
  /** The queryable columns, in schema order, with the names clients use. */
  columns: Column[];
  /** The row-number column in the table (lower-case). */
  rowIdColumn: string;
}

/**
 * The Glue table and query columns of a version, or undefined if its schema cannot be mapped.
 * `localDatetimes`: positions of the date-time fields the ingest wrote without an offset (from the copy's metadata).
 */
export const athenaVersionTable = (input: {
  name: string;
  schema: unknown;
  localDatetimes: ReadonlySet<number>;
  location: string;
  description: string;
}): AthenaVersionTable | undefined => {
  const fields = schemaFields(input.schema);
  if (!fields || fields.length === 0 || !mappable(fields)) return undefined;
  const rowIdColumn = athenaRowIdColumn(fields.map((f) => f.name));
  const columns: Column[] = fields.map((f, i) => ({
    name: f.name,
    type: f.type,
    sqlType: f.type === 'datetime' && input.localDatetimes.has(i) ? 'TIMESTAMP' : SQL_TYPES[f.type],
  }));
  return {
    rowIdColumn,
    columns,
    table: {
      Name: input.name,
      Description: input.description.slice(0, 2048),
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'parquet', EXTERNAL: 'TRUE', 'parquet.compression': 'ZSTD' },
      StorageDescriptor: {
        Columns: [
          { Name: rowIdColumn, Type: 'bigint', Comment: 'row number (1-based, file order)' },
          ...fields.map((f) => ({ Name: f.name.toLowerCase(), Type: HIVE_TYPES[f.type] })),
        ],
        Location: input.location,
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe', Parameters: { 'serialization.format': '1' } },
      },
    },
  };
};
