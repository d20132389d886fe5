/**
 * How a sheet's rows cross from the worker that parses them (sheet-worker.ts) to the ingest's
 * thread (sheet-in-worker.ts): one message per batch, its cells' characters in one typed array
 * (where each cell ends in another) and the rest in typed arrays, whose buffers are transferred
 * rather than copied. The worker's parse is the critical path: it writes each cell's characters
 * as the cell closes, while the string is fresh in its cache, and hands the buffer over as it is
 * (no joining of a batch's strings, no copy into the message), and the ingest's thread, which has
 * time to spare, decodes the batch in one call and cuts the cells out again. Numbers and dates
 * cross as stored and get their final text on the ingest's thread too.
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
  /**
   * Every cell as stored in the sheet (a number not yet in its final form, a date still a serial),
   * one after another, as UTF-16 code units: one byte each while the batch is all Latin-1, two
   * (a Uint16Array) once a cell holds a character beyond it.
   */
  chars: Uint8Array | Uint16Array;
  /** Where each cell's characters end in `chars` (they start where the previous cell's end). */
  ends: Uint32Array;
  kinds: Uint8Array;
}

/** The buffers of a rows message, to transfer with it rather than copy. */
export function transferables(message: RowsMessage): ArrayBuffer[] {
  return [
    message.numbers.buffer,
    message.hidden.buffer,
    message.widths.buffer,
    message.chars.buffer,
    message.ends.buffer,
    message.kinds.buffer,
  ] as ArrayBuffer[];
}

export type WorkerMessage =
  | RowsMessage
  | { kind: 'end'; hiddenColumns: number[]; errorCells: { count: number; first?: string } }
  | { kind: 'input-error'; code: 'format-error' | 'encoding-error'; message: string; row: number | null }
  /** The error itself: the structured clone keeps a built-in error's class (RangeError, say), its message and its stack. */
  | { kind: 'failure'; error: Error };

/** Characters and cells a batch's first buffers hold; they grow by doubling, and the next batch's start at the last one's size. */
const FIRST_CHARS = 64 * 1024;
const FIRST_CELLS = 8 * 1024;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The text of code units `start` to `end` of a batch's characters, decoded by Node in one call. */
export function charsText(chars: Uint8Array | Uint16Array, start: number, end: number): string {
  if (chars instanceof Uint8Array) return Buffer.from(chars.buffer, chars.byteOffset + start, end - start).toString('latin1');
  const bytes = Buffer.from(chars.buffer, chars.byteOffset + 2 * start, 2 * (end - start));
  return (LITTLE_ENDIAN ? bytes : Buffer.from(bytes).swap16()).toString('utf16le');
}

/**
 * Rows gathered straight into a batch's flat arrays, cells as stored with their kinds: the worker
 * does no more than parse and copy each cell's characters. A batch is one parsed chunk's rows:
 * larger batches (16 384 cells) cost more CPU in all, the rows of a batch living longer on the
 * ingest's thread before they are written. A row's cells are held in column order: a gap is
 * filled with empty cells, and once a cell comes back to an earlier column (a sheet may repeat
 * or reorder references) the open row is held by column until it ends (`reordered`).
 */
export class FlatRowSink implements RowSink<RowsMessage> {
  private numbers: number[] = [];
  private hidden: number[] = [];
  private widths: number[] = [];
  /** The batch's characters while all are Latin-1; `units` (and no more `bytes`) once one is not. */
  private bytes: Uint8Array = new Uint8Array(FIRST_CHARS);
  private units: Uint16Array | null = null;
  private capacity = FIRST_CHARS;
  private used = 0;
  private ends = new Uint32Array(FIRST_CELLS);
  private kinds = new Uint8Array(FIRST_CELLS);
  private cellCount = 0;
  /** Where the open row's cells start in `ends`, or -1 outside a row. */
  private rowStart = -1;
  /**
   * The open row's cells by column once one came back to a column the row already has, held as
   * strings until the row ends: each such cell is then one assignment. Rewriting the row's
   * characters for each made a sheet repeating `<c r="A1">` in a wide row cost cells × width.
   */
  private reordered: { cells: string[]; kinds: CellKind[] } | null = null;

  startRow(number: number, hidden: boolean): void {
    if (this.rowStart !== -1) {
      // A row opened inside another (malformed XML): the unended one is dropped, as SheetRowSink
      // drops it; its cells and number left in the batch would shift into the rows after it.
      this.reordered = null;
      this.used = this.rowStart === 0 ? 0 : this.ends[this.rowStart - 1];
      this.cellCount = this.rowStart;
      this.numbers.pop();
      this.hidden.pop();
    }
    this.numbers.push(number);
    this.hidden.push(hidden ? 1 : 0);
    this.rowStart = this.cellCount;
  }

  cell(column: number, raw: string, kind: CellKind): void {
    const { rowStart } = this;
    if (rowStart === -1) return;
    const at = rowStart + column;
    if (this.reordered === null && at < this.cellCount) this.reorder();
    const open = this.reordered;
    if (open !== null) {
      while (open.cells.length < column) {
        open.cells.push('');
        open.kinds.push(CELL_TEXT);
      }
      open.cells[column] = raw;
      open.kinds[column] = kind;
      return;
    }
    while (this.cellCount < at) this.push('', CELL_TEXT);
    this.push(raw, kind);
  }

