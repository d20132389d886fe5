import { JSONParser } from '@streamparser/json';
import { IngestInputError, type ValidationError } from './errors';
import { isObject, JsonTableShaper, UNREADABLE, type RowCells } from './json-rows';
import { describePath, findNestedRecordPath, NO_RECORDS_MESSAGE, recordsAt } from './nested-records';
import type { ReportWarning } from './report';

export interface JsonReadOptions {
  maxRecordBytes: number;
  /** Objects gathered for the header (the union of their keys)... */
  headerRows: number;
  /** ...or this many characters of them, whichever comes first. */
  headerChars: number;
  /** Deepest nesting of one cell's value (see IngestLimits.maxNestingDepth). */
  maxNestingDepth: number;
  onIssue: (error: ValidationError) => void;
  /** Characters of a JSON file that is one object, read whole to find its records (see nested-records.ts). */
  maxDocumentChars?: number;
  /** Where the records of a one-object file were found. */
  warn?: (warning: ReportWarning) => void;
}

/** Rows shaped per batch from a document already in memory. */
const DOCUMENT_BATCH = 1000;

/**
 * Streams a JSON array of objects (`json`) or a GeoJSON FeatureCollection's features
 * (`geojson`: the feature's properties plus its geometry as a JSON string column named
 * `geometry`). Only one element is held at a time once the header is known. A `json` file
 * that is one object is read whole instead, and its records found inside it.
 */
