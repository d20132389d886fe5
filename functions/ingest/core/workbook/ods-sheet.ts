import type { SaxesTagPlain } from 'saxes';
import { numberText, odsDateToIso, odsTimeToText } from './cell-values';
import { IngestInputError } from '../errors';
import type { IngestLimits } from '../limits';
import { type MergedRange, type SheetInfo, type SheetReading, type SheetRow, tooManyColumns } from './sheet-row';
import { attribute } from './xlsx-parts';
import { parseXmlStream, WORKBOOK_XML_MAX_DEPTH } from './xml-stream';
import type { CheckedZip } from './zip-archive';

const MAX_COLUMN = 16_383;
const MAX_ROW = 1_048_576;
const TABLE = /<table:table\s[^>]*?table:name="([^"]*)"/g;
const XML_ESCAPES = new Map([
  ['&amp;', '&'],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&apos;', "'"],
]);

const what = 'the spreadsheet content (content.xml)';

/** What one copy of a repeated cell costs beyond its text, about the bytes of the element that would write it out. */
const CELL_BYTES = 16;
/** Rows handed on at most at a time when repeats are written out. */
const REPEAT_BATCH_ROWS = 10_000;

/** The caps a sheet's repeats are held to: the work is bounded by them, never by the count a file declares. */
export type OdsSheetCaps = Pick<IngestLimits, 'maxColumns' | 'maxRecordBytes' | 'maxZipUncompressedBytes'>;

/** The sheets of an OpenDocument spreadsheet, found by a pattern scan of content.xml (no XML parse). */
export async function listOdsSheets(zip: CheckedZip): Promise<SheetInfo[]> {
  const sheets: SheetInfo[] = [];
  let carry = '';
  for await (const chunk of zip.chunks('content.xml')) {
    const text = carry + chunk.toString('latin1');
    let lastEnd = 0;
    for (const match of text.matchAll(TABLE)) {
      sheets.push({
        name: Buffer.from(match[1], 'latin1')
          .toString('utf8')
          .replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ESCAPES.get(e) ?? e),
        hidden: false,
      });
      lastEnd = match.index + match[0].length;
    }
    carry = text.slice(Math.max(lastEnd, text.length - 1024));
  }
  return sheets;
}

/**
 * Reads the `index`-th table of content.xml as rows, streaming. Repeated empty rows and cells
 * (ODS writes the rest of a sheet as one row repeated a million times) are counted, never
 * expanded; spanned cells become merged ranges as they are met, so the header rows' merges are
 * known before the header is looked for. Repeats of values are expanded within the caps: a value
 * beyond `maxColumns`, a row's text beyond `maxRecordBytes` and repeated rows adding up to more
 * than `maxZipUncompressedBytes` written out are refused before they are expanded.
 */
export async function readOdsSheet(zip: CheckedZip, index: number, caps: OdsSheetCaps): Promise<SheetReading> {
  const merges: MergedRange[] = [];
  const reading: SheetReading = {
    rows: (async function* () {})(),
    merges: async () => merges,
    hiddenColumns: new Set(),
    errorCells: { count: 0 },
  };
  reading.rows = rowsOf(zip, index, reading, merges, caps);
  return reading;
}

