import type { AnySchemaObject } from 'ajv';
import type { DataSchema } from '../data-schemas';
import { sqlIdentifier, sqlString } from '../duckdb';
import { PROPERTY_KEYWORDS, SCHEMA_KEYWORDS } from '../fast-row-check';
import type { FieldType, TableSchema } from '../table-schema';
import { type CellsLack, csvParts, isTrueText, type LineParts, ndjsonParts, writableCondition } from './sql-text-lines';

/**
 * SQL that proves a file valid, or finds that it cannot: one aggregate over DuckDB's
 * read of the CSV (every cell as text) counting the rows it cannot vouch for. A row is
 * vouched for only when every cell is, in a form the JS casts accept and turn into the
 * very value the SQL compares: plain decimal numbers, plain integers, a fixed list of
 * booleans, ISO dates and canonical date-times. Anything else (`3,611`, `£5`, `01/02/2024`,
 * ` 5`) is not an error here, just a reason to let the JS path decide and word the report.
 *
 * The schema's keywords are mirrored one by one, as fast-row-check.ts does for ajv; a
 * keyword with no SQL twin here means no plan at all.
 */
export interface SqlPlan {
  /** The `columns` map for read_csv: c0, c1... (labels never reach the SQL). */
  columns: string;
  /**
   * Over `source`: one row with `rows`, `unproven`, `max_record_bytes` (twice the row's text
   * plus room for quotes and delimiters: above anything csv-parse counts against its limit),
   * `local_N` per datetime column and `dups_K` per unique key: how many rows repeat a 64-bit
   * hash of the cast key (a collision only costs a trip to the JS path). One read of the file;
   * memory grows only with the distinct keys. `also`: more aggregates over the rows (v{i}, d{i}),
   * measured in the same read (the geography's summary, sql-geography.ts).
   */
  query: (source: string, also?: string) => string;
  /** How many unique keys the query checks (`dups_0`...). */
  keyCount: number;
  /** Columns (by index) of datetime type: the query returns `local_N` for each, true when some value has no `Z`. */
  datetimeColumns: number[];
  /** The cells as the typed values the JS casts give a proven file, named by the header (for Parquet). */
  typedSelect: (source: string, localDatetimes: readonly boolean[]) => string;
  /**
   * typedSelect over a file no check has read yet, raising an error (so a COPY of it fails) at the
   * first row that query would count as unproven, unwritable or near `maxRecordBytes`, or with a
   * local time in a datetime column `localDatetimes` takes for all-UTC. What query sums over the
   * whole table (the rows, the unique keys' repeats) is left to the Parquet written
   * (keyHashesFromParquet).
   */
  checkedTypedSelect: (source: string, localDatetimes: readonly boolean[], maxRecordBytes: number, ruledOut: RuledOut) => string;
  /**
   * Over the Parquet typedSelect wrote (its columns `p{i}`, by position): one hash per unique key as
   * `k{K}`, as query's `dups_K` counts them but for datetimes, hashed as the instants the Parquet
   * holds: two texts of one instant (`…:00Z`, `…:00.000Z`) are one key here, never the other
   * way round, so a key that repeats in the CSV repeats here too.
   */
  keyHashesFromParquet: () => string[];
  /** Over rowsSelect's rows: `local_N` per datetime column (see query). */
  localSelect: () => string;
  /**
   * A row as the JS serialiser's CSV or NDJSON line (sql-text-lines.ts), the arguments of a concat
   * over rowsSelect's rows (v{i}, d{i}); meaningful for a proven file whose rows are all writable
   * (the query's `unwritable`). `lack`: what no cell holds, not looked for.
   */
  lineParts: (format: 'csv' | 'ndjson', lack?: CellsLack) => LineParts;
  /** `SELECT <selectList> FROM` the rows (v{i} after missing values, d{i} as DOUBLE) `[WHERE ...]`. */
  rowsSelect: (source: string, selectList: string, where?: string) => string;
}

/**
 * What the text's bytes show no row can have (text-facts.ts): the writers' check then leaves out its
 * conditions, and their lines what no cell holds (CellsLack).
 */
export interface RuledOut extends CellsLack {
  /** No text cell holds a control character. */
  controlCharacters: boolean;
  /** No row is near maxRecordBytes. */
  longRows: boolean;
}

const SIMPLE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

