import { cutQuotedCell } from './quoted-cell';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The common shapes of CSV read from decoded text, yielding exactly the cells csv-parse
 * yields with read-csv.ts's options (relax_quotes, no trimming, empty lines as one empty
 * cell), several times faster: whole quote-free lines are split with native string
 * searches, quoted cells are cut out with `indexOf`, never byte by byte.
 *
 * Odd shapes are read as csv-parse reads them: a quote inside an unquoted cell is data,
 * text straight after a closing quote keeps the quotes and joins the cell, a line break
 * other than the file's own (a lone CR in a LF file) is data. It stops at the start of a
 * record only for a quote never closed and a record that may exceed csv-parse's size
 * limit: read-csv.ts then hands that record and the rest of the file to csv-parse itself,
 * which words the error exactly as it always has.
 *
 * The record delimiter is found as csv-parse finds it: the first of "\r\n", "\n", "\r"
 * met outside quotes.
 */
export class LeanCsvParser {
  /** The file's record delimiter once met outside quotes; '' until then. */
  recordDelimiter = '';
  /** Where the last `parse` stopped: the start of the unfinished or refused record. */
  stoppedAt = 0;
  private readonly delimiterCode: number;

  constructor(
    private readonly delimiter: string,
    /** Longest record, in UTF-16 units, that cannot exceed csv-parse's byte limit (3 bytes per unit at most). */
    readonly maxRecordChars: number,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /**
   * Appends the complete records of `text` to `rows` (`final` when no text follows) and
   * sets `stoppedAt`. False: the rest, from `stoppedAt`, is an unfinished record. True: the
   * record at `stoppedAt` is one this reader leaves to csv-parse, with all that follows.
   */
  parse(text: string, final: boolean, rows: string[][]): boolean {
    const n = text.length;
    const maxChars = this.maxRecordChars;
    // Next quote and next CR at or after `pos` (n when none), searched again only once passed.
    let nextQuote = -1;
    let nextCr = -1;
    let pos = 0;
    while (pos < n) {
      const rd = this.recordDelimiter;
      // The common case: a whole line with no quote and no stray CR, split natively.
      if (rd === '\n' || rd === '\r\n') {
        const lf = text.indexOf('\n', pos);
        if (lf >= 0) {
          if (nextQuote < pos) nextQuote = indexOrEnd(text, '"', pos, n);
          if (nextCr < pos) nextCr = indexOrEnd(text, '\r', pos, n);
          const end = rd === '\n' ? lf : lf - 1;
          const clean = rd === '\n' ? nextCr > lf : nextCr === end && end >= pos;
          if (clean && nextQuote > lf && lf - pos <= maxChars) {
            rows.push(this.split(text, pos, end));
            pos = lf + 1;
            continue;
          }
        }
      }
      const after = this.record(text, pos, final, rows);
      if (after < 0) {
        this.stoppedAt = pos;
        return after === GIVE_UP;
      }
      pos = after;
    }
    this.stoppedAt = n;
    return false;
  }

  /** Cells of a quote-free line, between the delimiters. */
  private split(text: string, from: number, to: number): string[] {
    const cells: string[] = [];
    const delimiter = this.delimiter;
    let p = from;
    for (;;) {
      const d = text.indexOf(delimiter, p);
      if (d < 0 || d >= to) {
        cells.push(text.slice(p, to));
        return cells;
      }
      cells.push(text.slice(p, d));
      p = d + 1;
    }
  }

  /** Reads the record at `start` cell by cell; returns where the next one starts, or NEED_MORE / GIVE_UP. */
  private record(text: string, start: number, final: boolean, rows: string[][]): number {
    const n = text.length;
    const delimiter = this.delimiterCode;
    const cells: string[] = [];
    let p = start;
    for (;;) {
      if (p - start > this.maxRecordChars) return GIVE_UP;
      let cell: string;
      if (text.charCodeAt(p) === QUOTE) {
        const quoted = cutQuotedCell(text, p, final);
        // Not closed in this text: the next text decides, or, at the end, csv-parse words the error.
        if (!quoted) return final ? GIVE_UP : NEED_MORE;
        cell = quoted.cell;
        p = quoted.end;
        const after = p < n ? this.endsCell(text, p, final) : final ? 0 : NEED_MORE;
        if (after === NEED_MORE) return NEED_MORE;
        if (after === TEXT) {
          // Text straight after the closing quote: relax_quotes keeps the quotes and the text, up to the cell's end.
          const end = this.unquotedEnd(text, p, final);
          if (end < 0) return NEED_MORE;
          cell = `"${cell}"${text.slice(p, end)}`;
          p = end;
        }
      } else {
        const end = this.unquotedEnd(text, p, final);
        if (end < 0) return NEED_MORE;
        cell = text.slice(p, end);
        p = end;
      }
      cells.push(cell);
      if (p >= n) {
        rows.push(cells); // final: unquotedEnd and endsCell wait for more text otherwise
        return n;
      }
      if (text.charCodeAt(p) === delimiter) {
        p++;
        continue;
      }
      const length = this.lineBreakAt(text, p, final); // a record delimiter: unquotedEnd and endsCell stop at no other line break
      if (p - start > this.maxRecordChars) return GIVE_UP;
      rows.push(cells);
      return p + length;
    }
  }

  /**
   * Where an unquoted stretch from `p` ends: at the next delimiter or record delimiter, or at
   * the end of the final text; NEED_MORE if the text ends first. A line break other than the
   * file's own (a lone CR in a LF file) is data, as csv-parse reads it, and so is a quote.
   */
  private unquotedEnd(text: string, p: number, final: boolean): number {
    const n = text.length;
    const delimiter = this.delimiterCode;
    for (let end = p; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === delimiter) return end;
      if (c === LF || c === CR) {
        const length = this.lineBreakAt(text, end, final);
        if (length !== 0) return length < 0 ? NEED_MORE : end;
      }
    }
    return final ? n : NEED_MORE;
  }

  /** After a closing quote at `p - 1`: 0 if the delimiter or a record delimiter follows, TEXT if anything else, NEED_MORE if the text ends first. */
  private endsCell(text: string, p: number, final: boolean): number {
    const c = text.charCodeAt(p);
    if (c === this.delimiterCode) return 0;
    if (c !== LF && c !== CR) return TEXT;
    const length = this.lineBreakAt(text, p, final);
    return length < 0 ? NEED_MORE : length > 0 ? 0 : TEXT;
  }

  /** Length of the record delimiter at `p` (found there if not known yet), 0 if this is not one, NEED_MORE if the text ends first. */
  private lineBreakAt(text: string, p: number, final: boolean): number {
    let rd = this.recordDelimiter;
    if (rd === '') {
      if (text.charCodeAt(p) === LF) rd = '\n';
      else if (p + 1 < text.length) rd = text.charCodeAt(p + 1) === LF ? '\r\n' : '\r';
      else if (final) rd = '\r';
      else return NEED_MORE;
      this.recordDelimiter = rd;
    }
    if (p + rd.length > text.length && !final) return NEED_MORE;
    return text.startsWith(rd, p) ? rd.length : 0;
  }
}

const NEED_MORE = -1;
const GIVE_UP = -2;
const TEXT = -3;

function indexOrEnd(text: string, search: string, from: number, n: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? n : at;
}
