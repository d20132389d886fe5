import { columnLetters, type MergedRange, type SheetRow } from './sheet-row';

/**
 * Where the table is on a sheet, and what its columns are called. The rule (README, "How the
 * header row is found"):
 * 1. Look at the sheet's first `HEADER_WINDOW` non-empty rows; W is the most non-empty cells any holds.
 * 2. The header is the first of them with at least max(2, ⌈W/2⌉) non-empty cells (1 when W is 1),
 *    most of them text rather than numbers or dates, and some non-empty row after it.
 * 3. The row below is a second header row when it is all text and the header has cells merged
 *    across columns or blank cells over it: each column is then named "top bottom", the top
 *    taken from the merged (or blank-continued) cell over it.
 * 4. The table's columns run from the first to the last column with a header name or, within
 *    the first rows of data, a value. Blank names become `column_<letter>`, repeated names get
 *    `_2`, `_3`…, and line breaks and runs of spaces in names become one space.
 * Rows above the header are the title and notes: reported, not published.
 */
export const HEADER_WINDOW = 50;
const DATA_LOOKAHEAD = 20;

export interface TablePlan {
  /** Index in the window of the (first) header row, and how many header rows there are. */
  headerIndex: number;
  headerRows: 1 | 2;
  firstColumn: number;
  lastColumn: number;
  names: string[];
  /** What was renamed, for the report. */
  renamed: string[];
}

/** A cell starting with a visible ASCII character is not blank, without trimming it (most cells). */
export function printableFirst(cell: string): boolean {
  const code = cell.charCodeAt(0);
  return code > 32 && code < 127;
}

export function filled(row: SheetRow): number {
  let n = 0;
  for (const cell of row.cells) if (cell !== '' && (printableFirst(cell) || cell.trim() !== '')) n++;
  return n;
}

function mostlyText(row: SheetRow): boolean {
  let text = 0;
  let typed = 0;
  row.cells.forEach((cell, i) => {
    if (cell === '') return;
    if (row.typed[i]) typed++;
    else text++;
  });
  return text > typed;
}

/**
 * `merges` is asked for only when a header cell is blank or the row below could be a second
 * header row: an .xlsx keeps its merged ranges after all its rows, so knowing them costs a
 * second pass over the sheet, which a table with a plain header row never needs.
 */
export async function findTable(window: readonly SheetRow[], mergesOf: () => Promise<MergedRange[]>): Promise<TablePlan | null> {
  const rows = window.slice(0, HEADER_WINDOW);
  const width = Math.max(0, ...rows.map(filled));
  if (width === 0) return null;
  const needed = width === 1 ? 1 : Math.max(2, Math.ceil(width / 2));
  const headerIndex = rows.findIndex((row, i) => filled(row) >= needed && mostlyText(row) && window.slice(i + 1).some((r) => filled(r) > 0));
  if (headerIndex === -1) return null;
  const header = window[headerIndex];
  const below = window[headerIndex + 1];
  const mayBeSecond = below !== undefined && mayBeSecondHeader(header, below);
  let merges: readonly MergedRange[] = mayBeSecond ? await mergesOf() : [];
  const second = mayBeSecond && isSecondHeader(header, below, merges) ? below : undefined;
  const dataRows = window.slice(headerIndex + (second ? 2 : 1), headerIndex + (second ? 2 : 1) + DATA_LOOKAHEAD);
  const used = [header, ...(second ? [second] : []), ...dataRows].flatMap((row) => row.cells.flatMap((cell, i) => (cell === '' ? [] : [i])));
  const firstColumn = Math.min(...used);
  const lastColumn = Math.max(...used);
  // A blank header cell may be covered by a merged cell to its left.
  if (!mayBeSecond && hasBlank(header, firstColumn, lastColumn)) merges = await mergesOf();
  const { names, renamed } = columnNames(header, second, merges, firstColumn, lastColumn);
  return { headerIndex, headerRows: second ? 2 : 1, firstColumn, lastColumn, names, renamed };
}

function hasBlank(row: SheetRow, first: number, last: number): boolean {
  for (let c = first; c <= last; c++) if (clean(row.cells[c] ?? '') === '') return true;
  return false;
}

/** The row below is all text, right under the header: whether it is a second header row depends on merges. */
function mayBeSecondHeader(header: SheetRow, below: SheetRow): boolean {
  return filled(below) > 0 && !below.typed.some((t, i) => t && below.cells[i] !== '') && below.number === header.number + 1;
}

function isSecondHeader(header: SheetRow, below: SheetRow, merges: readonly MergedRange[]): boolean {
  const spansColumns = merges.some((m) => m.firstRow === header.number - 1 && m.lastColumn > m.firstColumn);
  const blankOverText = below.cells.some((cell, i) => cell !== '' && (header.cells[i] ?? '') === '');
  return spansColumns || blankOverText;
}

function columnNames(header: SheetRow, second: SheetRow | undefined, merges: readonly MergedRange[], first: number, last: number) {
  const top: string[] = [];
  let carried = '';
  // The header row's merges, picked once: a sheet may have up to 100 000 of them, a table 1 000 columns.
  const headerRow = header.number - 1;
  const overHeader = merges.filter((m) => m.firstRow <= headerRow && m.lastRow >= headerRow);
  for (let c = first; c <= last; c++) {
    const own = clean(header.cells[c] ?? '');
    const merged = overHeader.find((m) => m.firstColumn <= c && m.lastColumn >= c);
    const fromMerge = merged ? clean(header.cells[merged.firstColumn] ?? '') : '';
    // Over a second header row, a blank top cell continues the one to its left (how merged
    // headers look once saved without their merges).
    carried = own || fromMerge || (second ? carried : '');
    top.push(carried);
  }
  const renamed: string[] = [];
  const seen = new Map<string, number>();
  const names = top.map((upper, i) => {
    const lower = second ? clean(second.cells[first + i] ?? '') : '';
    let name = [upper, lower].filter((part, k) => part !== '' && !(k === 1 && part === upper)).join(' ');
    if (name === '') {
      name = `column_${columnLetters(first + i)}`;
      renamed.push(`column ${columnLetters(first + i)} has no name in the header, so it is called "${name}"`);
    }
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count > 1) {
      const unique = `${name}_${count}`;
      renamed.push(`"${name}" names more than one column, so column ${columnLetters(first + i)} is called "${unique}"`);
      name = unique;
    }
    return name;
  });
  return { names, renamed };
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
