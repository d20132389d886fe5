/**
 * The subset of Frictionless Table Schema (https://datapackage.org/standard/table-schema/)
 * the exchange produces, for inferred and declared schemas alike.
 */
export type FieldType = 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';

export interface FieldConstraints {
  required?: boolean;
  unique?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: Array<string | number | boolean>;
}

export interface TableSchemaField {
  name: string;
  type: FieldType;
  title?: string;
  description?: string;
  /** For date and datetime: `default` (ISO 8601), `%d/%m/%Y` (UK) or `any` (both seen). */
  format?: string;
  /** For number and integer: the thousands separator seen, e.g. `,` in `"3,611"`. */
  groupChar?: string;
  /** For number and integer: false when cells carry `£`, `$`, `€` or `%` around the number. */
  bareNumber?: boolean;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: FieldConstraints;
}

export interface TableSchema {
  fields: TableSchemaField[];
  /** Cells equal to one of these (before casting) are null. */
  missingValues: string[];
  primaryKey?: string[];
  uniqueKeys?: string[][];
}

/** Missing values recognised when no schema is declared: what London's published files use. */
export const INFERRED_MISSING_VALUES = ['', 'NaN', 'nan', '-', '.', 'NA', 'N/A', 'n/a', '..', '[x]', '[c]', '[z]', 'null', 'NULL'];

export const BOOLEAN_TRUE_VALUES = ['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', '1'];
export const BOOLEAN_FALSE_VALUES = ['false', 'False', 'FALSE', 'no', 'No', 'NO', '0'];
