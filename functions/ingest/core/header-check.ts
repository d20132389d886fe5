import type { DataSchema } from './data-schemas';
import type { ValidationError } from './errors';
import type { FieldConstraints, TableSchema, TableSchemaField } from './table-schema';

type Report = (error: ValidationError) => void;

/**
 * Checks the header row (Frictionless row 1). Labels are trimmed; a blank label is named
 * `field{N}` and a repeated one `{label}_{N}` so that later errors can still name them.
 * Labels differing only in case count as duplicates: SQL engines (the Parquet output)
 * and spreadsheets treat them as the same column. Returns null when the file cannot be
 * read as a table at all.
 */
export function checkLabels(labels: readonly string[], maxColumns: number, report: Report): string[] | null {
  if (labels.length === 0) {
    report({ code: 'format-error', row: 1, field: null, message: 'The file has no columns: no header row or no keys in its objects.' });
    return null;
  }
  if (labels.length > maxColumns) {
    report({
      code: 'format-error',
      row: 1,
      field: null,
      message: `The file has ${labels.length.toLocaleString('en-GB')} columns; at most ${maxColumns.toLocaleString('en-GB')} are accepted. Split it into narrower tables, or reshape it to long format (one row per value).`,
    });
    return null;
  }
  const seen = new Map<string, number>();
  return labels.map((raw, i) => {
    const label = raw.trim();
    if (label === '') {
      report({ code: 'blank-label', row: 1, field: null, fieldNumber: i + 1, message: `Column ${i + 1} has no name in the header row.` });
      return `field${i + 1}`;
    }
    if (label.includes('\u0000')) {
      // Only a JSON escape or UTF-16 text can spell one. SQL engines, DuckDB's Parquet writer
      // among them, refuse NUL in a column name, and dropping it would rename the column.
      report({
        code: 'format-error',
        row: 1,
        field: null,
        fieldNumber: i + 1,
        message: `Column ${i + 1}'s name contains a NUL character (U+0000, written \\u0000 in JSON), which a column name cannot hold: databases and the Parquet download refuse it. Rename the column.`,
      });
      return `field${i + 1}`;
    }
    const first = seen.get(label.toLowerCase());
    if (first !== undefined) {
      report({
        code: 'duplicate-label',
        row: 1,
        field: label,
        fieldNumber: i + 1,
        message: `Column ${i + 1} is named "${label}", like column ${first + 1}. Each column needs its own name.`,
      });
      return `${label}_${i + 1}`;
    }
    seen.set(label.toLowerCase(), i);
    return label;
  });
}

const CONSTRAINT_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'enum'] as const;

/**
 * Lines the file's columns up with a declared schema by name. A required schema column
 * the file lacks is a `missing-label`; a file column the schema does not know is kept as
 * text, or is an `extra-label` when the schema forbids other columns.
 */
export function declaredTableSchema(names: readonly string[], schema: DataSchema, report: Report): TableSchema {
  const properties = (schema.document.properties ?? {}) as Record<string, Record<string, unknown>>;
  const fields = names.map((name, i): TableSchemaField => {
    const known = schema.fields.find((f) => f.name === name);
    if (!known) {
      if (!schema.additionalColumns) {
        report({
          code: 'extra-label',
          row: 1,
          field: name,
          fieldNumber: i + 1,
          message: `Column "${name}" is not part of the "${schema.title}" schema, which allows no other columns.`,
        });
      }
      return { name, type: 'string' };
    }
    const constraints: FieldConstraints = {};
    if (known.required) constraints.required = true;
    if (properties[name]['x-unique'] === true) constraints.unique = true;
    for (const keyword of CONSTRAINT_KEYWORDS) {
      if (properties[name][keyword] !== undefined) (constraints as Record<string, unknown>)[keyword] = properties[name][keyword];
    }
    const field: TableSchemaField = { name, type: known.type, title: known.title, description: known.description };
    if (Object.keys(constraints).length > 0) field.constraints = constraints;
    return field;
  });
  for (const f of schema.fields) {
    if (f.required && !names.includes(f.name)) {
      report({
        code: 'missing-label',
        row: 1,
        field: f.name,
        message: `The "${schema.title}" schema requires a column named "${f.name}" (${f.title}), but the file has none.`,
      });
    }
  }
  const table: TableSchema = { fields, missingValues: [...schema.missingValues] };
  if (schema.primaryKey?.every((k) => names.includes(k))) table.primaryKey = [...schema.primaryKey];
  return table;
}
