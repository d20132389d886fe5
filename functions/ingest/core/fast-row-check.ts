import type { AnySchemaObject } from 'ajv';
import type { CastValue } from './cast';

/** A check on a cast row: true means ajv would certainly accept it; false means ask ajv. */
export type FastRowCheck = (values: readonly (CastValue | null)[]) => boolean;

/** The JSON Schema keywords both fast checks (this one and DuckDB's, fast-path/sql-plan.ts) understand; any other sends a schema to ajv. */
export const SCHEMA_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'version',
  'examples',
  'type',
  'required',
  'properties',
  'additionalProperties',
]);
export const PROPERTY_KEYWORDS = new Set([
  'title',
  'description',
  '$comment',
  'examples',
  'type',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
]);
/** ajv is set up to accept any value for these formats (casting already checked them). */
const UNCHECKED_FORMATS = new Set(['date', 'date-time']);

interface ColumnRule {
  index: number;
  required: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  allowed?: Set<unknown>;
}

/**
 * Builds a check equivalent to the compiled ajv validator for valid rows, for schemas
 * that only use the keywords below (all our common schemas do). It reads the reused
 * values array directly instead of building an object per row. Any keyword it does not
 * know, at either level, means no fast check (null): ajv then checks every row. A row
 * the fast check does not pass goes to ajv, which decides and words the errors, so the
 * fast check can only ever save time, never change a result.
 *
 * Same semantics as ajv: cast values already have the declared JS type (so `type`
 * holds); numeric limits apply to numbers only; lengths count code points; patterns are
 * unicode regular expressions; enum compares primitives with ===.
 */
export function compileFastRowCheck(schema: AnySchemaObject, columnOf: ReadonlyMap<string, number>): FastRowCheck | null {
  if (Object.keys(schema).some((k) => !SCHEMA_KEYWORDS.has(k) && !k.startsWith('x-')) || schema.type !== 'object') return null;
  const required = new Set<string>(schema.required ?? []);
  const rules: ColumnRule[] = [];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, AnySchemaObject>)) {
    if (Object.keys(property).some((k) => !PROPERTY_KEYWORDS.has(k) && !k.startsWith('x-'))) return null;
    if (property.format !== undefined && !UNCHECKED_FORMATS.has(property.format)) return null;
    if (property.enum !== undefined && (property.enum as unknown[]).some((v) => v !== null && typeof v === 'object')) return null;
    const index = columnOf.get(name);
    if (index === undefined) {
      if (required.has(name)) return null; // every row fails: let ajv say so
      continue;
    }
    rules.push({
      index,
      required: required.has(name),
      minimum: property.minimum,
      maximum: property.maximum,
      exclusiveMinimum: property.exclusiveMinimum,
      exclusiveMaximum: property.exclusiveMaximum,
      minLength: property.minLength,
      maxLength: property.maxLength,
      pattern: property.pattern === undefined ? undefined : new RegExp(property.pattern, 'u'),
      allowed: property.enum === undefined ? undefined : new Set(property.enum as unknown[]),
    });
  }
  return (values) => {
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      const value = values[rule.index];
      if (value === null) {
        if (rule.required) return false;
        continue;
      }
      if (!passes(rule, value)) return false;
    }
    return true;
  };
}

function passes(rule: ColumnRule, value: CastValue): boolean {
  if (rule.allowed && !rule.allowed.has(value)) return false;
  if (typeof value === 'number') {
    if (rule.minimum !== undefined && !(value >= rule.minimum)) return false;
    if (rule.maximum !== undefined && !(value <= rule.maximum)) return false;
    if (rule.exclusiveMinimum !== undefined && !(value > rule.exclusiveMinimum)) return false;
    if (rule.exclusiveMaximum !== undefined && !(value < rule.exclusiveMaximum)) return false;
  } else if (typeof value === 'string') {
    // UTF-16 length >= code points: only a long string needs counting.
    if (rule.maxLength !== undefined && value.length > rule.maxLength && codePoints(value) > rule.maxLength) return false;
    if (rule.minLength !== undefined && codePoints(value) < rule.minLength) return false;
    if (rule.pattern && !rule.pattern.test(value)) return false;
  }
  return true;
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) count++;
    else {
      const next = text.charCodeAt(i + 1);
      count++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}
