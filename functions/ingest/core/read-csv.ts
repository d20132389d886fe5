import { parse } from 'csv-parse';
import type { Delimiter } from './detect-delimiter';
import { DOUBLED_CR_DELIMITERS, type LineBreaks } from './detect-line-break';
import { IngestInputError } from './errors';
import { LeanCsvParser } from './lean-csv-parser';
import { completeUtf8Length } from './utf8-boundary';

/** The synchronous core every csv-parse Parser carries (its Transform stream wraps it). */
interface CsvParseCore {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

interface CsvParseFailure extends Error {
  code?: string;
}

/**
 * Streams CSV/TSV records as string cells, one batch per input chunk (the first record
 * is the header). The lean reader (lean-csv-parser.ts) reads the text; a record with a
 * quote that is never closed, or one that may exceed `maxRecordBytes`, is handed with the
 * rest of the file to csv-parse, which words the error, so the cells and errors are always
 * csv-parse's (a file of "\r\r\n" line breaks is csv-parse's from the start). Row-length
 * differences are left to validation (relax_column_count); a record larger than
 * `maxRecordBytes` (a huge cell, or a quote that is never closed) stops reading.
 */
export async function* readCsvRows(
  utf8Chunks: AsyncIterable<Buffer>,
  delimiter: Delimiter,
  maxRecordBytes: number,
  lineBreaks: LineBreaks = 'auto',
): AsyncGenerator<string[][]> {
  const chunks = utf8Chunks[Symbol.asyncIterator]();
  try {
    if (lineBreaks === 'doubled-cr') yield* readWithCsvParse(chunks, delimiter, maxRecordBytes, lineBreaks, '', 0);
    else yield* readLean(chunks, delimiter, maxRecordBytes);
  } finally {
    await chunks.return?.(); // a reader stopped early (a refused header) closes the source, as for-await would
  }
}

async function* readLean(chunks: AsyncIterator<Buffer>, delimiter: Delimiter, maxRecordBytes: number): AsyncGenerator<string[][]> {
  const lean = new LeanCsvParser(delimiter, Math.floor(maxRecordBytes / 3));
  let records = 0;
  let carry = '';
  /** The bytes of a character the chunk cut in two, kept for the next chunk. */
  let cutBytes: Buffer | null = null;
  for (;;) {
    const next = await chunks.next();
    // Text that ends inside a character (a sample cut short) is left to csv-parse, which decodes it as it always has.
    const final = next.done === true && !cutBytes;
    let text = carry;
    if (!next.done) {
      const bytes: Buffer = cutBytes ? Buffer.concat([cutBytes, next.value]) : next.value;
      const whole = completeUtf8Length(bytes);
      cutBytes = whole < bytes.length ? Buffer.from(bytes.subarray(whole)) : null;
      text += bytes.toString('utf8', 0, whole);
    }
    const rows: string[][] = [];
    const gaveUp = lean.parse(text, final, rows);
    carry = text.slice(lean.stoppedAt);
    if (rows.length > 0) {
      records += rows.length;
      yield rows;
    }
    if (gaveUp || carry.length > lean.maxRecordChars || (next.done && !final)) {
      // The rest, from the record it stopped at, is csv-parse's: the text as bytes again, then the stream
      // (an iterator that has ended stays ended, so after the last text csv-parse just ends).
      const rest = cutBytes ? Buffer.concat([Buffer.from(carry, 'utf8'), cutBytes]) : Buffer.from(carry, 'utf8');
      yield* readWithCsvParse(chunks, delimiter, maxRecordBytes, 'auto', lean.recordDelimiter, records, rest);
      return;
    }
    if (final) return;
  }
}

/**
 * csv-parse's synchronous core driven directly (the stream wrapper costs about a fifth of
 * the parse time in object-mode buffering for nothing here), from `first` then the rest
 * of `chunks`. `recordDelimiter` is the one the lean reader found ('' to let csv-parse
 * find it); `recordsBefore` counts the records already read, for the row numbers of errors.
 */
export async function* readWithCsvParse(
  chunks: AsyncIterator<Buffer>,
  delimiter: Delimiter,
  maxRecordBytes: number,
  lineBreaks: LineBreaks,
  recordDelimiter: string,
  recordsBefore: number,
  first: Buffer | null = null,
): AsyncGenerator<string[][]> {
  const core = createCore(delimiter, maxRecordBytes, lineBreaks, recordDelimiter);
  let batch: string[][] = [];
  let recordsDone = recordsBefore;
  const push = (record: string[]) => {
    batch.push(record);
  };
  const feed = (chunk: Buffer | undefined, end: boolean) => {
    const failure = core.parse(chunk, end, push, () => undefined);
    if (failure) throw explain(failure, recordsDone + batch.length + 1, maxRecordBytes);
  };
  for (let chunk = first ?? (await nextChunk(chunks)); chunk; chunk = await nextChunk(chunks)) {
    feed(chunk, false);
    if (batch.length > 0) {
      recordsDone += batch.length;
      yield batch;
      batch = [];
    }
  }
  feed(undefined, true);
  if (batch.length > 0) yield batch;
}

async function nextChunk(chunks: AsyncIterator<Buffer>): Promise<Buffer | null> {
  const next = await chunks.next();
  return next.done ? null : next.value;
}

function createCore(delimiter: Delimiter, maxRecordBytes: number, lineBreaks: LineBreaks, recordDelimiter: string): CsvParseCore {
  const parser = parse({
    delimiter,
    ...(lineBreaks === 'doubled-cr' ? { record_delimiter: DOUBLED_CR_DELIMITERS } : recordDelimiter ? { record_delimiter: recordDelimiter } : {}),
    relax_column_count: true,
    relax_quotes: true, // a stray quote inside an unquoted cell is data, not an error
    skip_empty_lines: false, // an empty line is a blank row, which validation reports
    max_record_size: maxRecordBytes,
  }) as unknown as { api?: CsvParseCore };
  if (!parser.api || typeof parser.api.parse !== 'function') {
    throw new Error('csv-parse no longer exposes its synchronous parser core (Parser.api); update read-csv.ts');
  }
  return parser.api;
}

function explain(failure: CsvParseFailure, row: number, maxRecordBytes: number): IngestInputError {
  const limit = `${Math.round(maxRecordBytes / 1024).toLocaleString('en-GB')} KB`;
  switch (failure.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return new IngestInputError(
        'format-error',
        `Row ${row} is larger than the ${limit} a single row may hold. Either one cell is enormous, or a quote (") opens a cell that is never closed, so the rest of the file runs into it.`,
        row,
      );
    case 'CSV_QUOTE_NOT_CLOSED':
      return new IngestInputError('format-error', `Row ${row} opens a quoted cell (") that is never closed before the end of the file.`, row);
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new IngestInputError(
        'format-error',
        `Row ${row} has text straight after a closing quote ("). Inside a quoted cell a quote must be doubled ("").`,
        row,
      );
    default:
      return new IngestInputError('format-error', `Row ${row} could not be read as CSV: ${failure.message}`, row);
  }
}
