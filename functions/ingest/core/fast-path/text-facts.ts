const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
/** The control bytes a text cell could hold but for line feeds and carriage returns (which, unquoted, end lines). */
const CONTROL = Array.from({ length: 0x20 }, (_, b) => b).filter((b) => b !== LF && b !== CR);

/**
 * What the spooled text (the UTF-8 DuckDB reads) shows, byte by byte, that lets the writers' check
 * leave out per-row conditions that can only be false (sql-plan.ts checkedTypedSelect):
 * - without a quote anywhere, every cell is the bytes between delimiters on one line, so a row's
 *   cells hold no more bytes than its line (`longestLine` bounds the check's record bytes), and
 *   cannot hold a line feed, a carriage return or (in a TSV) a tab;
 * - without a quote and without any other control byte, no cell holds a control character;
 * - without a quote, no cell holds the delimiter; without a quote and a backslash, no cell needs a
 *   JSON escape; without a quote and a comma (or with comma the delimiter), no cell needs the CSV's
 *   quotes (sql-text-lines.ts CellsLack). These three bytes are never part of another character in UTF-8.
 * Also counts line feeds up to a limit (moreLineFeedsThanLimit). Each chunk costs a few memchr
 * passes; looking stops at the first quote (the counting goes on up to its limit).
 */
export class TextFacts {
  private lineFeeds = 0;
  private quoted = false;
  private control = false;
  private backslash = false;
  /** A comma seen where it is not the delimiter. */
  private comma = false;
  private readonly commaDelimited: boolean;
  private longest = 0;
  /** Bytes of the line not yet ended. */
  private current = 0;
  private readonly controlBytes: number[];

  /** `lineFeedLimit`: line feeds are counted up to just past it. */
  constructor(
    delimiter: string,
    private readonly lineFeedLimit = Number.POSITIVE_INFINITY,
  ) {
    this.controlBytes = delimiter === '\t' ? CONTROL.filter((b) => b !== TAB) : CONTROL;
    this.commaDelimited = delimiter === ',';
  }

  /**
   * Whether the text holds more line feeds than `lineFeedLimit` (every record but the header ends
   * with one, or is the last: so a file with at most that many holds at most that many records).
   */
  get moreLineFeedsThanLimit(): boolean {
    return this.lineFeeds > this.lineFeedLimit;
  }

  /**
   * Without a quote in the text: its longest line in bytes (line feed not counted), whether it holds
   * no other control byte, no backslash, and no comma but delimiters; else null.
   */
  get unquoted(): { longestLine: number; controlFree: boolean; backslashFree: boolean; commaFree: boolean } | null {
    if (this.quoted) return null;
    return {
      longestLine: Math.max(this.longest, this.current),
      controlFree: !this.control,
      backslashFree: !this.backslash,
      commaFree: this.commaDelimited || !this.comma,
    };
  }

  feed(chunk: Buffer): void {
    if (!this.quoted && chunk.indexOf(QUOTE) >= 0) this.quoted = true;
    const measuring = !this.quoted;
    if (measuring && !this.control) this.control = this.controlBytes.some((b) => chunk.indexOf(b) >= 0);
    if (measuring && !this.backslash) this.backslash = chunk.indexOf(BACKSLASH) >= 0;
    if (measuring && !this.comma && !this.commaDelimited) this.comma = chunk.indexOf(COMMA) >= 0;
    const counting = this.lineFeedLimit !== Number.POSITIVE_INFINITY && this.lineFeeds <= this.lineFeedLimit;
    if (!measuring && !counting) return;
    let start = 0;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) {
      this.lineFeeds++;
      if (measuring) {
        this.longest = Math.max(this.longest, this.current + at - start);
        this.current = 0;
      } else if (this.lineFeeds > this.lineFeedLimit) {
        return;
      }
      start = at + 1;
    }
    if (measuring) this.current += chunk.length - start;
  }
}