const NUMBER_RE = sqlString('[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?');
const INTEGER_RE = sqlString('[+-]?[0-9]+');
const DATE_RE = sqlString('[0-9]{4}-[0-9]{2}-[0-9]{2}');
const DATETIME_RE = sqlString('[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z?');
/** Cell texts castBoolean maps without trimming or guessing. */
const BOOLEAN_TEXTS = ['true', 'false', 'True', 'False', 'TRUE', 'FALSE', 'yes', 'no', 'Yes', 'No', 'YES', 'NO', '1', '0'].map(sqlString).join(', ');
const MAX_SAFE = '9007199254740991';

/** A JS number as a DuckDB DOUBLE, whatever its magnitude. */
const double = (n: number): string => `CAST(${sqlString(String(n))} AS DOUBLE)`;

/**
 * Whether RE2 (DuckDB) and a JavaScript `u` RegExp agree on this pattern: literals,
 * classes, groups, alternation, quantifiers, anchors, \d and \w. `.` outside a class
 * (JS also refuses \r and U+2028), \s, \b, lookarounds, backreferences and escapes of
 * code points are left out.
 */
export function portablePattern(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!/^[dDwW.\-\\/+*?()[\]{}^$|]$/.test(next)) return false;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[') return false;
    } else if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === ']' || (pattern[i + 1] === '^' && pattern[i + 2] === ']')) return false;
    } else if (c === '.' || (c === '(' && pattern[i + 1] === '?')) {
      return false;
    }
  }
  return !inClass;
}

/**
 * The plan for this file's columns, or null when some keyword or type has no SQL twin here.
 * Without a declared schema (an inferred one) only the casts are checked.
 */
