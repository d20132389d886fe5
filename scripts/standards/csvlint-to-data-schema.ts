/**
 * Maps an old-style (csvlint) JSON Table Schema, as the LGA and iStandUK publish them, to the
 * exchange's common data schema format: JSON Schema 2020-12 describing one cast row, with
 * only the keywords the ingest's fast checks understand (functions/ingest/core/fast-row-check.ts).
 * Anything the mapping does not recognise throws, so a new construct is looked at, not lost.
 */

import { dataSchemaDocument } from './data-schema-document';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** A URI in the csvlint sense: a scheme, a colon, no spaces. Used when the standard gives no pattern of its own. */
export const URI_PATTERN = '^[A-Za-z][A-Za-z0-9+.-]*:\\S+$';

export interface CsvlintField {
  name: string;
  title?: string;
  description?: string;
  constraints?: { required?: boolean | string; type?: string; pattern?: string; maxLength?: number; minLength?: number };
}

export interface StandardDescription {
  id: string;
  version: string;
  title: string;
  description: string;
  /** Provenance, kept in the schema's `$comment`. */
  source: string;
  /**
   * What a dateTime field holds. The LGA's guidance (ESDSchemaGuidance, "Date" type) says
   * dd/mm/yyyy dates, and its validator accepted them in `#dateTime` fields.
   */
  dateTimeAs: 'date' | 'date-time';
  primaryKey?: string[];
  examples: Record<string, string[]>;
}

/**
 * Numeric fields: ajv applies `pattern` to strings only, and the cast has already turned the cell
 * into a number, so a pattern the standard sets on a number is translated by this table or refused.
 */
const NUMERIC_PATTERNS = new Map<string, { minimum?: number; comment: string }>([
  ['^[+-]?\\d*\\.?\\d*$', { comment: "The standard's pattern ^[+-]?\\d*\\.?\\d*$ (a plain decimal) is enforced by the number cast." }],
  [
    '^\\d*(\\.\\d{1,2})?$',
    {
      minimum: 0,
      comment: "The standard's pattern ^\\d*(\\.\\d{1,2})?$ is enforced as a number of at least 0; its limit of two decimal places is not checked.",
    },
  ],
]);

const CODE = '[A-Za-z0-9 _-]+';
/** `(a|b|c)`, `^(a|b)$`, `^$|^(a|b)$`, `(a|b|)`: a code list, every alternative a literal. */
const CODE_LIST = new RegExp(`^(?:\\^\\$\\|)?\\^?\\((${CODE}(?:\\|${CODE})*)\\|?\\)\\$?$`);

function required(field: CsvlintField): boolean {
  const value = field.constraints?.required ?? false;
  // Three LODIS schemas write the flag as the strings "true" and "false".
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`${field.name}: required is ${JSON.stringify(value)}`);
}

/** Whether `|` occurs outside any group, class or escape: then the text is an alternation, not one expression. */
function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * csvlint matched patterns unanchored, and an empty cell is null here (never checked), so the
 * standards' "or empty" wrappers are removed: `(^X$|)` and `(^X|)$` would match any text at all
 * (the empty alternative matches everywhere), and `^$|X` only adds the empty cell.
 */
function withoutEmptyAlternative(pattern: string, name: string): string {
  if (pattern.startsWith('^$|')) return pattern.slice(3);
  for (const tail of ['$|)', '|)$']) {
    if (pattern.startsWith('(^') && pattern.endsWith(tail)) {
      const body = pattern.slice(2, -tail.length);
      if (hasTopLevelAlternation(body)) throw new Error(`${name}: cannot unwrap the pattern ${pattern}`);
      return `^(?:${body})$`;
    }
  }
  if (pattern.endsWith('|)') || pattern.includes('||')) throw new Error(`${name}: an empty alternative in an unknown place: ${pattern}`);
  return pattern;
}

function checkedPattern(pattern: string, name: string): string {
  try {
    // ajv compiles patterns with the u flag.
    new RegExp(pattern, 'u');
  } catch (error) {
    throw new Error(`${name}: the pattern does not compile: ${(error as Error).message}`);
  }
  return pattern;
}

function xsdType(field: CsvlintField): string {
  const type = field.constraints?.type ?? `${XSD}string`;
  if (!type.startsWith(XSD)) throw new Error(`${field.name}: type ${type} is not an XML Schema type`);
  return type.slice(XSD.length);
}

