import { sqlString } from '../duckdb';
import type { TableSchemaField } from '../table-schema';

/**
 * SQL twins of outputs/serialise-row.ts: each row of a proven file as the very CSV line and
 * NDJSON line the JS serialiser writes, so DuckDB writes the text outputs with COPY and a
 * proven file is never parsed again in JavaScript. `v{i}` is the cell after missing values
 * (NULL when missing), `d{i}` its DOUBLE for number and integer columns (see sql-plan.ts).
 *
 * Where DuckDB's text of a value differs from JavaScript's, the row is not "writable" (the
 * check counts such rows; one sends the outputs back to the JS pass):
 * - numbers: both print the shortest text that reads back as the same double, but JavaScript
 *   switches to exponent notation outside [1e-6, 1e21) and DuckDB outside [1e-4, 1e16), and
 *   DuckDB writes integral doubles as `100.0`. Inside [1e-4, 1e16) dropping that `.0` makes
 *   them equal; other magnitudes (and -0, which `+ 0.0` already made 0) are not written here;
 * - text with control characters (JSON.stringify's `\uXXXX` escapes): never written here.
 */

/**
 * Whether a (vouched-for) boolean cell reads as true. list_contains, not IN: DuckDB turns an IN list
 * of several values into a join, and a join does not keep the rows in order, so a COPY wrote them
 * out of order (seen with rows of a megabyte).
 */
export const isTrueText = (v: string): string => `list_contains(['true', 'True', 'TRUE', 'yes', 'Yes', 'YES', '1'], ${v})`;

/**
 * Which rows DuckDB can write as the JS serialiser would (SQL, true when writable). `controlCharacters`
 * false: the text is known to hold none (text-facts.ts), so they are not looked for.
 */
export function writableCondition(fields: readonly TableSchemaField[], controlCharacters = true): string {
  const numbers = fields.flatMap((f, i) => (f.type === 'number' ? [`(d${i} IS NULL OR d${i} = 0 OR (abs(d${i}) >= 1e-4 AND abs(d${i}) < 1e16))`] : []));
  // One search per row over its text cells together (concat skips NULLs), not one per cell.
  const texts = controlCharacters ? fields.flatMap((f, i) => (f.type === 'string' ? [`v${i}`] : [])) : [];
  const control = texts.length === 0 ? [] : [`NOT regexp_matches(concat(${texts.join(', ')}), '[\\x00-\\x1f]')`];
  const conditions = [...numbers, ...control];
  return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}

/** The value's text as String(value) gives it in JS (numbers, integers, booleans); dates and date-times are their (canonical) cell text. */
export function valueText(i: number, field: TableSchemaField): string {
  switch (field.type) {
    case 'number':
      // Integral doubles below 1e16 are exact as BIGINT, printed without DuckDB's `.0` (and -0 as 0).
      return `CASE WHEN d${i} = trunc(d${i}) THEN CAST(CAST(d${i} AS BIGINT) AS VARCHAR) ELSE CAST(d${i} AS VARCHAR) END`;
    case 'integer':
      return `CAST(CAST(v${i} AS BIGINT) AS VARCHAR)`;
    case 'boolean':
      return `CASE WHEN v${i} IS NULL THEN NULL WHEN ${isTrueText(`v${i}`)} THEN 'true' ELSE 'false' END`;
    default:
      return `v${i}`;
  }
}

/**
 * What the text's bytes show no cell holds (text-facts.ts), so the lines' SQL does not look for it
 * in every cell (each look is a pass over the cell, for each of millions of rows).
 */
export interface CellsLack {
  /** No cell holds `" , CR LF`: none is quoted in the CSV. */
  csvQuotes: boolean;
  /** No cell holds `\` or `"`: none is escaped in the NDJSON (writable text has no control character). */
  jsonEscapes: boolean;
}

const NOTHING_RULED_OUT: CellsLack = { csvQuotes: false, jsonEscapes: false };

/** neutraliseFormula then csvCell: a leading `= + - @`, tab or CR gets a `'`; `" , CR LF` mean quotes. */
function csvText(v: string, lack: CellsLack): string {
  // ascii(): the first character's code point, without the substring left() would make of every cell;
  // list_contains, not IN, for the order of the rows (see isTrueText).
  const t = `(CASE WHEN list_contains([61, 43, 45, 64, 9, 13], ascii(${v})) THEN '''' || ${v} ELSE ${v} END)`;
  if (lack.csvQuotes) return t;
  const quote = `(contains(${v}, '"') OR contains(${v}, ',') OR contains(${v}, chr(13)) OR contains(${v}, chr(10)))`;
  return `CASE WHEN ${quote} THEN '"' || replace(${t}, '"', '""') || '"' ELSE ${t} END`;
}

/**
 * A row's line as the arguments of one SQL concat, which the caller may join with more (a line is
 * built by one concat, never a concat of concats: each level copied the whole line again).
 */
export type LineParts = string[];

/** One CSV line per row, without its line break: its cells and the commas between them (concat writes a NULL cell as nothing). */
export function csvParts(fields: readonly TableSchemaField[], lack = NOTHING_RULED_OUT): LineParts {
  return fields.flatMap((f, i) => [...(i > 0 ? ["','"] : []), f.type === 'string' ? csvText(`v${i}`, lack) : valueText(i, f)]);
}

/** One JSON object per row, keys in column order (JSON.stringify of each name), without its line break. */
export function ndjsonParts(fields: readonly TableSchemaField[], lack = NOTHING_RULED_OUT): LineParts {
  if (fields.length === 0) return ["'{}'"];
  const parts = fields.flatMap((f, i) => {
    const key = sqlString(`${i === 0 ? '{' : ','}${JSON.stringify(f.name)}:`);
    // Writable text has no control characters: only `\` and `"` need escaping, and most cells have
    // neither (looking is much cheaper than replace, which copies every cell). A proven date or
    // date-time is in its canonical form (sql-plan.ts), which has neither.
    const v = `v${i}`;
    const escaped = lack.jsonEscapes
      ? v
      : `CASE WHEN contains(${v}, '\\') OR contains(${v}, '"') THEN replace(replace(${v}, '\\', '\\\\'), '"', '\\"') ELSE ${v} END`;
    const value = f.type === 'string' ? `'"' || ${escaped} || '"'` : f.type === 'date' || f.type === 'datetime' ? `'"' || ${v} || '"'` : valueText(i, f);
    return [key, `coalesce(${value}, 'null')`];
  });
  return [...parts, "'}'"];
}
