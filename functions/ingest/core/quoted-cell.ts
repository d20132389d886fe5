/**
 * A quoted CSV cell cut out of decoded text with `indexOf` (a doubled quote is one quote), for
 * the CSV readers that split text themselves (lean-csv-parser.ts, fast-path/read-strict-csv.ts).
 * `open` is the index of the opening quote. Undefined when the closing quote is not in `text`
 * yet, or is its last character while more text may follow (a quote next would make it a
 * doubled quote); when `final`, undefined means the quote never closes.
 */
export function cutQuotedCell(text: string, open: number, final: boolean): { cell: string; end: number } | undefined {
  const n = text.length;
  let from = open + 1;
  let cell = '';
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0 || (q + 1 >= n && !final)) return undefined;
    if (text.charCodeAt(q + 1) === 0x22) {
      cell += text.slice(from, q + 1);
      from = q + 2;
      continue;
    }
    return { cell: cell + text.slice(from, q), end: q + 1 };
  }
}