export function convertField(field: CsvlintField, standard: StandardDescription): Record<string, unknown> {
  const { name } = field;
  const title = (field.title ?? name).trim();
  const out: Record<string, unknown> = { title, description: (field.description ?? title).trim() };
  const comments: string[] = [];
  const pattern = field.constraints?.pattern;
  switch (xsdType(field)) {
    case 'string':
    case 'anyURI':
    case 'URI':
      out.type = 'string';
      break;
    case 'float':
    case 'double':
    case 'decimal':
      out.type = 'number';
      break;
    case 'integer':
    case 'int':
      out.type = 'integer';
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'date':
      Object.assign(out, { type: 'string', format: 'date' });
      break;
    case 'dateTime':
      Object.assign(out, { type: 'string', format: standard.dateTimeAs });
      break;
    default:
      throw new Error(`${name}: no mapping for ${field.constraints?.type}`);
  }
  const isUri = ['anyURI', 'URI'].includes(xsdType(field));
  if (pattern !== undefined && out.type === 'number') {
    const known = NUMERIC_PATTERNS.get(pattern);
    if (!known) throw new Error(`${name}: no translation for the pattern ${pattern} on a number`);
    if (known.minimum !== undefined) out.minimum = known.minimum;
    comments.push(known.comment);
  } else if (pattern !== undefined && out.format !== undefined) {
    // The cast has already checked and normalised the date, so a pattern restating the date's form has nothing left to check.
    if (!new RegExp(pattern).test('2016-02-29') || new RegExp(pattern).test('2017-02-30'))
      throw new Error(`${name}: the date pattern is not an ISO date check`);
    comments.push('The standard gives an ISO 8601 date pattern; the date cast enforces it (and also accepts dd/mm/yyyy).');
  } else if (pattern !== undefined) {
    if (out.type !== 'string') throw new Error(`${name}: a pattern on a ${String(out.type)}`);
    const list = CODE_LIST.exec(pattern);
    if (list) {
      out.enum = list[1].split('|');
      comments.push(`The standard's code list, from its pattern ${pattern}.`);
    } else {
      out.pattern = checkedPattern(withoutEmptyAlternative(pattern, name), name);
      if (pattern.includes('\\|')) comments.push('A pipe-separated list, kept as one text value; the pattern checks every item.');
    }
  } else if (isUri) {
    out.pattern = URI_PATTERN;
    comments.push('A URI (the standard gives no pattern): scheme, colon, no spaces.');
  }
  for (const key of ['maxLength', 'minLength'] as const) {
    const limit = field.constraints?.[key];
    if (limit !== undefined) out[key] = limit;
  }
  const unknown = Object.keys(field.constraints ?? {}).filter((k) => !['required', 'type', 'pattern', 'maxLength', 'minLength'].includes(k));
  if (unknown.length > 0) throw new Error(`${name}: no mapping for the constraints ${unknown.join(', ')}`);
  if (comments.length > 0) out.$comment = comments.join(' ');
  const examples = Object.hasOwn(standard.examples, name) ? standard.examples[name] : undefined;
  if (examples) {
    for (const example of examples) {
      const fits = typeof out.pattern === 'string' ? new RegExp(out.pattern, 'u').test(example) : Array.isArray(out.enum) && out.enum.includes(example);
      if (!fits) throw new Error(`${name}: the example ${JSON.stringify(example)} does not pass the field's check`);
    }
    out.examples = examples;
  } else if (typeof out.pattern === 'string') {
    throw new Error(`${name}: a field with a pattern needs examples from the standard`);
  }
  return out;
}

export function convertCsvlintSchema(source: unknown, standard: StandardDescription): Record<string, unknown> {
  const fields = (source as { fields?: unknown }).fields;
  if (!Array.isArray(fields) || fields.length === 0) throw new Error(`${standard.id}: no fields`);
  const names = new Set((fields as CsvlintField[]).map((f) => f.name));
  const stray = Object.keys(standard.examples).filter((name) => !names.has(name));
  if (stray.length > 0) throw new Error(`${standard.id}: examples for fields the standard does not have: ${stray.join(', ')}`);
  const properties = new Map<string, Record<string, unknown>>();
  for (const field of fields as CsvlintField[]) {
    if (typeof field.name !== 'string' || field.name.trim() === '') throw new Error(`${standard.id}: a field without a name`);
    if (properties.has(field.name)) throw new Error(`${standard.id}: ${field.name} is defined twice`);
    properties.set(field.name, convertField(field, standard));
  }
  return dataSchemaDocument(standard, {
    required: (fields as CsvlintField[]).filter(required).map((f) => f.name),
    primaryKey: standard.primaryKey,
    properties: Object.fromEntries(properties),
  });
}
