import type { Column, FieldType, SqlType } from './query-model';

/** A column as the Parquet file declares it (DuckDB's DESCRIBE). */
export interface PhysicalColumn {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, DOUBLE, TIMESTAMP WITH TIME ZONE. */
  type: string;
}

const SQL_TYPES: Record<string, SqlType> = {
  BIGINT: 'BIGINT',
  INTEGER: 'BIGINT',
  SMALLINT: 'BIGINT',
  TINYINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  FLOAT: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ',
  VARCHAR: 'VARCHAR',
};

const FIELD_TYPES: Record<SqlType, FieldType> = {
  BIGINT: 'integer',
  DOUBLE: 'number',
  BOOLEAN: 'boolean',
  DATE: 'date',
  TIMESTAMP: 'datetime',
  TIMESTAMPTZ: 'datetime',
  VARCHAR: 'string',
};

const schemaFieldNames = (schema: unknown): string[] | undefined => {
  const fields = (schema as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return undefined;
  return fields.map((field) => (field as { name?: unknown }).name).filter((name): name is string => typeof name === 'string');
};

/**
 * The queryable columns of a version: the fields of its Table Schema that its Parquet file
 * holds with a type the exchange writes, in schema order. Only these names ever reach SQL.
 */
export const queryableColumns = (schema: unknown, physical: readonly PhysicalColumn[]): Column[] => {
  const byName = new Map(physical.map((column) => [column.name, column]));
  const names = schemaFieldNames(schema) ?? physical.map((column) => column.name);
  const columns: Column[] = [];
  for (const name of names) {
    const sqlType = SQL_TYPES[byName.get(name)?.type ?? ''];
    if (sqlType && !columns.some((c) => c.name === name)) columns.push({ name, type: FIELD_TYPES[sqlType], sqlType });
  }
  return columns;
};