export function planSql(names: readonly string[], table: TableSchema, dataSchema: DataSchema | undefined): SqlPlan | null {
  const document = dataSchema?.document ?? { type: 'object' };
  if (Object.keys(document).some((k) => !SCHEMA_KEYWORDS.has(k) && !k.startsWith('x-')) || document.type !== 'object') return null;
  const properties = new Map(Object.entries((document.properties ?? {}) as Record<string, AnySchemaObject>));
  const required = new Set<string>(document.required ?? []);
  const missing = [...new Set(table.missingValues)].filter((m) => m !== '');
  // list_contains, not IN: DuckDB turns a long IN list into a join, which buffered the whole file (out of memory at 64 MB when writing).
  const missingList = `[${missing.map(sqlString).join(', ')}]`;
  // A cell longer (in bytes: strlen) than every missing value is none of them: most cells are, and
  // the length is stored with the text, so the list is searched only for short cells.
  const longestMissing = Math.max(0, ...missing.map((m) => Buffer.byteLength(m, 'utf8')));
  const isMissing = (c: string) => `strlen(${c}) <= ${longestMissing} AND list_contains(${missingList}, ${c})`;
  const value = names.map((_, i) => (missing.length === 0 ? `c${i}` : `CASE WHEN ${isMissing(`c${i}`)} THEN NULL ELSE c${i} END`));
  const unproven: string[] = [];
  const keyPart: string[] = [];
  const typed: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const v = `v${i}`;
    const type = table.fields[i].type;
    // Each cell is cast once, in a projection the checks then read.
    const d = type === 'number' || type === 'integer' ? `d${i}` : null;
    if (d) typed.push(`TRY_CAST(${v} AS DOUBLE) AS ${d}`);
    keyPart.push(keyExpression(v, d, type));
    const property = properties.get(names[i]);
    const checks = [...castChecks(v, d, type)];
    if (property) {
      const rules = propertyChecks(v, d, type, property);
      if (!rules) return null;
      checks.push(...rules);
      if (required.has(names[i])) unproven.push(`${v} IS NULL`);
    }
    // coalesce: a check that comes out NULL (a failed TRY_CAST) must count as failed, not unknown.
    if (checks.length > 0) unproven.push(`(${v} IS NOT NULL AND NOT coalesce(${checks.join(' AND ')}, false))`);
  }
  // Blank rows (every cell empty or a missing value) are the JS path's to report.
  unproven.push(`(${names.map((_, i) => `v${i} IS NULL`).join(' AND ')})`);
  const recordBytes = `${names.map((_, i) => `coalesce(strlen(c${i}), 0)`).join(' + ')}`;
  const keys = (dataSchema?.uniqueKeys ?? []).filter((key) => key.every((n) => names.includes(n))).map((key) => key.map((n) => names.indexOf(n)));
  const keyHash = (columns: number[]) =>
    `CASE WHEN ${columns.map((c) => `v${c} IS NOT NULL`).join(' AND ')} THEN hash(${columns.map((c) => keyPart[c]).join(', ')}) END`;
  const cells = names.map((_, i) => `c${i}`).join(', ');
  const rowsOf = (source: string) =>
    `WITH t AS NOT MATERIALIZED (SELECT ${cells}, ${value.map((e, i) => `${e} AS v${i}`).join(', ')} FROM ${source}), ` +
    `p AS NOT MATERIALIZED (SELECT *${typed.map((e) => `, ${e}`).join('')} FROM t)`;
  const datetimeColumns = table.fields.flatMap((f, i) => (f.type === 'datetime' ? [i] : []));
  const local = datetimeColumns.map((i) => `, (v${i} IS NOT NULL AND NOT ends_with(v${i}, 'Z')) AS l${i}`).join('');
  const keyHashes = keys.map((key, k) => `, ${keyHash(key)} AS k${k}`).join('');
  const flagged = (rows: boolean) =>
    `SELECT ${rows ? '*, ' : ''}(${unproven.join(' OR ')}) AS bad, NOT (${writableCondition(table.fields)}) AS unw, ${recordBytes} AS rb${local}${keyHashes} FROM p`;
  const columns = names.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return {
    columns,
    query: (source, also) =>
      `${rowsOf(source)}, f AS NOT MATERIALIZED (${flagged(Boolean(also))}) ` +
      `SELECT count(*) AS rows, count(*) FILTER (WHERE bad) AS unproven, count(*) FILTER (WHERE unw) AS unwritable, coalesce(max(rb), 0) * 2 + ${3 * names.length} AS max_record_bytes` +
      `${datetimeColumns.map((i) => `, coalesce(bool_or(l${i}), false) AS local_${i}`).join('')}` +
      `${keys.map((_, k) => `, count(k${k}) - count(DISTINCT k${k}) AS dups_${k}`).join('')}${also ? `, ${also}` : ''} FROM f`,
    keyCount: keys.length,
    datetimeColumns,
    typedSelect: (source, localDatetimes) =>
      `${rowsOf(source)} SELECT ${table.fields.map((f, i) => `${typedValue(`v${i}`, f.type, localDatetimes[i])} AS ${sqlIdentifier(f.name)}`).join(', ')} FROM p`,
    checkedTypedSelect: (source, localDatetimes, maxRecordBytes, ruledOut) => {
      const refused = [
        ...unproven,
        `NOT (${writableCondition(table.fields, !ruledOut.controlCharacters)})`,
        ...(ruledOut.longRows ? [] : [`(${recordBytes}) * 2 + ${3 * names.length} >= ${maxRecordBytes}`]),
        ...datetimeColumns.filter((i) => !localDatetimes[i]).map((i) => `(v${i} IS NOT NULL AND NOT ends_with(v${i}, 'Z'))`),
      ];
      // On the first column's value, which every row's Parquet cell evaluates (a NULL condition, as
      // query's FILTER, refuses nothing).
      const typed = table.fields.map((f, i) => typedValue(`v${i}`, f.type, localDatetimes[i]));
      typed[0] = `CASE WHEN ${refused.join(' OR ')} THEN error('a row the check would not vouch for') ELSE ${typed[0]} END`;
      return `${rowsOf(source)} SELECT ${table.fields.map((f, i) => `${typed[i]} AS ${sqlIdentifier(f.name)}`).join(', ')} FROM p`;
    },
    keyHashesFromParquet: () =>
      keys.map((key) => {
        const part = (c: number) => (table.fields[c].type === 'number' || table.fields[c].type === 'integer' ? `CAST(p${c} AS DOUBLE)` : `p${c}`);
        return `CASE WHEN ${key.map((c) => `p${c} IS NOT NULL`).join(' AND ')} THEN hash(${key.map(part).join(', ')}) END`;
      }),
    localSelect: () => datetimeColumns.map((i) => `coalesce(bool_or(v${i} IS NOT NULL AND NOT ends_with(v${i}, 'Z')), false) AS local_${i}`).join(', '),
    lineParts: (format, lack) => (format === 'csv' ? csvParts(table.fields, lack) : ndjsonParts(table.fields, lack)),
    rowsSelect: (source, selectList, where) => `${rowsOf(source)} SELECT ${selectList} FROM p${where ? ` WHERE ${where}` : ''}`,
  };
}

