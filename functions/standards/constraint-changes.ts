/** Compares one field's constraints in two versions of a row schema: which changes can fail a row that passed. */
import type { FieldDefinition, SchemaDifference } from './schema-change-types';

/** Keywords that describe a field without constraining its values. */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples', 'default', 'deprecated', 'x-standardField']);

/** Bounds where a larger new value is narrower (lower bounds), and where a smaller one is (upper bounds). */
const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength']);

const HANDLED = new Set(['type', 'format', 'enum', 'pattern', 'multipleOf', 'x-unique', ...LOWER_BOUNDS, ...UPPER_BOUNDS]);

export function compareConstraints(field: string, before: FieldDefinition, after: FieldDefinition): SchemaDifference[] {
  const differences: SchemaDifference[] = [];
  const add = (breaking: boolean, message: string) => differences.push({ field, breaking, message: `"${field}": ${message}` });

  const oldType = typeName(before);
  const newType = typeName(after);
  if (oldType !== newType) add(!widensType(oldType, newType), `type changed from ${oldType} to ${newType}`);

  compareEnum(before.enum, after.enum, add);
  compareReplaceable('pattern', before.pattern, after.pattern, add);
  compareReplaceable('multipleOf', before.multipleOf, after.multipleOf, add);
  if (before['x-unique'] !== true && after['x-unique'] === true) add(true, 'values must now be unique');
  if (before['x-unique'] === true && after['x-unique'] !== true) add(false, 'values need no longer be unique');

  for (const keyword of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) compareBound(keyword, before[keyword], after[keyword], add);

  // Any other constraint keyword we do not understand: a change to it is treated as breaking,
  // since we cannot show that every conforming row still conforms.
  for (const keyword of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ANNOTATIONS.has(keyword) || HANDLED.has(keyword)) continue;
    if (JSON.stringify(before[keyword]) !== JSON.stringify(after[keyword])) add(true, `constraint "${keyword}" changed`);
  }
  return differences;
}

type Add = (breaking: boolean, message: string) => void;

/** The value type a row's cell is cast to: `string` with a date format is its own type. */
function typeName(field: FieldDefinition): string {
  const type = field.type ?? 'any';
  return type === 'string' && field.format ? `string (${field.format})` : type;
}

/** A new type widens the old one when every value of the old type is also a value of the new. */
function widensType(oldType: string, newType: string): boolean {
  if (newType === 'any') return true;
  // Every cell is text before it is cast, so a plain string field accepts whatever the old type did.
  if (newType === 'string') return true;
  return oldType === 'integer' && newType === 'number';
}

function compareEnum(before: readonly unknown[] | undefined, after: readonly unknown[] | undefined, add: Add): void {
  if (!before && !after) return;
  if (!after) return add(false, 'no longer limited to a code list');
  if (!before) return add(true, `now limited to the codes ${listCodes(after)}`);
  const kept = new Set(after.map((code) => JSON.stringify(code)));
  const removed = before.filter((code) => !kept.has(JSON.stringify(code)));
  const had = new Set(before.map((code) => JSON.stringify(code)));
  const added = after.filter((code) => !had.has(JSON.stringify(code)));
  if (removed.length) add(true, `codes removed: ${listCodes(removed)}`);
  if (added.length) add(false, `codes added: ${listCodes(added)}`);
}

/** A constraint with no order between its values (a pattern): only its removal is known to widen. */
function compareReplaceable(keyword: string, before: unknown, after: unknown, add: Add): void {
  if (before === after) return;
  if (after === undefined) return add(false, `${keyword} removed`);
  if (before === undefined) return add(true, `${keyword} ${JSON.stringify(after)} added`);
  add(true, `${keyword} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`);
}

function compareBound(keyword: string, before: unknown, after: unknown, add: Add): void {
  if (before === after) return;
  if (after === undefined) return add(false, `${keyword} removed`);
  if (before === undefined) return add(true, `${keyword} ${String(after)} added`);
  const narrower = LOWER_BOUNDS.has(keyword) ? Number(after) > Number(before) : Number(after) < Number(before);
  add(narrower, `${keyword} changed from ${String(before)} to ${String(after)}`);
}

function listCodes(codes: readonly unknown[]): string {
  return codes.map((code) => JSON.stringify(code)).join(', ');
}
