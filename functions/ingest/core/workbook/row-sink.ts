import { type DateKind, numberText, serialToIso, storedNumberText } from './cell-values';
import type { SheetRow } from './sheet-row';

/**
 * What a cell's stored text still needs before it is the text the CSV casts read: a sheet's
 * reader hands on the stored text and its kind, and the sink turns it into the final text when
 * it builds the row (on the ingest's thread, or, for a sheet parsed in a worker, when the batch
 * arrives: the worker then does only the parse).
 */
export const CELL_TEXT = 0;
/** A boolean or ISO date, already in its final form, but typed rather than text. */
export const CELL_TYPED = 1;
export const CELL_NUMBER = 2;
export const CELL_DATE = 3;
export const CELL_DATETIME = 4;
export const CELL_TIME = 5;
export type CellKind = typeof CELL_TEXT | typeof CELL_TYPED | typeof CELL_NUMBER | typeof CELL_DATE | typeof CELL_DATETIME | typeof CELL_TIME;

const DATE_CELL_KINDS = new Map<DateKind, CellKind>([
  ['date', CELL_DATE],
  ['datetime', CELL_DATETIME],
  ['time', CELL_TIME],
]);
const DATE_KINDS: ReadonlyArray<DateKind | null> = [null, null, null, 'date', 'datetime', 'time'];

/** The cell kind of a number in a style showing a date (`null`: a plain number). */
export function numberCellKind(dateKind: DateKind | null): CellKind {
  return dateKind === null ? CELL_NUMBER : (DATE_CELL_KINDS.get(dateKind) ?? CELL_NUMBER);
}

// Held once: called per cell, an imported binding can cost a property getter (CommonJS interop) every time.
const storedNumber = storedNumberText;
const serialDate = serialToIso;
const plainNumber = numberText;

/** The cell's final text from its stored text and kind. */
export function finalText(raw: string, kind: number, date1904: boolean): string {
  if (kind < CELL_NUMBER) return raw;
  if (kind === CELL_NUMBER) return storedNumber(raw);
  const value = Number(raw);
  return serialDate(value, DATE_KINDS[kind] as DateKind, date1904) ?? plainNumber(value);
}

/** Where a sheet's reader puts its rows: one row at a time, cells by column, then taken in batches. */
export interface RowSink<T> {
  startRow(number: number, hidden: boolean): void;
  /** A cell of the open row; ignored outside a row. A later cell of the same column replaces it. */
  cell(column: number, raw: string, kind: CellKind): void;
  endRow(): void;
  /** The rows ended since the last call, or null when none. */
  take(): T | null;
}

/** Rows as SheetRow objects, their cells turned into final text as they come. */
export class SheetRowSink implements RowSink<SheetRow[]> {
  private out: SheetRow[] = [];
  private row: SheetRow | null = null;

  constructor(private readonly date1904: boolean) {}

  startRow(number: number, hidden: boolean): void {
    this.row = { number, cells: [], typed: [], hidden };
  }

  cell(column: number, raw: string, kind: CellKind): void {
    const { row } = this;
    if (!row) return;
    const { cells, typed } = row;
    while (cells.length < column) {
      cells.push('');
      typed.push(false);
    }
    cells[column] = finalText(raw, kind, this.date1904);
    typed[column] = kind !== CELL_TEXT;
  }

  endRow(): void {
    if (this.row) this.out.push(this.row);
    this.row = null;
  }

  take(): SheetRow[] | null {
    if (this.out.length === 0) return null;
    const rows = this.out;
    this.out = [];
    return rows;
  }
}