  endRow(): void {
    if (this.rowStart === -1) return;
    this.flushReordered();
    this.widths.push(this.cellCount - this.rowStart);
    this.rowStart = -1;
  }

  take(): RowsMessage | null {
    // Only ended rows are handed on; a row left open at the end of the sheet is dropped, as SheetRowSink drops it.
    const ended = this.widths.length;
    if (ended === 0) return null;
    const cellCount = this.rowStart === -1 ? this.cellCount : this.rowStart;
    const charCount = cellCount === 0 ? 0 : this.ends[cellCount - 1];
    const { units, bytes, ends, kinds } = this;
    const chars = units ?? bytes;
    const message: RowsMessage = {
      kind: 'rows',
      numbers: Int32Array.from(this.numbers.slice(0, ended)),
      hidden: Uint8Array.from(this.hidden.slice(0, ended)),
      widths: Uint32Array.from(this.widths),
      chars: chars.subarray(0, charCount),
      ends: ends.subarray(0, cellCount),
      kinds: kinds.subarray(0, cellCount),
    };
    // The buffers go with the message: the open row's cells, if any, move to new ones.
    const openCells = this.cellCount - cellCount;
    const openChars = this.used - charCount;
    this.capacity = Math.max(FIRST_CHARS, this.used);
    if (units && openChars > 0) {
      this.units = new Uint16Array(this.capacity);
      this.units.set(units.subarray(charCount, this.used));
    } else {
      this.units = null;
      this.bytes = new Uint8Array(this.capacity);
      this.bytes.set(bytes.subarray(charCount, this.used));
    }
    this.used = openChars;
    const nextCells = Math.max(FIRST_CELLS, this.cellCount);
    this.ends = new Uint32Array(nextCells);
    this.kinds = new Uint8Array(nextCells);
    for (let i = 0; i < openCells; i++) {
      this.ends[i] = ends[cellCount + i] - charCount;
      this.kinds[i] = kinds[cellCount + i];
    }
    this.cellCount = openCells;
    this.numbers = this.numbers.slice(ended);
    this.hidden = this.hidden.slice(ended);
    this.widths = [];
    if (this.rowStart !== -1) this.rowStart -= cellCount;
    return message;
  }

  /** Appends a cell: its characters, where they end and its kind. */
  private push(raw: string, kind: CellKind): void {
    const at = this.cellCount;
    if (at === this.ends.length) {
      const ends = new Uint32Array(2 * at);
      ends.set(this.ends);
      this.ends = ends;
      const kinds = new Uint8Array(2 * at);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    const length = raw.length;
    if (this.used + length > this.capacity) this.growChars(this.used + length);
    if (this.units === null) this.writeBytes(raw);
    else this.writeUnits(raw, 0);
    this.ends[at] = this.used;
    this.kinds[at] = kind;
    this.cellCount = at + 1;
  }

  private writeBytes(raw: string): void {
    const { bytes } = this;
    let used = this.used;
    const length = raw.length;
    for (let i = 0; i < length; i++) {
      const code = raw.charCodeAt(i);
      if (code > 0xff) {
        this.used = used;
        this.widen();
        this.writeUnits(raw, i);
        return;
      }
      bytes[used++] = code;
    }
    this.used = used;
  }

  private writeUnits(raw: string, from: number): void {
    const units = this.units as Uint16Array;
    let used = this.used;
    const length = raw.length;
    for (let i = from; i < length; i++) units[used++] = raw.charCodeAt(i);
    this.used = used;
  }

  /** The batch holds a character beyond Latin-1: its characters so far become two bytes each. */
  private widen(): void {
    const units = new Uint16Array(this.capacity);
    units.set(this.bytes.subarray(0, this.used));
    this.units = units;
  }

  private growChars(needed: number): void {
    let capacity = this.capacity * 2;
    while (capacity < needed) capacity *= 2;
    this.capacity = capacity;
    if (this.units === null) {
      const bytes = new Uint8Array(capacity);
      bytes.set(this.bytes.subarray(0, this.used));
      this.bytes = bytes;
    } else {
      const units = new Uint16Array(capacity);
      units.set(this.units.subarray(0, this.used));
      this.units = units;
    }
  }

  /** The open row's cells leave the batch's buffers for `reordered` (see there). */
  private reorder(): void {
    const { rowStart } = this;
    const chars = this.units ?? this.bytes;
    const cells: string[] = [];
    const kinds: CellKind[] = [];
    for (let i = rowStart; i < this.cellCount; i++) {
      cells.push(charsText(chars, i === 0 ? 0 : this.ends[i - 1], this.ends[i]));
      kinds.push(this.kinds[i] as CellKind);
    }
    this.used = rowStart === 0 ? 0 : this.ends[rowStart - 1];
    this.cellCount = rowStart;
    this.reordered = { cells, kinds };
  }

  /** The reordered row's cells written to the batch, in column order. */
  private flushReordered(): void {
    const open = this.reordered;
    if (open === null) return;
    this.reordered = null;
    for (let i = 0; i < open.cells.length; i++) this.push(open.cells[i], open.kinds[i]);
  }
}

/** The batch's rows, each cell's final text made here (on the ingest's thread) from its stored text and kind. */
export function decodeRows(message: RowsMessage, date1904: boolean): SheetRow[] {
  const { numbers, hidden, widths, chars, ends, kinds } = message;
  const text = charsText(chars, 0, chars.length);
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