/** True (as SQL) when the JS cast accepts the text and the SQL reads the same value from it. */
function castChecks(v: string, d: string | null, type: FieldType): string[] {
  switch (type) {
    case 'number':
      return [`regexp_full_match(${v}, ${NUMBER_RE})`, `isfinite(${d})`];
    case 'integer':
      return [`regexp_full_match(${v}, ${INTEGER_RE})`, `abs(TRY_CAST(${v} AS HUGEINT)) <= ${MAX_SAFE}`];
    case 'boolean':
      return [`${v} IN (${BOOLEAN_TEXTS})`];
    case 'date':
      return [`regexp_full_match(${v}, ${DATE_RE})`, `substr(${v}, 1, 4) <> '0000'`, `TRY_CAST(${v} AS DATE) IS NOT NULL`];
    case 'datetime':
      return [
        `regexp_full_match(${v}, ${DATETIME_RE})`,
        `substr(${v}, 1, 4) <> '0000'`,
        `TRY_CAST(substr(${v}, 1, 10) AS DATE) IS NOT NULL`,
        `substr(${v}, 12, 2) < '24'`,
        `substr(${v}, 15, 2) < '60'`,
        `substr(${v}, 18, 2) < '60'`,
      ];
    default:
      return [];
  }
}

/**
 * The typed value of a vouched-for cell, as writeParquet types the NDJSON the JS path
 * writes for it: all-UTC datetime columns are instants, any local time makes plain timestamps.
 */
function typedValue(v: string, type: FieldType, localDatetime: boolean): string {
  switch (type) {
    case 'number':
      return `CAST(${v} AS DOUBLE) + 0.0`; // -0 becomes 0, as through the NDJSON (String(-0) is "0")
    case 'integer':
      return `CAST(${v} AS BIGINT)`;
    case 'boolean':
      return `CASE WHEN ${v} IS NULL THEN NULL ELSE ${isTrueText(v)} END`;
    case 'date':
      return `CAST(${v} AS DATE)`;
    case 'datetime':
      return `CAST(${v} AS ${localDatetime ? 'TIMESTAMP' : 'TIMESTAMPTZ'})`;
    default:
      return v;
  }
}

/** The value as the JS uniqueness check compares it (String(value)): -0 and 0 are one number. */
function keyExpression(v: string, d: string | null, type: FieldType): string {
  switch (type) {
    case 'number':
    case 'integer':
      return `CASE WHEN ${d} = 0 THEN 0.0 ELSE ${d} END`;
    case 'boolean':
      return isTrueText(v);
    default:
      return v;
  }
}

/** The property's keywords as SQL conditions on a non-null, cast-checked value; null if one cannot be. */
function propertyChecks(v: string, d: string | null, type: FieldType, property: AnySchemaObject): string[] | null {
  if (Object.keys(property).some((k) => !PROPERTY_KEYWORDS.has(k) && !k.startsWith('x-'))) return null;
  if (typeof property.type !== 'string' || !SIMPLE_TYPES.has(property.type)) return null;
  if (property.format !== undefined && property.format !== 'date' && property.format !== 'date-time') return null;
  const checks: string[] = [];
  const enumValues = property.enum as unknown[] | undefined;
  if (d) {
    if (typeof property.minimum === 'number') checks.push(`${d} >= ${double(property.minimum)}`);
    if (typeof property.maximum === 'number') checks.push(`${d} <= ${double(property.maximum)}`);
    if (typeof property.exclusiveMinimum === 'number') checks.push(`${d} > ${double(property.exclusiveMinimum)}`);
    if (typeof property.exclusiveMaximum === 'number') checks.push(`${d} < ${double(property.exclusiveMaximum)}`);
    if (enumValues) {
      const numbers = enumValues.filter((e): e is number => typeof e === 'number');
      checks.push(numbers.length === 0 ? 'false' : `${d} IN (${numbers.map(double).join(', ')})`);
    }
  } else if (type === 'boolean') {
    if (enumValues) return null;
  } else {
    // string, date and date-time values are the cell text itself (only canonical forms get here).
    if (typeof property.minLength === 'number') checks.push(`length(${v}) >= ${Math.floor(property.minLength)}`);
    if (typeof property.maxLength === 'number') checks.push(`length(${v}) <= ${Math.floor(property.maxLength)}`);
    if (typeof property.pattern === 'string') {
      if (!portablePattern(property.pattern)) return null;
      checks.push(`regexp_matches(${v}, ${sqlString(property.pattern)})`);
    }
    if (enumValues) {
      const texts = enumValues.filter((e): e is string => typeof e === 'string');
      checks.push(texts.length === 0 ? 'false' : `${v} IN (${texts.map(sqlString).join(', ')})`);
    }
  }
  return checks;
}
