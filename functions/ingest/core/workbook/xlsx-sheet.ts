import type { SaxesTagPlain } from 'saxes';
import { numberText, serialToIso } from './cell-values';
import { type MergedRange, parseCellRef, type SheetReading, type SheetRow } from './sheet-row';
import { attribute, localName, type XlsxParts } from './xlsx-parts';
import { parseXmlStream } from './xml-stream';
import type { CheckedZip } from './zip-archive';

/** Excel's own limits: 16 384 columns, 1 048 576 rows. A reference beyond them is not a cell. */
const MAX_COLUMN = 16_383;
const MAX_DEPTH = 64;
const MERGE_CELL = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([$A-Z0-9]+):([$A-Z0-9]+)"/g;

/**
 * Reads one worksheet part as rows, streaming: only the rows of one inflated chunk are held at
 * a time. Merged ranges sit after the rows in the part, so a first pass (inflate and a pattern
 * scan, no XML parse) finds them before the header is looked for.
 */
export async function readXlsxSheet(zip: CheckedZip, parts: XlsxParts, path: string): Promise<SheetReading> {
  const merges = await scanMerges(zip, path);
  const reading: SheetReading = { rows: rowsOf(zip, parts, path, () => reading), merges, hiddenColumns: new Set(), errorCells: { count: 0 } };
  return reading;
}

async function scanMerges(zip: CheckedZip, path: string): Promise<MergedRange[]> {
  const merges: MergedRange[] = [];
  let carry = '';
  for await (const chunk of zip.chunks(path)) {
    const text = carry + chunk.toString('latin1');
    let lastEnd = 0;
    for (const match of text.matchAll(MERGE_CELL)) {
      const from = parseCellRef(match[1].replaceAll('$', ''));
      const to = parseCellRef(match[2].replaceAll('$', ''));
      if (from && to) merges.push({ firstRow: from.row - 1, lastRow: to.row - 1, firstColumn: from.column, lastColumn: to.column });
      lastEnd = match.index + match[0].length;
    }
    // Keep the tail, which may hold the start of an element cut by the chunk boundary.
    carry = text.slice(Math.max(lastEnd, text.length - 256));
    if (merges.length > 100_000) break; // enough to name headers; the rest are not needed
  }
  return merges;
}

async function* rowsOf(zip: CheckedZip, parts: XlsxParts, path: string, reading: () => SheetReading): AsyncGenerator<SheetRow[]> {
  if (!zip.has(path)) return;
  const stream = zip.chunks(path);
  const { sharedStrings, styleDates, date1904 } = parts;
  let out: SheetRow[] = [];
  let row: SheetRow | null = null;
  let lastRowNumber = 0;
  let cell: { column: number; type: string; style: number; text: string[] } | null = null;
  let capture = false;
  let inInline = false;
  let inPhonetic = false;
  let nextColumn = 0;

  const setCell = (column: number, text: string, typed: boolean) => {
    if (!row || column > MAX_COLUMN) return;
    while (row.cells.length < column) {
      row.cells.push('');
      row.typed.push(false);
    }
    row.cells[column] = text;
    row.typed[column] = typed;
  };

  const finishCell = () => {
    if (!cell) return;
    const raw = cell.text.join('');
    const { column, type, style } = cell;
    cell = null;
    if (raw === '' && type !== 'inlineStr') return;
    switch (type) {
      case 's': {
        const index = Number(raw);
        setCell(column, Number.isInteger(index) && index >= 0 && index < sharedStrings.length ? sharedStrings[index] : '', false);
        return;
      }
      case 'inlineStr':
      case 'str':
        setCell(column, raw, false);
        return;
      case 'b':
        setCell(column, raw === '1' || raw === 'true' ? 'true' : 'false', true);
        return;
      case 'e': {
        const errors = reading().errorCells;
        errors.first ??= raw;
        errors.count++;
        return;
      }
      case 'd':
        setCell(column, raw.replace(/Z$/, ''), true);
        return;
      default: {
        const value = Number(raw);
        const kind = styleDates[style] ?? null;
        const text = kind ? (serialToIso(value, kind, date1904) ?? numberText(value)) : numberText(value);
        setCell(column, text, true);
      }
    }
  };

  const open = (tag: SaxesTagPlain) => {
    switch (localName(tag)) {
      case 'row': {
        const r = Number(attribute(tag, 'r'));
        lastRowNumber = Number.isInteger(r) && r > lastRowNumber ? r : lastRowNumber + 1;
        const hidden = attribute(tag, 'hidden');
        row = { number: lastRowNumber, cells: [], typed: [], hidden: hidden === '1' || hidden === 'true' };
        nextColumn = 0;
        return;
      }
      case 'c': {
        const ref = attribute(tag, 'r');
        const column = (ref ? parseCellRef(ref)?.column : undefined) ?? nextColumn;
        nextColumn = column + 1;
        cell = { column, type: attribute(tag, 't') ?? 'n', style: Number(attribute(tag, 's') ?? 0) || 0, text: [] };
        return;
      }
      case 'v':
        capture = cell !== null;
        return;
      case 'is':
        inInline = true;
        return;
      case 'rPh':
        inPhonetic = true;
        return;
      case 't':
        capture = inInline && !inPhonetic && cell !== null;
        return;
      case 'col': {
        const hidden = attribute(tag, 'hidden');
        if (hidden !== '1' && hidden !== 'true') return;
        const min = Math.max(1, Number(attribute(tag, 'min')) || 1);
        const max = Math.min(MAX_COLUMN + 1, Number(attribute(tag, 'max')) || min);
        for (let c = min; c <= max; c++) reading().hiddenColumns.add(c - 1);
        return;
      }
    }
  };

  const close = (tag: SaxesTagPlain) => {
    switch (localName(tag)) {
      case 'v':
      case 't':
        capture = false;
        return;
      case 'is':
        inInline = false;
        return;
      case 'rPh':
        inPhonetic = false;
        return;
      case 'c':
        finishCell();
        return;
      case 'row':
        if (row) out.push(row);
        row = null;
        return;
    }
  };

  const events = parseXmlStream(
    stream,
    {
      open,
      close,
      text: (text) => {
        if (capture && cell) cell.text.push(text);
      },
    },
    { what: `the worksheet ${path}`, maxDepth: MAX_DEPTH, allowDoctype: false },
  );
  for await (const _ of events) {
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}
