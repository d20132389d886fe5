import { parse } from 'csv-parse';
import type { Delimiter } from './detect-delimiter';
import { DOUBLED_CR_DELIMITERS, type LineBreaks } from './detect-line-break';
import { IngestInputError } from './errors';

/** The synchronous core every csv-parse Parser carries (its Transform stream wraps it). */
interface CsvParseCore {
  parse(chunk: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined;
}

interface CsvParseFailure extends Error {
  code?: string;
}

/**
 * Streams CSV/TSV records as string cells, one batch per input chunk (the first record
 * is the header). csv-parse's synchronous core is driven directly: the stream wrapper
 * costs about a fifth of the parse time in object-mode buffering for nothing here.
 * Row-length differences are left to validation (relax_column_count); a record larger
 * than `maxRecordBytes` (a huge cell, or a quote that is never closed) stops reading.
 */
export async function* readCsvRows(
  utf8Chunks: AsyncIterable<Buffer>,
  delimiter: Delimiter,
  maxRecordBytes: number,
  lineBreaks: LineBreaks = 'auto',
): AsyncGenerator<string[][]> {
  const core = createCore(delimiter, maxRecordBytes, lineBreaks);
  let batch: string[][] = [];
  let recordsDone = 0;
  const push = (record: string[]) => {
    batch.push(record);
  };
  const feed = (chunk: Buffer | undefined, end: boolean) => {
    const failure = core.parse(chunk, end, push, () => undefined);
    if (failure) throw explain(failure, recordsDone + batch.length + 1, maxRecordBytes);
  };
  for await (const chunk of utf8Chunks) {
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

function createCore(delimiter: Delimiter, maxRecordBytes: number, lineBreaks: LineBreaks): CsvParseCore {
  const parser = parse({
    delimiter,
    ...(lineBreaks === 'doubled-cr' ? { record_delimiter: DOUBLED_CR_DELIMITERS } : {}),
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
