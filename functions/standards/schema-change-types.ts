/** The shapes a schema comparison reads and reports. */
export type ChangeKind = 'none' | 'compatible' | 'breaking';

export interface SchemaDifference {
  /** The standard's field name, or `(table)` for a change to the whole row. */
  field: string;
  breaking: boolean;
  message: string;
}

export interface Classification {
  change: ChangeKind;
  differences: SchemaDifference[];
}

/** The parts of a row JSON Schema that decide which rows conform. */
export interface RowSchemaDocument {
  properties?: Record<string, FieldDefinition>;
  required?: readonly string[];
  additionalProperties?: boolean;
  'x-primaryKey'?: readonly string[];
  'x-missingValues'?: readonly string[];
}

export interface FieldDefinition {
  type?: string;
  format?: string;
  enum?: readonly unknown[];
  pattern?: string;
  title?: string;
  [constraint: string]: unknown;
}
