/**
 * Classifies a new version of a common data schema against the version before it.
 *
 * A change is compatible when every row that conformed to the old version still conforms to
 * the new one (an optional field added, a constraint widened, a code added to a list); it is
 * breaking when some such row may fail (a field removed or renamed, a new required field, a
 * narrower type, a code removed, a constraint added or tightened). Datasets that declared the
 * old version may take a compatible version automatically, never a breaking one.
 */
import { compareConstraints } from './constraint-changes';
import type { Classification, ChangeKind, FieldDefinition, RowSchemaDocument, SchemaDifference } from './schema-change-types';

export type { Classification, ChangeKind, FieldDefinition, RowSchemaDocument, SchemaDifference };

const TABLE = '(table)';

export function classifySchemaChange(before: RowSchemaDocument, after: RowSchemaDocument): Classification {
  const differences = [...fieldDifferences(before, after), ...tableDifferences(before, after)];
  const change: ChangeKind = differences.length === 0 ? 'none' : differences.some((d) => d.breaking) ? 'breaking' : 'compatible';
  return { change, differences };
}

function fieldDifferences(before: RowSchemaDocument, after: RowSchemaDocument): SchemaDifference[] {
  const oldFields = fieldMap(before);
  const newFields = fieldMap(after);
  const oldRequired = new Set(before.required ?? []);
  const newRequired = new Set(after.required ?? []);
  const differences: SchemaDifference[] = [];
  for (const [name, oldField] of oldFields) {
    const newField = newFields.get(name);
    if (!newField) {
      const renamedTo = [...newFields].find(([other, field]) => !oldFields.has(other) && field.title !== undefined && field.title === oldField.title)?.[0];
      const hint = renamedTo ? ` (renamed to "${renamedTo}"?)` : '';
      differences.push({ field: name, breaking: true, message: `field "${name}" was removed${hint}: files that carry it no longer match` });
      continue;
    }
    if (!oldRequired.has(name) && newRequired.has(name)) differences.push({ field: name, breaking: true, message: `field "${name}" is now required` });
    if (oldRequired.has(name) && !newRequired.has(name)) differences.push({ field: name, breaking: false, message: `field "${name}" is now optional` });
    differences.push(...compareConstraints(name, oldField, newField));
  }
  for (const [name] of newFields) {
    if (oldFields.has(name)) continue;
    const required = newRequired.has(name);
    differences.push({
      field: name,
      breaking: required,
      message: required ? `new required field "${name}": files without it no longer match` : `new optional field "${name}"`,
    });
  }
  return differences;
}

function tableDifferences(before: RowSchemaDocument, after: RowSchemaDocument): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  const oldOpen = before.additionalProperties !== false;
  const newOpen = after.additionalProperties !== false;
  if (oldOpen && !newOpen) differences.push({ field: TABLE, breaking: true, message: 'columns outside the schema are no longer allowed' });
  if (!oldOpen && newOpen) differences.push({ field: TABLE, breaking: false, message: 'columns outside the schema are now allowed' });

  const oldKey = before['x-primaryKey'] ?? [];
  const newKey = after['x-primaryKey'] ?? [];
  if (oldKey.join('\u0000') !== newKey.join('\u0000')) {
    // A key's columns must be unique together: dropping the key only relaxes, any other change
    // can make rows that were distinct under the old key collide under the new one.
    // Key columns must also be present, so a column joining the key must already have been required.
    const required = new Set(before.required ?? []);
    const joined = newKey.filter((column) => !oldKey.includes(column));
    const relaxed =
      newKey.length === 0 || (oldKey.length > 0 && oldKey.every((column) => newKey.includes(column)) && joined.every((column) => required.has(column)));
    const describe = (key: readonly string[]) => (key.length ? `(${key.join(', ')})` : 'none');
    differences.push({ field: TABLE, breaking: !relaxed, message: `primary key changed from ${describe(oldKey)} to ${describe(newKey)}` });
  }

  const oldMissing = new Set(before['x-missingValues'] ?? ['']);
  const newMissing = new Set(after['x-missingValues'] ?? ['']);
  for (const value of oldMissing) {
    if (!newMissing.has(value)) differences.push({ field: TABLE, breaking: true, message: `"${value}" no longer counts as a missing value` });
  }
  for (const value of newMissing) {
    if (!oldMissing.has(value)) differences.push({ field: TABLE, breaking: false, message: `"${value}" now counts as a missing value` });
  }
  return differences;
}

function fieldMap(document: RowSchemaDocument): Map<string, FieldDefinition> {
  return new Map(Object.entries(document.properties ?? {}));
}
