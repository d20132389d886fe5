/**
 * Some tools write every line break as "\r\r\n" (a CRLF file passed once more through a
 * LF-to-CRLF conversion; Open Referral UK's example CSVs are like this). csv-parse would
 * take the first "\r" as the line break and read a blank row after every record. When every
 * line break in the sample is "\r\r\n", the reader is told that this is one line break.
 */
export type LineBreaks = 'doubled-cr' | 'auto';

/** 'doubled-cr' when the sample has line breaks and each one is "\r\r\n"; else csv-parse's own detection. */
export function detectLineBreaks(text: string): LineBreaks {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    if (at < 2 || text[at - 1] !== '\r' || text[at - 2] !== '\r') return 'auto';
    lines++;
  }
  return lines > 0 ? 'doubled-cr' : 'auto';
}

/**
 * csv-parse's record delimiters for a doubled-CR file: "\r\r\n" first (it tries them in
 * order), then plain CRLF and LF, so a later line that lost its extra "\r" is still one
 * record rather than running into the next.
 */
export const DOUBLED_CR_DELIMITERS = ['\r\r\n', '\r\n', '\n'];