export async function* readJsonRows(texts: AsyncIterable<string>, kind: 'json' | 'geojson', options: JsonReadOptions): AsyncGenerator<RowCells[]> {
  if (kind === 'json') {
    const { first, replayed } = await firstCharacter(texts);
    if (first === '{') {
      yield* readJsonDocumentRows(replayed, options);
      return;
    }
    texts = replayed;
  }
  const shaper = new JsonTableShaper(options.onIssue, options.headerRows, options.maxNestingDepth);
  const parser = new JSONParser({ paths: kind === 'json' ? ['$.*'] : ['$.features.*'], keepStack: false });
  let out: RowCells[] = [];
  let charsSinceValue = 0;
  let charsBuffered = 0;
  let valuesThisChunk = 0;
  const state: { failure: Error | null } = { failure: null };
  parser.onValue = ({ value }) => {
    valuesThisChunk++;
    if (kind === 'json') shaper.accept(value, out);
    else if (isObject(value) && value.type === 'Feature') shaper.accept(featureRow(value), out);
    else {
      const row = shaper.rowsSeen + 2;
      options.onIssue({ code: 'format-error', row, field: null, message: `Row ${row} is not a GeoJSON Feature (an object with "type": "Feature").` });
      shaper.accept(UNREADABLE, out);
    }
  };
  parser.onError = (error) => {
    state.failure = error;
  };
  for await (const text of texts) {
    valuesThisChunk = 0;
    parser.write(text);
    if (state.failure) throw invalidJson(state.failure, shaper.rowsSeen);
    charsSinceValue = valuesThisChunk > 0 ? 0 : charsSinceValue + text.length;
    if (charsSinceValue > options.maxRecordBytes) throw oversized(options.maxRecordBytes, kind);
    if (!shaper.headerKnown) {
      charsBuffered += text.length;
      if (charsBuffered >= options.headerChars) shaper.fixHeader(out);
    }
    if (shaper.headerKnown && out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (!parser.isEnded) parser.end();
  if (state.failure) throw invalidJson(state.failure, shaper.rowsSeen);
  shaper.fixHeader(out);
  if (out.length > 0) yield out;
}

/** The first non-blank character, and the texts again from their start. */
async function firstCharacter(texts: AsyncIterable<string>): Promise<{ first: string | undefined; replayed: AsyncIterable<string> }> {
  const iterator = texts[Symbol.asyncIterator]();
  const seen: string[] = [];
  let first: string | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done) break;
    seen.push(next.value);
    first = /\S/.exec(next.value)?.[0];
  }
  async function* replay(): AsyncGenerator<string> {
    yield* seen;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { first, replayed: replay() };
}

/**
 * A JSON file that is one object: read whole (up to `maxDocumentChars`), its records found by
 * the rule in nested-records.ts, and reported. The header is every record's keys, since the
 * records are all in memory anyway and fields of the parents may differ from one to the next.
 * An object with no array of objects inside is refused, as detection refuses a small one.
 */
async function* readJsonDocumentRows(texts: AsyncIterable<string>, options: JsonReadOptions): AsyncGenerator<RowCells[]> {
  const maxChars = options.maxDocumentChars ?? Number.POSITIVE_INFINITY;
  const parts: string[] = [];
  let chars = 0;
  for await (const text of texts) {
    chars += text.length;
    if (chars > maxChars) {
      throw new IngestInputError(
        'format-error',
        `The JSON file is one object rather than an array of rows, and such a file is read whole: this one is longer than the ${Math.round(maxChars / 2 ** 20).toLocaleString('en-GB')} MB the exchange reads that way. Publish its records as a JSON array or NDJSON (one object per line).`,
      );
    }
    parts.push(text);
  }
  let document: unknown;
  try {
    document = JSON.parse(parts.join(''));
  } catch (error) {
    throw invalidJson(error as Error, 0);
  }
  parts.length = 0;
  const shaper = new JsonTableShaper(options.onIssue, Number.POSITIVE_INFINITY, options.maxNestingDepth);
  const out: RowCells[] = [];
  const path = isObject(document) ? findNestedRecordPath(document, options.maxNestingDepth) : null;
  if (!isObject(document) || !path) throw new IngestInputError('format-error', NO_RECORDS_MESSAGE);
  let cells = 0;
  for (const record of recordsAt(document, path.keys)) {
    // Rows carry their parents' fields down, so a small file can ask for far more cells than it
    // holds (a parent with many fields over many records): count them before they fill memory.
    cells += Object.keys(record).length;
    if (cells > MAX_DOCUMENT_CELLS) throw tooManyCells(path.count);
    shaper.accept(record, out);
  }
  shaper.fixHeader(out);
  for (let start = 0; start < out.length; start += DOCUMENT_BATCH) yield out.slice(start, start + DOCUMENT_BATCH);
  const where = describePath(document, path.keys);
  options.warn?.({
    code: 'json-records',
    message: `The JSON file is one object; its rows are the ${path.count.toLocaleString('en-GB')} objects at ${where} (the largest array of objects inside it). Nested fields are named with dots (a.b), each row carries the fields of the array elements it sits in (named after their key), and '@' is dropped from attribute names.`,
  });
}

/** Cells a one-object JSON file may unfold into: all of them are held in memory at once. */
export const MAX_DOCUMENT_CELLS = 8_000_000;

function tooManyCells(records: number): IngestInputError {
  return new IngestInputError(
    'format-error',
    `The JSON file is one object whose ${records.toLocaleString('en-GB')} records, each with the fields of the elements it sits in, come to more than the ${MAX_DOCUMENT_CELLS.toLocaleString('en-GB')} cells the exchange unfolds from such a file. Publish its records as a JSON array or NDJSON (one object per line).`,
  );
}

function featureRow(feature: Record<string, unknown>): Record<string, unknown> {
  const properties = isObject(feature.properties) ? feature.properties : {};
  return { ...properties, geometry: feature.geometry ?? null };
}

function invalidJson(error: Error, rowsSeen: number): IngestInputError {
  const where = rowsSeen > 0 ? ` after row ${(rowsSeen + 1).toLocaleString('en-GB')}` : '';
  const reason = /ended in mid-parsing/.test(error.message) ? 'it ends before the array or object is closed' : error.message;
  return new IngestInputError('format-error', `The file is not valid JSON${where}: ${reason}.`, rowsSeen > 0 ? rowsSeen + 2 : null);
}

function oversized(maxRecordBytes: number, kind: 'json' | 'geojson'): IngestInputError {
  const thing = kind === 'json' ? 'object' : 'feature';
  return new IngestInputError(
    'format-error',
    `One ${thing} in the file is larger than the ${Math.round(maxRecordBytes / 1024).toLocaleString('en-GB')} KB a single row may hold.`,
  );
}
