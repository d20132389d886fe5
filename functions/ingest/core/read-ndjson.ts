import { IngestInputError, type ValidationError } from './errors';
import { JsonTableShaper, UNREADABLE, type RowCells } from './json-rows';
import type { JsonReadOptions } from './read-json';

/**
 * Streams NDJSON (JSON Lines): one object per line. An empty line is a blank row; a line
 * that is not valid JSON is a format-error for that row only, and reading goes on.
 */
export async function* readNdjsonRows(texts: AsyncIterable<string>, options: JsonReadOptions): AsyncGenerator<RowCells[]> {
  const shaper = new JsonTableShaper(options.onIssue, options.headerRows, options.maxNestingDepth);
  let partial = '';
  let lineNumber = 0;
  let charsBuffered = 0;
  let out: RowCells[] = [];
  const acceptLine = (line: string) => {
    lineNumber++;
    shaper.accept(parseLine(line, lineNumber + 1, options.onIssue), out);
  };
  for await (const text of texts) {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const piece = text.slice(start, newline);
      acceptLine(partial ? partial + piece : piece);
      partial = '';
      start = newline + 1;
    }
    partial += text.slice(start);
    if (partial.length > options.maxRecordBytes) {
      throw new IngestInputError(
        'format-error',
        `Line ${lineNumber + 1} is longer than the ${Math.round(options.maxRecordBytes / 1024).toLocaleString('en-GB')} KB a single row may hold.`,
        lineNumber + 2,
      );
    }
    if (!shaper.headerKnown) {
      charsBuffered += text.length;
      if (charsBuffered >= options.headerChars) shaper.fixHeader(out);
    }
    if (shaper.headerKnown && out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (partial.trim() !== '') acceptLine(partial);
  shaper.fixHeader(out);
  if (out.length > 0) yield out;
}

/** The sentinel for an empty line: the shaper gives it no cells, so it becomes a blank row. */
const EMPTY_LINE = Object.freeze({});

function parseLine(line: string, row: number, onIssue: (error: ValidationError) => void): unknown {
  const trimmed = line.trim(); // also drops the \r of CRLF line ends
  if (trimmed === '') return EMPTY_LINE;
  try {
    return JSON.parse(trimmed);
  } catch (error) {
    onIssue({ code: 'format-error', row, field: null, message: `Row ${row} is not valid JSON: ${(error as Error).message}.` });
    return UNREADABLE;
  }
}
