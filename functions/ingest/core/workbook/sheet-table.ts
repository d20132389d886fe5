import type { RowCells } from '../json-rows';
import type { ReportWarning } from '../report';
import { columnLetters, type SheetReading, type SheetRow } from './sheet-row';
import { filled, findTable, HEADER_WINDOW, printableFirst, type TablePlan } from './table-header';

/** A row that may end the table: held until a data row follows (then it was data) or the sheet ends (then it is left out). */
type Held = { row: SheetRow; kind: 'blank' | 'note' | 'total' };

const NOTE_START = /^\s*(source|sources|note|notes|footnote|footnotes|\*|†|#\d|\[\d+\]|\(\d+\)|\d+[.)]\s|please note|data (is|are) |contains|©|copyright)/i;
const TOTAL_START = /^\s*(grand\s+|sub-?\s*)?totals?\b/i;
const LISTED = 8;
// Held once: called per cell, an imported binding can cost a property getter (CommonJS interop) every time.
const printable = printableFirst;

export interface FoundTable {
  plan: TablePlan;
  /** The header, then the data rows, as the validator reads a CSV's. */
  batches: AsyncIterable<RowCells[]>;
}

/** The first rows of a sheet (at most `HEADER_WINDOW` non-empty ones, plus the look-ahead), and the rest. */
export async function tableOnSheet(reading: SheetReading, warn: (w: ReportWarning) => void, sheetName: string): Promise<FoundTable | null> {
  const iterator = reading.rows[Symbol.asyncIterator]();
  const window: SheetRow[] = [];
  let ended = false;
  while (window.length < HEADER_WINDOW + 25) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    for (const row of next.value) window.push(row);
  }
  let plan: TablePlan | null;
  try {
    plan = await findTable(window, reading.merges);
  } catch (error) {
    // Refused while finding the table (the merges' second pass, say): a worker parsing the sheet is ended too.
    await iterator.return?.();
    throw error;
  }
  if (!plan) {
    await iterator.return?.();
    return null;
  }
  const rest = ended ? undefined : iterator;
  return { plan, batches: tableRows(window, rest, plan, reading, warn, sheetName) };
}

async function* tableRows(
  window: SheetRow[],
  rest: AsyncIterator<SheetRow[]> | undefined,
  plan: TablePlan,
  reading: SheetReading,
  warn: (w: ReportWarning) => void,
  sheetName: string,
): AsyncGenerator<RowCells[]> {
  const headerRow = window[plan.headerIndex];
  const above = window.slice(0, plan.headerIndex);
  const columns = `${columnLetters(plan.firstColumn)}–${columnLetters(plan.lastColumn)}`;
  const rowsLabel = plan.headerRows === 2 ? `rows ${headerRow.number}–${headerRow.number + 1}` : `row ${headerRow.number}`;
  warn({
    code: 'table-found',
    message: `The table on sheet "${sheetName}" has its header at ${rowsLabel}, columns ${columns}${above.some((r) => filled(r) > 0) ? `; the row(s) above it (${quote(above)}) are a title and notes, not data` : ''}. Row numbers in this report count from the header (row 1), not the sheet's.`,
  });
  for (const note of plan.renamed) warn({ code: 'header-renamed', message: `In the header, ${note}.` });

  let held: Held[] = [];
  const hidden: number[] = [];
  const skippedBlank: number[] = [];
  let seenData = false;
  const emit = (row: SheetRow, out: RowCells[]) => {
    if (row.hidden) hidden.push(row.number);
    out.push(tableCells(row, plan));
  };
  const accept = (row: SheetRow, out: RowCells[]) => {
    const kind = classify(row, plan);
    if (kind === 'data') {
      for (const h of held) {
        if (h.kind === 'blank') skippedBlank.push(h.row.number);
        else emit(h.row, out);
      }
      held = [];
      emit(row, out);
      seenData = true;
    } else if (seenData) held.push({ row, kind });
    else if (kind !== 'blank') {
      emit(row, out); // before any data, a sparse row is data
      seenData = true;
    }
  };

  let out: RowCells[] = [plan.names];
  let lastNumber = headerRow.number + plan.headerRows - 1;
  const take = (rows: SheetRow[]) => {
    for (const row of rows) {
      // Rows the sheet leaves out are blank rows: they count for ending the table.
      if (row.number > lastNumber + 1 && seenData) held.push({ row: { number: lastNumber + 1, cells: [], typed: [], hidden: false }, kind: 'blank' });
      lastNumber = row.number;
      accept(row, out);
    }
  };
  take(window.slice(plan.headerIndex + plan.headerRows));
  try {
    yield out;
    while (rest) {
      const next = await rest.next();
      if (next.done) break;
      out = [];
      take(next.value);
      if (out.length > 0) yield out;
    }
  } finally {
    // A reader that stops early (a refused header, an error) stops the sheet's reading too: a worker parsing it is ended.
    await rest?.return?.();
  }
  reportEnd(held, hidden, skippedBlank, reading, plan, warn);
}

