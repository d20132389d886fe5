import { isUtf8 } from 'node:buffer';
import { completeUtf8Length } from '../utf8-boundary';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;
const TAB = 0x09;
const BOM_THEN_QUOTE = Buffer.from('\uFEFF"');

/**
 * Watches the raw bytes of a CSV/TSV as they are spooled and says whether DuckDB's CSV
 * reader is sure to see exactly the rows csv-parse sees. The two agree on well-formed
 * RFC 4180 text; they differ on a few things this rules out, each of which sends the file
 * to the JavaScript path:
 * - empty lines (DuckDB skips them, csv-parse reports blank rows): no `\n\n` or `\n\r`;
 * - mixed line endings (csv-parse keeps the first one it meets): all LF, or all CRLF;
 * - a space or tab next to a quote (DuckDB trims ` "a"` to `a`, csv-parse keeps it);
 * - NUL bytes and invalid UTF-8 (the JS path reports an encoding-error);
 * - a UTF-8 byte-order mark before a quote: the spool keeps the BOM, so DuckDB and the schema
 *   inference read a quoted first cell as unquoted (a line break in it splits the header).
 * Anything inside quoted cells counts too: being stricter than needed only costs time.
 */
export class CsvByteGuards {
  private previous = -1;
  private lineEnding: 'lf' | 'crlf' | null = null;
  private crs = 0;
  private lfs = 0;
  private carry: Buffer | null = null;
  private problem: string | null = null;
  /** The file's first bytes, until there are enough to compare with BOM_THEN_QUOTE. */
  private start: Buffer | null = Buffer.alloc(0);

  constructor(private readonly delimiter: string) {}

  /** Why the file must take the JS path, or null while nothing rules the fast path out. */
  get reason(): string | null {
    return this.problem;
  }

  feed(chunk: Buffer): void {
    if (this.problem || chunk.length === 0) return;
    this.checkUtf8(chunk);
    this.checkStart(chunk);
    if (this.previous === -1 && (chunk[0] === LF || chunk[0] === CR)) this.fail('starts with an empty line');
    if (chunk.indexOf(0) >= 0) this.fail('NUL byte');
    this.checkPairs(chunk);
    this.checkLineEndings(chunk);
    this.previous = chunk[chunk.length - 1];
  }

  /** Call once at the end of the file. */
  finish(): void {
    if (this.carry) this.fail('invalid UTF-8 at the end');
    if (this.lineEnding === 'crlf' && this.crs !== this.lfs) this.fail('mixed line endings');
    if (this.previous === CR) this.fail('ends with a lone CR');
  }

  /** Rules DuckDB out for a reason found outside the guards (the transcoder's). */
  refuse(reason: string): void {
    this.fail(reason);
  }

  private fail(reason: string): void {
    if (!this.problem) this.problem = reason;
  }

  private checkUtf8(chunk: Buffer): void {
    const joined = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUtf8Length(joined);
    if (!isUtf8(joined.subarray(0, cut))) this.fail('invalid UTF-8');
    this.carry = cut < joined.length ? Buffer.from(joined.subarray(cut)) : null;
  }

  private checkStart(chunk: Buffer): void {
    if (!this.start) return;
    const start = Buffer.concat([this.start, chunk.subarray(0, BOM_THEN_QUOTE.length)]);
    if (start.length < BOM_THEN_QUOTE.length) {
      this.start = start;
      return;
    }
    if (start.subarray(0, BOM_THEN_QUOTE.length).equals(BOM_THEN_QUOTE)) this.fail('a byte-order mark before a quote');
    this.start = null;
  }

  private checkPairs(chunk: Buffer): void {
    const pairs = ['\n\n', '\n\r', ' "', '" '];
    if (this.delimiter !== '\t') pairs.push('\t"', '"\t');
    for (const pair of pairs) if (chunk.indexOf(pair, 0, 'latin1') >= 0) return this.fail(`contains ${JSON.stringify(pair)}`);
    const a = this.previous;
    const b = chunk[0];
    if (a === LF && (b === LF || b === CR)) this.fail('empty line');
    if ((a === QUOTE && (b === SPACE || (b === TAB && this.delimiter !== '\t'))) || (b === QUOTE && (a === SPACE || (a === TAB && this.delimiter !== '\t'))))
      this.fail('space next to a quote');
  }

  private checkLineEndings(chunk: Buffer): void {
    if (this.lineEnding === null) {
      const lf = chunk.indexOf(LF);
      if (lf < 0) {
        if (chunk.indexOf(CR) >= 0) this.fail('CR line endings');
        return;
      }
      const before = lf > 0 ? chunk[lf - 1] : this.previous;
      this.lineEnding = before === CR ? 'crlf' : 'lf';
    }
    if (this.lineEnding === 'lf') {
      if (chunk.indexOf(CR) >= 0) this.fail('CR in an LF file');
      return;
    }
    // CRLF: every CR followed by LF, and as many LFs as CRs (checked at the end).
    if (this.previous === CR && chunk[0] !== LF) this.fail('lone CR');
    for (let at = chunk.indexOf(CR); at >= 0; at = chunk.indexOf(CR, at + 1)) {
      this.crs++;
      if (at + 1 < chunk.length && chunk[at + 1] !== LF) return this.fail('lone CR');
    }
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) this.lfs++;
  }
}
