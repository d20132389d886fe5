import type { ValidationError } from './errors';

/** A row the reader could not turn into cells (already reported); it still takes a row number. */
export type RowCells = string[] | null;

/** Marks a record already reported as unreadable: it takes a row number and nothing else. */
export const UNREADABLE = Symbol('unreadable');

/**
 * A JSON escape can spell a lone UTF-16 surrogate (`"\ud800"`), which is not Unicode text: no
 * UTF-8 output can hold it (DuckDB refuses it, TextEncoder writes U+FFFD). It becomes U+FFFD
 * here, where JSON text becomes cells and labels, so validation and every output see the same
 * text. (`toWellFormed` is ES2024; Node 20 has it, the project's TypeScript lib is ES2023.)
 */
export function wellFormed(text: string): string {
  return (text as string & { toWellFormed(): string }).toWellFormed();
}

/** How JSON values become cells: every row is then cast exactly as a CSV row would be. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return wellFormed(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  // JSON.stringify writes a lone surrogate as the escape \udxxx (lower case), never a pair:
  // only then is the value walked again, so nested text reads back well-formed too.
  return text.includes('\\ud') ? JSON.stringify(value, wellFormedStrings) : text;
}

function wellFormedStrings(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), v]));
  return value;
}

/**
 * True when `value` nests arrays and objects more than `maxDepth` levels deep (a scalar is
 * level 0). Walked with an explicit stack, so measuring a hostile value cannot overflow ours.
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const pending: Array<[object, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth > maxDepth) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Turns a stream of JSON objects into a table. The header is the union of the keys of
 * the first objects (in first-seen order), gathered while `collecting` is true; a key
 * first seen after that is an extra-cell error for its row, not a new column.
 */
export class JsonTableShaper {
  private readonly pending: unknown[] = [];
  private header: string[] | null = null;
  private readonly keys = new Map<string, number>();
  private rowsOut = 0;

  constructor(
    private readonly onIssue: (error: ValidationError) => void,
    private readonly headerRows: number,
    private readonly maxNestingDepth: number,
  ) {}

  /** Buffers objects until `headerRows` of them fix the header, then shapes them into rows. */
  accept(value: unknown, out: RowCells[]): void {
    if (this.header) {
      out.push(this.shape(value));
      return;
    }
    this.pending.push(value);
    if (isObject(value)) for (const key of Object.keys(value)) if (!this.keys.has(key)) this.keys.set(key, this.keys.size);
    if (this.pending.length >= this.headerRows) this.fixHeader(out);
  }

  get headerKnown(): boolean {
    return this.header !== null;
  }

  get bufferedCount(): number {
    return this.pending.length;
  }

  /** Data rows received so far, buffered or shaped. */
  get rowsSeen(): number {
    return this.pending.length + this.rowsOut;
  }

  /** Fixes the header from the buffered objects; appends it and their rows to `out`. */
  fixHeader(out: RowCells[]): void {
    if (this.header) return;
    this.header = [...this.keys.keys()];
    out.push(this.header.map(wellFormed)); // the labels; values are still looked up by the keys as parsed
    for (const value of this.pending) out.push(this.shape(value));
    this.pending.length = 0;
  }

  private shape(value: unknown): RowCells {
    const row = 2 + this.rowsOut++;
    if (value === UNREADABLE) return null;
    if (!isObject(value)) {
      const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
      this.onIssue({ code: 'format-error', row, field: null, message: `Row ${row} is ${what}, not an object of column names to values.` });
      return null;
    }
    const header = this.header as string[];
    const cells = new Array<string>(header.length);
    let known = 0;
    for (let i = 0; i < header.length; i++) {
      const key = header[i];
      if (Object.hasOwn(value, key)) {
        const cell = value[key];
        if (typeof cell === 'object' && nestedDeeperThan(cell, this.maxNestingDepth)) {
          this.onIssue({
            code: 'format-error',
            row,
            field: wellFormed(key),
            fieldNumber: i + 1,
            message: `Row ${row}, column "${wellFormed(key)}": the value's nesting is too deep: arrays and objects inside each other more than ${this.maxNestingDepth} levels, where the exchange reads at most ${this.maxNestingDepth}.`,
          });
          return null;
        }
        cells[i] = cellText(cell);
        known++;
      } else cells[i] = '';
    }
    if (known < Object.keys(value).length) this.reportUnknownKeys(value, row);
    return cells;
  }

  private reportUnknownKeys(value: Record<string, unknown>, row: number): void {
    for (const raw of Object.keys(value)) {
      if (this.keys.has(raw)) continue;
      const key = wellFormed(raw);
      this.onIssue({
        code: 'extra-cell',
        row,
        field: key,
        message: `Row ${row} has a value for "${key}", which is not a column: the columns are the keys of the first rows. Add "${key}" to the first row (it may be null) or remove it.`,
      });
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