function reportEnd(held: Held[], hidden: number[], skippedBlank: number[], reading: SheetReading, plan: TablePlan, warn: (w: ReportWarning) => void): void {
  const totals = held.filter((h) => h.kind === 'total');
  const notes = held.filter((h) => h.kind === 'note');
  if (totals.length)
    warn({
      code: 'rows-left-out',
      message: `Sheet row(s) ${numbers(totals.map((h) => h.row))} below the table look like totals (${quote(totals.map((h) => h.row))}) and were left out of the data.`,
    });
  if (notes.length)
    warn({
      code: 'rows-left-out',
      message: `Sheet row(s) ${numbers(notes.map((h) => h.row))} below the table are notes (${quote(notes.map((h) => h.row))}) and were left out of the data.`,
    });
  if (skippedBlank.length)
    warn({ code: 'rows-left-out', message: `${skippedBlank.length} blank row(s) inside the table were skipped (sheet rows ${list(skippedBlank)}).` });
  if (hidden.length)
    warn({
      code: 'hidden-rows',
      message: `${hidden.length} row(s) of the table are hidden in the workbook (sheet rows ${list(hidden)}); they are published like the others.`,
    });
  const hiddenColumns = [...reading.hiddenColumns].filter((c) => c >= plan.firstColumn && c <= plan.lastColumn).sort((a, b) => a - b);
  if (hiddenColumns.length) {
    warn({
      code: 'hidden-columns',
      message: `Column(s) ${hiddenColumns
        .slice(0, LISTED)
        .map((c) => `${columnLetters(c)} ("${plan.names[c - plan.firstColumn]}")`)
        .join(', ')}${hiddenColumns.length > LISTED ? '…' : ''} are hidden in the workbook; they are published like the others.`,
    });
  }
  if (reading.errorCells.count) {
    warn({
      code: 'cell-errors',
      message: `${reading.errorCells.count} cell(s) hold a spreadsheet error such as ${reading.errorCells.first}; they are read as empty.`,
    });
  }
}

/** One pass over the cells (every row of the table comes through here): how many are filled, and the first non-empty one. */
function classify(row: SheetRow, plan: TablePlan): 'data' | Held['kind'] {
  const { cells } = row;
  let count = 0;
  let firstIndex = -1;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === '') continue;
    if (firstIndex === -1) firstIndex = i;
    if (printable(cell) || cell.trim() !== '') count++;
  }
  if (count === 0) return 'blank';
  const first = cells[firstIndex];
  const firstTyped = row.typed[firstIndex] ?? false;
  if (!firstTyped && TOTAL_START.test(first)) return 'total';
  const width = plan.lastColumn - plan.firstColumn + 1;
  if (count === 1 && !firstTyped && (NOTE_START.test(first) || (width >= 3 && first.length > 30))) return 'note';
  return 'data';
}

/**
 * The row's cells across the table's columns. Most rows already are exactly that (the table
 * starts in column A, no cell of spaces only): they are handed on as they are, not copied.
 */
function tableCells(row: SheetRow, plan: TablePlan): string[] {
  const width = plan.lastColumn - plan.firstColumn + 1;
  const source = row.cells;
  if (plan.firstColumn === 0 && source.length === width && allVisibleOrEmpty(source)) return source;
  const cells = new Array<string>(width);
  for (let i = 0; i < width; i++) {
    const cell = source[plan.firstColumn + i] ?? '';
    cells[i] = visibleOrEmpty(cell) ? cell : '';
  }
  // A value right of the table is kept, so the validator reports it as an extra cell.
  for (let c = plan.lastColumn + 1; c < source.length; c++) if (source[c] !== '') return [...cells, ...source.slice(plan.lastColumn + 1)];
  return cells;
}

/** A cell of spaces only is blank, as a spreadsheet shows it. */
function visibleOrEmpty(cell: string): boolean {
  return cell === '' || printable(cell) || cell.trim() !== '';
}

function allVisibleOrEmpty(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === undefined || !visibleOrEmpty(cell)) return false;
  }
  return true;
}

function quote(rows: SheetRow[]): string {
  const texts = rows
    .filter((r) => filled(r) > 0)
    .slice(0, 3)
    .map((r) => {
      const text = r.cells
        .filter((c) => c.trim() !== '')
        .join(' ')
        .trim();
      return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
    });
  return texts.join(', ') + (rows.length > 3 ? '…' : '');
}

function numbers(rows: SheetRow[]): string {
  return list(rows.map((r) => r.number));
}

function list(values: number[]): string {
  return values.slice(0, LISTED).join(', ') + (values.length > LISTED ? ` and ${values.length - LISTED} more` : '');
}
