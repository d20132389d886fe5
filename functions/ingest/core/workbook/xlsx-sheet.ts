import type { SaxesTagPlain } from 'saxes';
import { CELL_NUMBER, CELL_TEXT, CELL_TYPED, type CellKind, numberCellKind, type RowSink, SheetRowSink } from './row-sink';
import { type MergedRange, parseCellRef, type SheetReading, type SheetRow, tooManyColumns } from './sheet-row';
import type { XlsxParts } from './xlsx-parts';
import { parseXmlStream, WORKBOOK_XML_MAX_DEPTH } from './xml-stream';
import type { CheckedZip } from './zip-archive';

const MERGE_CELL = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([$A-Z0-9]+):([$A-Z0-9]+)"/g;
const MERGE_MARK = Buffer.from('mergeCell');
const MAX_MERGES = 100_000;
/** The columns an .xlsx sheet may have (A to XFD). */
const XLSX_COLUMNS = 16_384;
const C_CODE = 0x63;
const V_CODE = 0x76;

/**
 * Reads one worksheet part as rows, streaming: only the rows of one inflated chunk are held at
 * a time. Merged ranges sit after the rows in the part, so when the header needs them a first
 * pass (a second inflation of the part and a byte search for mergeCell, no XML parse) finds them.
 */
export async function readXlsxSheet(
  zip: CheckedZip,
  parts: Pick<XlsxParts, 'sharedStrings' | 'styleDates' | 'date1904'>,
  path: string,
  /** A value in a column beyond this many is refused (IngestLimits.maxColumns). */
  maxColumns: number,
  /** Where the rows come from instead of this thread's parse (sheet-in-worker.ts: a worker's). */
  rowsFrom?: (reading: SheetReading) => AsyncIterable<SheetRow[]>,
): Promise<SheetReading> {
  let merges: Promise<MergedRange[]> | undefined;
  const reading: SheetReading = {
    rows: rowsFrom
      ? { [Symbol.asyncIterator]: () => rowsFrom(reading)[Symbol.asyncIterator]() }
      : rowsOf(zip, parts, path, () => reading, new SheetRowSink(parts.date1904), maxColumns),
    merges: () => {
      merges ??= scanMerges(zip, path);
      return merges;
    },
    hiddenColumns: new Set(),
    errorCells: { count: 0 },
  };
  return reading;
}

async function scanMerges(zip: CheckedZip, path: string): Promise<MergedRange[]> {
  const merges: MergedRange[] = [];
  // The previous chunk from its final '<' (an element the boundary may have cut), when that is short.
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of zip.chunks(path)) {
    const found = chunk.indexOf(MERGE_MARK) !== -1 || (carry.length > 0 && markAcross(carry, chunk));
    const bytes = found && carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const end = bytes.lastIndexOf(0x3c);
    if (found) {
      // Only the stretch holding merge elements is decoded and matched, up to the last '<',
      // whose element may be cut by the chunk boundary and is read with the next chunk.
      const from = Math.max(0, bytes.lastIndexOf(0x3c, bytes.indexOf(MERGE_MARK)));
      for (const match of bytes.toString('latin1', from, end > from ? end : from).matchAll(MERGE_CELL)) {
        const a = parseCellRef(match[1].replaceAll('$', ''));
        const b = parseCellRef(match[2].replaceAll('$', ''));
        if (a && b) merges.push({ firstRow: a.row - 1, lastRow: b.row - 1, firstColumn: a.column, lastColumn: b.column });
      }
    }
    // An element is short: a '<' more than 256 bytes before the end starts nothing worth keeping.
    carry = end === -1 || bytes.length - end > 256 ? Buffer.alloc(0) : bytes.subarray(end);
    if (merges.length > MAX_MERGES) break; // enough to name headers; the rest are not needed
  }
  return merges;
}

/** Whether the mark is cut by the boundary between two chunks. */
function markAcross(before: Buffer, after: Buffer): boolean {
  const span = MERGE_MARK.length - 1;
  return Buffer.concat([before.subarray(-span), after.subarray(0, span)]).indexOf(MERGE_MARK) !== -1;
}

/** The 0-based column of a reference such as `B12` (or `$B$12`); -1 when it is not one. */
function referenceColumn(ref: string): number {
  let column = 0;
  let letters = 0;
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
    letters++;
  }
  if (letters === 0 || letters > 3) return -1;
  if (ref.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
  }
  return i === digitsFrom || i - digitsFrom > 7 ? -1 : column - 1;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

function columnOrNext(referenced: number, next: number): number {
  return referenced === -1 ? next : referenced;
}

/**
 * Attribute values from saxes' attribute object, which has no prototype: a missing name is
 * undefined, never an inherited property.
 */
type Attributes = Readonly<Record<string, string | undefined>>;

