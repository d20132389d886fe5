import { castBoolean, castDate, castDatetime, castInteger, castNumber, INVALID, parseLooseNumber, trimIfNeeded } from './cast';
import { BOOLEAN_FALSE_VALUES, BOOLEAN_TRUE_VALUES, INFERRED_MISSING_VALUES, type FieldType, type TableSchema, type TableSchemaField } from './table-schema';

/** Most specific first: a column takes the first type every sampled value satisfies. */
const ORDER: readonly FieldType[] = ['integer', 'number', 'boolean', 'date', 'datetime'];

/** `007` or `0123` are codes, not numbers: reading them as numbers would lose the zeros. */
const LEADING_ZERO = /^[+-]?[£$€]?[+-]?0\d/;
const BOOLEAN_WORD = /^(true|false|yes|no)$/i;
const ISO_DATE_START = /^\d{4}-/;

class ColumnEvidence {
  readonly possible = new Set<FieldType>(ORDER);
  grouped = false;
  decorated = false;
  isoDates = false;
  ukDates = false;
  seen = 0;

  observe(raw: string): void {
    this.seen++;
    const cell = trimIfNeeded(raw);
    if (this.possible.has('integer') || this.possible.has('number')) this.observeNumber(cell);
    if (this.possible.has('boolean') && (castBoolean(cell) === INVALID || !this.isBooleanish(cell))) this.possible.delete('boolean');
    if (this.possible.has('date')) this.observeDate(cell, castDate(cell) !== INVALID);
    if (this.possible.has('datetime')) this.observeDate(cell, castDatetime(cell) !== INVALID, 'datetime');
  }

  private isBooleanish(cell: string): boolean {
    return BOOLEAN_WORD.test(cell) || cell === '0' || cell === '1';
  }

  private observeNumber(cell: string): void {
    if (LEADING_ZERO.test(cell)) {
      this.possible.delete('integer');
      this.possible.delete('number');
      return;
    }
    if (castInteger(cell) === INVALID) this.possible.delete('integer');
    if (castNumber(cell) === INVALID) {
      this.possible.delete('number');
      return;
    }
    const loose = parseLooseNumber(cell);
    if (loose?.grouped) this.grouped = true;
    if (loose?.decorated) this.decorated = true;
  }

  private observeDate(cell: string, valid: boolean, type: 'date' | 'datetime' = 'date'): void {
    if (!valid) {
      this.possible.delete(type);
      return;
    }
    if (ISO_DATE_START.test(cell)) this.isoDates = true;
    else this.ukDates = true;
  }

  field(name: string): TableSchemaField {
    // A column of only 0 and 1 is integer (first in ORDER); one with yes/no words is boolean.
    const type = this.seen === 0 ? 'string' : (ORDER.find((t) => this.possible.has(t)) ?? 'string');
    const field: TableSchemaField = { name, type };
    if (type === 'integer' || type === 'number') {
      if (this.grouped) field.groupChar = ',';
      if (this.decorated) field.bareNumber = false;
    } else if (type === 'boolean') {
      field.trueValues = [...BOOLEAN_TRUE_VALUES];
      field.falseValues = [...BOOLEAN_FALSE_VALUES];
    } else if (type === 'date' || type === 'datetime') {
      field.format = this.isoDates && this.ukDates ? 'any' : this.ukDates ? (type === 'date' ? '%d/%m/%Y' : '%d/%m/%Y %H:%M:%S') : 'default';
    }
    return field;
  }
}

/**
 * Infers a Table Schema from the header and a bounded sample of rows (the first
 * `inferenceRows`). Missing values are skipped; a column with no value in the sample
 * is a string.
 */
export function inferTableSchema(header: readonly string[], sample: readonly (readonly string[] | null)[]): TableSchema {
  const missing = new Set(INFERRED_MISSING_VALUES);
  const columns = header.map(() => new ColumnEvidence());
  for (const row of sample) {
    if (!row) continue;
    const n = Math.min(row.length, columns.length);
    for (let i = 0; i < n; i++) {
      const cell = row[i];
      if (!missing.has(cell)) columns[i].observe(cell);
    }
  }
  return { fields: header.map((name, i) => columns[i].field(name)), missingValues: [...INFERRED_MISSING_VALUES] };
}

/**
 * The rows inference reads: the first `maxRows` data rows, or fewer when their cells reach
 * `maxChars` first. Counted row by row (never by the reader's batches), so the inferred
 * schema does not depend on how the bytes arrived, and the fast path infers from the same rows.
 */
export class InferenceSample<Row extends readonly string[] | null> {
  readonly rows: Row[] = [];
  private chars = 0;

  constructor(
    private readonly maxRows: number,
    private readonly maxChars: number,
  ) {}

  get full(): boolean {
    return this.rows.length >= this.maxRows || this.chars >= this.maxChars;
  }

  /** Takes rows from `from` until full; returns the index of the first row not taken. */
  take(batch: readonly Row[], from: number): number {
    let i = from;
    for (; i < batch.length && !this.full; i++) {
      const row = batch[i];
      this.rows.push(row);
      if (row) for (const cell of row) this.chars += cell.length;
    }
    return i;
  }
}
