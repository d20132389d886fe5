const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The common shapes of CSV read from decoded text, yielding exactly the cells csv-parse
 * yields with read-csv.ts's options (relax_quotes, no trimming, empty lines as one empty
 * cell), several times faster: whole quote-free lines are split with native string
 * searches, quoted cells are cut out with `indexOf`, never byte by byte.
 *
 * It reads only what it is sure of and stops at the start of any record it is not: a
 * quote followed by text (which relax_quotes keeps as data), a quote never closed, a line
 * break other than the file's own (a lone CR in a LF file...), a record that may exceed
 * csv-parse's record-size limit. read-csv.ts then hands that record and the rest of the
 * file to csv-parse itself, so an odd file costs speed, never a different result.
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
      if (text.charCodeAt(p) === QUOTE) {
        let from = p + 1;
        let cell = '';
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return final ? GIVE_UP : NEED_MORE; // never closed: csv-parse words the error
          if (q + 1 >= n && !final) return NEED_MORE; // "" or the end of the cell: the next text decides
          if (text.charCodeAt(q + 1) === QUOTE) {
            cell += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          cell += text.slice(from, q);
          p = q + 1;
          break;
        }
        cells.push(cell);
      } else {
        let end = p;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === delimiter || c === LF || c === CR) break;
          end++;
        }
        if (end >= n && !final) return NEED_MORE;
        cells.push(text.slice(p, end));
        p = end;
      }
      if (p >= n) {
        if (!final) return NEED_MORE;
        rows.push(cells);
        return n;
      }
      const c = text.charCodeAt(p);
      if (c === delimiter) {
        p++;
        continue;
      }
      if (c !== LF && c !== CR) return GIVE_UP; // text straight after a closing quote
      const length = this.lineBreakAt(text, p, final);
      if (length <= 0) return length === 0 ? GIVE_UP : NEED_MORE;
      if (p - start > this.maxRecordChars) return GIVE_UP;
      rows.push(cells);
      return p + length;
    }
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

function indexOrEnd(text: string, search: string, from: number, n: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? n : at;
}