async function* rowsOf(zip: CheckedZip, index: number, reading: SheetReading, merges: MergedRange[], caps: OdsSheetCaps): AsyncGenerator<SheetRow[]> {
  const { maxColumns, maxRecordBytes, maxZipUncompressedBytes } = caps;
  if (!zip.has('content.xml')) return;
  const stream = zip.chunks('content.xml');
  /** Rows ended in the parsed chunk, each with how many times it is repeated: copied out in batches after the chunk. */
  let out: Array<{ row: SheetRow; copies: number }> = [];
  let tableIndex = -1;
  let inTable = false;
  let rowNumber = 0;
  let column = 0;
  let columnDeclared = 0;
  let row: { cells: string[]; typed: boolean[]; hidden: boolean; repeat: number; pendingEmpty: number } | null = null;
  let cell: { value: string | null; typed: boolean; repeat: number; paragraphs: string[][]; formula: boolean } | null = null;
  let paragraph: string[] | null = null;
  let done = false;
  /** Characters of the open row's text so far, each repeated copy counted. */
  let rowChars = 0;
  /** What the repeated rows' copies would take written out, so far in the sheet. */
  let repeatedBytes = 0;

  const addText = (piece: string) => {
    if (!paragraph) return;
    paragraph.push(piece);
    rowChars += piece.length;
    if (rowChars > maxRecordBytes) throw rowTooLong();
  };
  const rowTooLong = () =>
    new IngestInputError(
      'format-error',
      `Sheet row ${(rowNumber + 1).toLocaleString('en-GB')} holds more than the ${Math.round(maxRecordBytes / 1024).toLocaleString('en-GB')} KB of text a single row may hold (a cell repeated across columns, or a run of spaces, counts as written out).`,
    );

  const open = (tag: SaxesTagPlain) => {
    const name = tag.name;
    if (name === 'table:table') {
      tableIndex++;
      inTable = tableIndex === index;
      return;
    }
    if (!inTable) return;
    switch (name) {
      case 'table:table-column': {
        const repeat = Math.min(MAX_COLUMN + 1, repeatCount(tag, 'table:number-columns-repeated'));
        if (attribute(tag, 'table:visibility') === 'collapse' || attribute(tag, 'table:visibility') === 'filter') {
          // Only columns a table may have are noted.
          for (let c = columnDeclared; c < Math.min(maxColumns, columnDeclared + repeat); c++) reading.hiddenColumns.add(c);
        }
        columnDeclared += repeat;
        return;
      }
      case 'table:table-row':
        row = {
          cells: [],
          typed: [],
          hidden: ['collapse', 'filter'].includes(attribute(tag, 'table:visibility') ?? ''),
          repeat: repeatCount(tag, 'table:number-rows-repeated'),
          pendingEmpty: 0,
        };
        column = 0;
        rowChars = 0;
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        cell = {
          ...cellValue(tag),
          repeat: repeatCount(tag, 'table:number-columns-repeated'),
          paragraphs: [],
          formula: attribute(tag, 'table:formula') !== undefined,
        };
        spans(tag);
        return;
      case 'text:p':
      case 'text:h':
        paragraph = [];
        cell?.paragraphs.push(paragraph);
        return;
      case 'text:s':
        if (paragraph) addText(' '.repeat(Math.min(1000, Number(attribute(tag, 'text:c')) || 1)));
        return;
      case 'text:tab':
        addText('\t');
        return;
      case 'text:line-break':
        addText('\n');
        return;
    }
  };

  const spans = (tag: SaxesTagPlain) => {
    const across = repeatCount(tag, 'table:number-columns-spanned');
    const down = repeatCount(tag, 'table:number-rows-spanned');
    if ((across > 1 || down > 1) && merges.length < 100_000) {
      merges.push({ firstRow: rowNumber, lastRow: rowNumber + down - 1, firstColumn: column, lastColumn: column + across - 1 });
    }
  };

  const close = (tag: SaxesTagPlain) => {
    const name = tag.name;
    if (name === 'table:table') {
      if (inTable) done = true;
      inTable = false;
      return;
    }
    if (!inTable) return;
    switch (name) {
      case 'text:p':
      case 'text:h':
        paragraph = null;
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        if (cell && row) placeCell(row, cell);
        cell = null;
        return;
      case 'table:table-row':
        if (row) emitRow(row);
        row = null;
        return;
    }
  };

  const placeCell = (target: NonNullable<typeof row>, placed: NonNullable<typeof cell>) => {
    let text = placed.value ?? placed.paragraphs.map((p) => p.join('')).join('\n');
    if (placed.formula && !placed.typed && /^(#[A-Z/0!?]+|Err:\d+)/.test(text)) {
      reading.errorCells.first ??= text;
      reading.errorCells.count++;
      text = '';
    }
    if (text === '') {
      column += placed.repeat;
      return;
    }
    // Refused before the row is padded out to it or the value copied across.
    if (column + placed.repeat > maxColumns) throw tooManyColumns(rowNumber + 1, Math.max(column, maxColumns), maxColumns);
    const copies = placed.repeat;
    // A text cell's paragraphs were counted as they came; its copies, and a typed cell's value, count here.
    rowChars += text.length * (placed.value === null ? copies - 1 : copies);
    if (rowChars > maxRecordBytes) throw rowTooLong();
    for (let i = 0; i < copies; i++) {
      while (target.cells.length < column) {
        target.cells.push('');
        target.typed.push(false);
      }
      target.cells[column] = text;
      target.typed[column] = placed.typed;
      column++;
    }
  };

  const emitRow = (finished: NonNullable<typeof row>) => {
    const empty = finished.cells.every((c) => c === '');
    if (empty) {
      rowNumber += finished.repeat; // a run of empty rows: counted, never expanded
      return;
    }
    // Values past the last row a sheet may have are refused rather than left out without a word.
    if (rowNumber + finished.repeat > MAX_ROW) {
      throw new IngestInputError(
        'format-error',
        `The sheet has values in row ${Math.max(rowNumber + 1, MAX_ROW + 1).toLocaleString('en-GB')} or beyond, past the ${MAX_ROW.toLocaleString('en-GB')} rows a spreadsheet may have.`,
      );
    }
    const copies = finished.repeat;
    repeatedBytes += Math.max(0, copies - 1) * (finished.cells.length * CELL_BYTES + rowChars);
    if (repeatedBytes > maxZipUncompressedBytes) {
      throw new IngestInputError(
        'format-error',
        `Sheet row ${(rowNumber + 1).toLocaleString('en-GB')} is repeated ${finished.repeat.toLocaleString('en-GB')} times (table:number-rows-repeated): written out, the sheet's repeated rows would be more than the ${(maxZipUncompressedBytes / 2 ** 20).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MiB the exchange unpacks for one workbook.`,
      );
    }
    out.push({ row: { number: rowNumber + 1, cells: finished.cells, typed: finished.typed, hidden: finished.hidden }, copies });
    rowNumber += copies;
  };

  /** The chunk's rows with their repeats written out, at most REPEAT_BATCH_ROWS at a time: a row repeated a million times is not a million rows at once. */
  function* batches(): Generator<SheetRow[]> {
    const ended = out;
    out = [];
    let batch: SheetRow[] = [];
    for (const { row, copies } of ended) {
      for (let i = 0; i < copies; i++) {
        batch.push(i === 0 ? row : { ...row, number: row.number + i, cells: [...row.cells] });
        if (batch.length >= REPEAT_BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  const events = parseXmlStream(
    stream,
    {
      open,
      close,
      text: (text) => {
        if (inTable && paragraph) addText(text);
      },
    },
    { what, maxDepth: WORKBOOK_XML_MAX_DEPTH, allowDoctype: false },
  );
  for await (const _ of events) {
    yield* batches();
    if (done) break;
  }
  yield* batches();
}

/** A repeat or span count: a whole number from 1, whatever the attribute says (absent, negative, fractional: 1 or its floor). */
function repeatCount(tag: SaxesTagPlain, name: string): number {
  const count = Math.floor(Number(attribute(tag, name)));
  return count >= 1 ? count : 1;
}

/** The cell's typed value as text (null for a text cell, whose paragraphs are its value). */
function cellValue(tag: SaxesTagPlain): { value: string | null; typed: boolean } {
  switch (attribute(tag, 'office:value-type')) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const value = Number(attribute(tag, 'office:value'));
      return { value: numberText(value), typed: true };
    }
    case 'date':
      return { value: odsDateToIso(attribute(tag, 'office:date-value') ?? '') ?? '', typed: true };
    case 'time':
      return { value: odsTimeToText(attribute(tag, 'office:time-value') ?? '') ?? '', typed: true };
    case 'boolean':
      return { value: attribute(tag, 'office:boolean-value') === 'true' ? 'true' : 'false', typed: true };
    default:
      return { value: null, typed: false };
  }
}
