/**
 * Maps a Frictionless Table Schema (a tabular data resource, as Open Referral UK publishes its
 * tables) to the exchange's common data schema format: JSON Schema 2020-12 describing one cast
 * row. Anything the mapping does not recognise throws, so a new construct is looked at, not lost.
 */
import { type DataSchemaForeignKey, dataSchemaDocument } from './data-schema-document';
import { URI_PATTERN } from './csvlint-to-data-schema';

export interface TableSchemaField {
  name: string;
  type: string;
  format?: string;
  title?: string;
  description?: string;
  example?: unknown;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[]; minimum?: number; maximum?: number };
  [other: string]: unknown;
}

export interface TabularStandard {
  id: string;
  version: string;
  title: string;
  description: string;
  /** Provenance, kept in the schema's `$comment`. */
  source: string;
  /** The resource of the data package to convert. */
  resource: string;
}

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** An address with one @ and a dot after it, as Frictionless's `email` format checks it. */
const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';

/** Keys of a field that describe it without constraining its values (Open Referral adds `core`). */
const DESCRIPTIVE = new Set(['name', 'type', 'format', 'title', 'description', 'example', 'constraints', 'core']);
const KNOWN_CONSTRAINTS = new Set(['required', 'unique', 'enum', 'minimum', 'maximum']);

function property(field: TableSchemaField): Record<string, unknown> {
  const unknown = Object.keys(field).filter((key) => !DESCRIPTIVE.has(key));
  const unknownConstraints = Object.keys(field.constraints ?? {}).filter((key) => !KNOWN_CONSTRAINTS.has(key));
  if (unknown.length || unknownConstraints.length) throw new Error(`${field.name}: cannot map ${[...unknown, ...unknownConstraints].join(', ')}`);
  const base = { title: field.title ?? field.name, description: field.description ?? field.title ?? field.name };
  const constraints = field.constraints ?? {};
  const bounds = {
    ...(constraints.minimum !== undefined ? { minimum: constraints.minimum } : {}),
    ...(constraints.maximum !== undefined ? { maximum: constraints.maximum } : {}),
  };
  const unique = constraints.unique ? { 'x-unique': true } : {};
  switch (field.type) {
    case 'string': {
      const format = field.format;
      const pattern = format === 'uuid' ? UUID_PATTERN : format === 'email' ? EMAIL_PATTERN : format === 'uri' ? URI_PATTERN : undefined;
      if (format && format !== 'default' && !pattern) throw new Error(`${field.name}: cannot map string format ${format}`);
      return {
        ...base,
        type: 'string',
        ...(constraints.enum ? { enum: constraints.enum } : {}),
        ...(pattern ? { pattern, $comment: `Table Schema format ${format}.` } : {}),
        ...(pattern && field.example !== undefined ? { examples: [field.example] } : {}),
        ...unique,
      };
    }
    case 'number':
    case 'integer':
      return { ...base, type: field.type, ...bounds, ...unique };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'date':
      return { ...base, type: 'string', format: 'date', ...unique };
    case 'datetime':
      return { ...base, type: 'string', format: 'date-time', ...unique };
    default:
      throw new Error(`${field.name}: cannot map type ${field.type}`);
  }
}

export function convertTableSchema(
  schema: { fields: TableSchemaField[]; primaryKey?: string | string[] },
  standard: TabularStandard,
  foreignKeys: DataSchemaForeignKey[] = [],
): Record<string, unknown> {
  const primaryKey = typeof schema.primaryKey === 'string' ? [schema.primaryKey] : schema.primaryKey;
  return dataSchemaDocument(standard, {
    required: schema.fields.filter((field) => field.constraints?.required).map((field) => field.name),
    primaryKey,
    foreignKeys,
    properties: Object.fromEntries(schema.fields.map((field) => [field.name, property(field)])),
  });
}
