/**
 * How a sheet's rows cross from the worker that parses them (sheet-worker.ts) to the ingest's
 * thread (sheet-in-worker.ts): one message per batch, its cells in one flat array of strings and
 * the rest in typed arrays, which the structured clone copies far more cheaply than an object
 * per row and an array per row.
 */
import type { SheetRow } from './sheet-row';
import type { XlsxParts } from './xlsx-parts';
import type { ZipCaps } from './zip-archive';

/** What the worker is started with: where the spooled workbook is and what to read from it. */
export interface SheetWorkerData {
  zipPath: string;
  caps: ZipCaps;
  parts: Pick<XlsxParts, 'sharedStrings' | 'styleDates' | 'date1904'>;
  sheetPath: string;
  /** Batches the worker may send before the reader asks for more: the rows in flight stay few. */
  credits: number;
  /** The module the worker runs, and (running from TypeScript source) the loader it needs first. */
  entry: string;
  loader?: string;
}

export interface RowsMessage {
  kind: 'rows';
  numbers: Int32Array;
  hidden: Uint8Array;
  /** Cells per row; the row's cells are the next `widths[i]` of `cells`, its typed flags the same stretch of `typed`. */
  widths: Uint32Array;
  cells: string[];
  typed: Uint8Array;
}

export type WorkerMessage =
  | RowsMessage
  | { kind: 'end'; hiddenColumns: number[]; errorCells: { count: number; first?: string } }
  | { kind: 'input-error'; code: 'format-error' | 'encoding-error'; message: string; row: number | null }
  | { kind: 'failure'; message: string; stack?: string };

export function encodeRows(rows: readonly SheetRow[]): RowsMessage {
  const numbers = new Int32Array(rows.length);
  const hidden = new Uint8Array(rows.length);
  const widths = new Uint32Array(rows.length);
  let total = 0;
  for (const row of rows) total += row.cells.length;
  const cells = new Array<string>(total);
  const typed = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    numbers[i] = row.number;
    hidden[i] = row.hidden ? 1 : 0;
    const width = row.cells.length;
    widths[i] = width;
    for (let c = 0; c < width; c++) {
      cells[at] = row.cells[c];
      typed[at++] = row.typed[c] ? 1 : 0;
    }
  }
  return { kind: 'rows', numbers, hidden, widths, cells, typed };
}

export function decodeRows(message: RowsMessage): SheetRow[] {
  const { numbers, hidden, widths, cells, typed } = message;
  const rows = new Array<SheetRow>(numbers.length);
  let at = 0;
  for (let i = 0; i < numbers.length; i++) {
    const width = widths[i];
    const rowTyped = new Array<boolean>(width);
    for (let c = 0; c < width; c++) rowTyped[c] = typed[at + c] === 1;
    rows[i] = { number: numbers[i], cells: cells.slice(at, at + width), typed: rowTyped, hidden: hidden[i] === 1 };
    at += width;
  }
  return rows;
}
