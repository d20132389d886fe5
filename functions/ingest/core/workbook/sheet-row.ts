import { IngestInputError } from '../errors';

/** What a spreadsheet reader hands on: one row of one sheet, cells already turned into text. */
export interface SheetRow {
  /** 1-based row number in the sheet, as the publisher sees it in Excel or Calc. */
  number: number;
  /** Cell text by 0-based column; a missing cell is empty. Numbers, dates and booleans are written as CSV would hold them. */
  cells: string[];
  /** Per cell: true when the cell held a number, date or boolean rather than text. */
  typed: boolean[];
  hidden: boolean;
}

/** A merged range, 0-based and inclusive. */
export interface MergedRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

/** One sheet being read: its rows in order, and what was learned about it along the way. */
export interface SheetReading {
  rows: AsyncIterable<SheetRow[]>;
  /**
   * Asked for, when the header needs them, once the first rows are read (xlsx: a scan of the
   * part, since the ranges follow the rows; ods: gathered as rows are read, so header rows have theirs).
   */
  merges(): Promise<MergedRange[]>;
  /** 0-based columns marked hidden. */
  hiddenColumns: Set<number>;
  /** Cells holding an error (#N/A, #DIV/0!...) read as empty. */
  errorCells: { count: number; first?: string };
}

/** A workbook the readers opened: its sheets in order, and how to read one. */
export interface WorkbookSource {
  sheets: SheetInfo[];
  readSheet(index: number): Promise<SheetReading>;
}

/** `B12` → column 1 (0-based), row 12; null when it is not a cell reference. */
export function parseCellRef(ref: string): { column: number; row: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(match[2]) };
}

/**
 * The refusal of a value beyond the column cap, met while the row is read: before the row is
 * padded out to it, since a row is a list of cells and one value in column XFD would otherwise
 * make every such row 16 384 cells long. Worded as the CSV path's refusal of too many columns.
 */
export function tooManyColumns(rowNumber: number, column: number, maxColumns: number): IngestInputError {
  return new IngestInputError(
    'format-error',
    `Sheet row ${rowNumber.toLocaleString('en-GB')} has a value in column ${columnLetters(column)} (column ${(column + 1).toLocaleString('en-GB')}); at most ${maxColumns.toLocaleString('en-GB')} columns are accepted. Split it into narrower tables, or reshape it to long format (one row per value).`,
  );
}

/** A1-style column letters for a 0-based column. */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