/** Cell types and the hot elements, by their local name; writers may prefix them (`x:c`). */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export async function* rowsOf<T>(
  zip: CheckedZip,
  parts: Pick<XlsxParts, 'sharedStrings' | 'styleDates'>,
  path: string,
  reading: () => Pick<SheetReading, 'hiddenColumns' | 'errorCells'>,
  sink: RowSink<T>,
  maxColumns: number,
): AsyncGenerator<T> {
  if (!zip.has(path)) return;
  const stream = zip.chunks(path);
  const { sharedStrings, styleDates } = parts;
  // The kinds in locals, and each style's number kind worked out once: read per cell, an
  // imported binding can cost a property getter (CommonJS interop) every time.
  const textKind = CELL_TEXT;
  const typedKind = CELL_TYPED;
  const plainNumberKind = CELL_NUMBER;
  const styleKinds = styleDates.map((kind) => numberCellKind(kind));
  let inRow = false;
  let lastRowNumber = 0;
  // The open cell, kept in locals rather than an object per cell.
  let inCell = false;
  let cellColumn = 0;
  let cellType = 'n';
  let cellStyle = 0;
  let cellText = '';
  let capture = false;
  let inInline = false;
  let inPhonetic = false;
  let nextColumn = 0;
  // A sheet's <col> ranges do not overlap, so a real one has at most XLSX_COLUMNS of them; more are a range written
  // again and again, each noting up to maxColumns columns, and are not noted (they only name hidden columns in a warning).
  let hiddenRanges = 0;

  const setCell = (column: number, text: string, kind: CellKind) => {
    if (!inRow) return;
    if (column < maxColumns) sink.cell(column, text, kind);
    // Refused before the sink pads the row out to it; an empty value there is no value at all.
    else if (text !== '') throw tooManyColumns(lastRowNumber, column, maxColumns);
  };

  const finishCell = () => {
    if (!inCell) return;
    inCell = false;
    const raw = cellText;
    const type = cellType;
    if (raw === '' && type !== 'inlineStr') return;
    switch (type) {
      case 's': {
        const index = Number(raw);
        setCell(cellColumn, Number.isInteger(index) && index >= 0 && index < sharedStrings.length ? sharedStrings[index] : '', textKind);
        return;
      }
      case 'inlineStr':
      case 'str':
        setCell(cellColumn, raw, textKind);
        return;
      case 'b':
        setCell(cellColumn, raw === '1' || raw === 'true' ? 'true' : 'false', typedKind);
        return;
      case 'e': {
        const errors = reading().errorCells;
        errors.first ??= raw;
        errors.count++;
        return;
      }
      case 'd':
        setCell(cellColumn, raw.replace(/Z$/, ''), typedKind);
        return;
      default:
        // The number's final text (and a date's ISO text) is made by the sink.
        setCell(cellColumn, raw, styleKinds[cellStyle] ?? plainNumberKind);
    }
  };

  const openCell = (attributes: Attributes) => {
    const ref = attributes.r;
    // Most cells are the next column's within A-Z (`D12` after `C12`): a letter and a digit say
    // so without reading the whole reference; any other reference is read in full. A reference
    // that is not one means the next column too, so that shortcut gives what the full read would.
    cellColumn =
      ref !== undefined && ref.charCodeAt(0) - 65 === nextColumn && isDigitCode(ref.charCodeAt(1))
        ? nextColumn
        : columnOrNext(ref === undefined ? -1 : referenceColumn(ref), nextColumn);
    nextColumn = cellColumn + 1;
    cellType = attributes.t ?? 'n';
    const style = attributes.s;
    cellStyle = style === undefined ? 0 : Number(style) || 0;
    cellText = '';
    inCell = true;
  };

  const open = (tag: SaxesTagPlain) => {
    const attributes = tag.attributes as Attributes;
    // The hot names (`c`, `v`) by their one character; the others, and prefixed forms, by their local name.
    const name = tag.name;
    const hot = name.length === 1 ? name.charCodeAt(0) : 0;
    if (hot === C_CODE) return openCell(attributes);
    if (hot === V_CODE) {
      capture = inCell;
      return;
    }
    switch (localName(name)) {
      case 'c':
        openCell(attributes);
        return;
      case 'v':
        capture = inCell;
        return;
      case 'row': {
        const r = Number(attributes.r);
        lastRowNumber = Number.isInteger(r) && r > lastRowNumber ? r : lastRowNumber + 1;
        const hidden = attributes.hidden;
        sink.startRow(lastRowNumber, hidden === '1' || hidden === 'true');
        inRow = true;
        nextColumn = 0;
        return;
      }
      case 'is':
        inInline = true;
        return;
      case 'rPh':
        inPhonetic = true;
        return;
      case 't':
        capture = inInline && !inPhonetic && inCell;
        return;
      case 'col': {
        const hidden = attributes.hidden;
        if ((hidden !== '1' && hidden !== 'true') || ++hiddenRanges > XLSX_COLUMNS) return;
        const min = Math.max(1, Number(attributes.min) || 1);
        // Only columns a table may have are noted: a range to XFD, written again and again, is not 16 384 notes each time.
        const max = Math.min(maxColumns, Number(attributes.max) || min);
        for (let c = min; c <= max; c++) reading().hiddenColumns.add(c - 1);
        return;
      }
    }
  };

  const close = (tag: SaxesTagPlain) => {
    const name = tag.name;
    const hot = name.length === 1 ? name.charCodeAt(0) : 0;
    if (hot === V_CODE) {
      capture = false;
      return;
    }
    if (hot === C_CODE) return finishCell();
    switch (localName(name)) {
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
        if (inRow) sink.endRow();
        inRow = false;
        return;
    }
  };

  const events = parseXmlStream(
    stream,
    {
      open,
      close,
      text: (text) => {
        if (capture) cellText += text;
      },
    },
    { what: `the worksheet ${path}`, maxDepth: WORKBOOK_XML_MAX_DEPTH, allowDoctype: false },
  );
  for await (const _ of events) {
    const batch = sink.take();
    if (batch !== null) yield batch;
  }
  const last = sink.take();
  if (last !== null) yield last;
}
