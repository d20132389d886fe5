/**
 * How a sheet's rows cross from the worker that parses them (sheet-worker.ts) to the ingest's
 * thread (sheet-in-worker.ts): one message per batch, its cells' text in one string (where each
 * ends in a typed array) and the rest in typed arrays, whose buffers are transferred rather than
 * copied. The worker's parse is the critical path: the structured clone writes one string in one
 * copy, where a string per cell cost it a serialisation step per cell, and the ingest's thread,
 * which has time to spare, cuts the cells out again. Numbers and dates cross as stored and get
 * their final text on the ingest's thread too.
 */
import { CELL_TEXT, type CellKind, finalText, type RowSink } from './row-sink';
import type { SheetRow } from './sheet-row';
import type { XlsxParts } from './xlsx-parts';
import type { ZipCaps } from './zip-archive';

/** What the worker is started with: where the spooled workbook is and what to read from it. */
export interface SheetWorkerData {
  zipPath: string;
  caps: ZipCaps;
  parts: Pick<XlsxParts, 'sharedStrings' | 'styleDates' | 'date1904'>;
  sheetPath: string;
  /** A value in a column beyond this many is refused (IngestLimits.maxColumns). */
  maxColumns: number;
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
  /** Cells per row; the row's cells are the next `widths[i]` of `ends`, their kinds (row-sink.ts) the same stretch of `kinds`. */
  widths: Uint32Array;
  /** Every cell as stored in the sheet (a number not yet in its final form, a date still a serial), one after another. */
  text: string;
  /** Where each cell's text ends in `text` (it starts where the previous one ends). */
  ends: Uint32Array;
  kinds: Uint8Array;
}

/** The buffers of a rows message, to transfer with it rather than copy. */
export function transferables(message: RowsMessage): ArrayBuffer[] {
  return [message.numbers.buffer, message.hidden.buffer, message.widths.buffer, message.ends.buffer, message.kinds.buffer] as ArrayBuffer[];
}

export type WorkerMessage =
  | RowsMessage
  | { kind: 'end'; hiddenColumns: number[]; errorCells: { count: number; first?: string } }
  | { kind: 'input-error'; code: 'format-error' | 'encoding-error'; message: string; row: number | null }
  /** The error itself: the structured clone keeps a built-in error's class (RangeError, say), its message and its stack. */
  | { kind: 'failure'; error: Error };

/**
 * Rows gathered straight into a batch's flat arrays, cells as stored with their kinds: the worker
 * does no more than parse. A batch is one parsed chunk's rows: larger batches (16 384 cells) cost
 * more CPU in all, the rows of a batch living longer on the ingest's thread before they are written.
 */
export class FlatRowSink implements RowSink<RowsMessage> {
  private numbers: number[] = [];
  private hidden: number[] = [];
  private widths: number[] = [];
  private cells: string[] = [];
  private kinds: number[] = [];
  /** Where the open row's cells start in `cells`, or -1 outside a row. */
  private rowStart = -1;

  startRow(number: number, hidden: boolean): void {
    this.numbers.push(number);
    this.hidden.push(hidden ? 1 : 0);
    this.rowStart = this.cells.length;
  }

  cell(column: number, raw: string, kind: CellKind): void {
    const { rowStart, cells, kinds } = this;
    if (rowStart === -1) return;
    const at = rowStart + column;
    while (cells.length < at) {
      cells.push('');
      kinds.push(CELL_TEXT);
    }
    cells[at] = raw;
    kinds[at] = kind;
  }

  endRow(): void {
    if (this.rowStart === -1) return;
    this.widths.push(this.cells.length - this.rowStart);
    this.rowStart = -1;
  }

  take(): RowsMessage | null {
    // Only ended rows are handed on; a row left open at the end of the sheet is dropped, as SheetRowSink drops it.
    const ended = this.widths.length;
    if (ended === 0) return null;
    const cellCount = this.rowStart === -1 ? this.cells.length : this.rowStart;
    const { cells } = this;
    const ends = new Uint32Array(cellCount);
    let end = 0;
    for (let i = 0; i < cellCount; i++) {
      end += cells[i].length;
      ends[i] = end;
    }
    const message: RowsMessage = {
      kind: 'rows',
      numbers: Int32Array.from(this.numbers.slice(0, ended)),
      hidden: Uint8Array.from(this.hidden.slice(0, ended)),
      widths: Uint32Array.from(this.widths),
      text: (cellCount === cells.length ? cells : cells.slice(0, cellCount)).join(''),
      ends,
      kinds: Uint8Array.from(this.kinds.slice(0, cellCount)),
    };
    this.numbers = this.numbers.slice(ended);
    this.hidden = this.hidden.slice(ended);
    this.widths = [];
    this.cells = this.cells.slice(cellCount);
    this.kinds = this.kinds.slice(cellCount);
    if (this.rowStart !== -1) this.rowStart -= cellCount;
    return message;
  }
}

/** The batch's rows, each cell's final text made here (on the ingest's thread) from its stored text and kind. */
export function decodeRows(message: RowsMessage, date1904: boolean): SheetRow[] {
  const { numbers, hidden, widths, text, ends, kinds } = message;
  const textKind = CELL_TEXT;
  const textOf = finalText;
  const rows = new Array<SheetRow>(numbers.length);
  let at = 0;
  let start = 0;
  for (let i = 0; i < numbers.length; i++) {
    const width = widths[i];
    const rowCells = new Array<string>(width);
    const rowTyped = new Array<boolean>(width);
    for (let c = 0; c < width; c++) {
      const kind = kinds[at + c];
      const end = ends[at + c];
      rowCells[c] = textOf(text.slice(start, end), kind, date1904);
      rowTyped[c] = kind !== textKind;
      start = end;
    }
    rows[i] = { number: numbers[i], cells: rowCells, typed: rowTyped, hidden: hidden[i] === 1 };
    at += width;
  }
  return rows;
}
