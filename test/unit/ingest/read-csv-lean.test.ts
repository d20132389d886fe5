import fc from 'fast-check';
import type { Delimiter } from '../../../functions/ingest/core/detect-delimiter';
import { LeanCsvParser } from '../../../functions/ingest/core/lean-csv-parser';
import { readCsvRows, readWithCsvParse } from '../../../functions/ingest/core/read-csv';

/**
 * readCsvRows reads the common shapes itself (lean-csv-parser.ts) and hands anything else
 * to csv-parse: whatever the text and however its bytes are cut, the records (or the
 * error, with its code, message and row) must be exactly csv-parse's alone.
 */

async function* pieces(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  let k = 0;
  for (let i = 0; i < bytes.length; ) {
    const size = sizes[k++ % sizes.length];
    yield bytes.subarray(i, i + size);
    i += size;
  }
}

type Outcome = { rows: string[][]; error?: { code: string; message: string; row: number | null } };

async function collect(batches: AsyncIterable<string[][]>): Promise<Outcome> {
  const rows: string[][] = [];
  try {
    for await (const batch of batches) rows.push(...batch);
    return { rows };
  } catch (error) {
    const { code, message, row } = error as { code: string; message: string; row: number | null };
    return { rows, error: { code, message, row } };
  }
}

/** csv-parse alone, fed one byte at a time: every record before an error comes out. */
function csvParseAlone(bytes: Buffer, delimiter: Delimiter, maxRecordBytes: number): Promise<Outcome> {
  return collect(readWithCsvParse(pieces(bytes, [1])[Symbol.asyncIterator](), delimiter, maxRecordBytes, 'auto', '', 0));
}

async function expectSameAsCsvParse(text: string, delimiter: Delimiter, maxRecordBytes: number, cuts: number[], dropLastBytes = 0): Promise<void> {
  // Dropping the last bytes may cut a character in two, as a sample of a file does.
  const whole = Buffer.from(text, 'utf8');
  const bytes = whole.subarray(0, Math.max(0, whole.length - dropLastBytes));
  const expected = await csvParseAlone(bytes, delimiter, maxRecordBytes);
  const actual = await collect(readCsvRows(pieces(bytes, cuts), delimiter, maxRecordBytes));
  if (expected.error) {
    expect(actual.error).toEqual(expected.error);
    // Rows read before the error are csv-parse's, in order, and all before the error's row
    // (each reader hands over the rows of the piece that failed, or not, as its pieces fall).
    const common = Math.min(actual.rows.length, expected.rows.length);
    expect(actual.rows.slice(0, common)).toEqual(expected.rows.slice(0, common));
    expect(actual.rows.length).toBeLessThan(expected.error.row ?? 1);
  } else {
    expect(actual).toEqual(expected);
  }
}

/** The lean reader alone, fed the text in pieces as read-csv.ts feeds it; null if it gave up anywhere. */
function leanAlone(text: string, cuts: number[], delimiter: Delimiter = ','): string[][] | null {
  const lean = new LeanCsvParser(delimiter, 1 << 18);
  const rows: string[][] = [];
  let carry = '';
  let k = 0;
  for (let i = 0; i < text.length; ) {
    const size = cuts[k++ % cuts.length];
    const piece = carry + text.slice(i, i + size);
    i += size;
    if (lean.parse(piece, false, rows)) return null;
    carry = piece.slice(lean.stoppedAt);
  }
  return lean.parse(carry, true, rows) ? null : rows;
}

const TOKENS = ['a', 'bc', '12.5', ' ', 'é', '€', '😀', ',', ';', '\t', '"', '""', '"x"', 'x"y', '\r', '\n', '\r\n', '\r\r\n'];
const text = (tokens: string[]) => fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((parts) => parts.join(''));

describe('readCsvRows (lean reader, csv-parse for the rest)', () => {
  it('yields what csv-parse yields for any text, delimiter, record limit and cutting of the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        text(TOKENS),
        fc.constantFrom<Delimiter>(',', ';', '\t'),
        fc.constantFrom(1 << 20, 12, 30, 90),
        fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(0, 0, 1, 2),
        async (input, delimiter, maxRecordBytes, cuts, dropLastBytes) => {
          await expectSameAsCsvParse(input, delimiter, maxRecordBytes, cuts, dropLastBytes);
          // Odd shapes too (text after a closing quote, a stray CR or LF) are the lean reader's own; only an error is csv-parse's.
          const alone = await csvParseAlone(Buffer.from(input), delimiter, 1 << 20);
          if (!alone.error) expect(leanAlone(input, cuts, delimiter)).toEqual(alone.rows);
        },
      ),
      { numRuns: 3000, seed: 17 },
    );
    // CPU-bound, and CI shares two cores between two workers: Jest's default timeout leaves too little room.
  }, 120_000);

  it('does so for well-formed files too, the lean reader doing all of them', async () => {
    const cell = fc.constantFrom('', 'a', 'plain text', '£1,234', '"q ""x"" r"', '"a,b"', '"line\nbreak"', '"crlf\r\nbreak"', 'x"y', 'é€😀', '""', '12.5');
    const file = fc
      .tuple(fc.constantFrom('\n', '\r\n', '\r'), fc.integer({ min: 1, max: 5 }), fc.boolean())
      .chain(([eol, width, lastEol]) =>
        fc
          .array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 30 })
          .map((lines) => lines.map((cells) => cells.join(',')).join(eol) + (lastEol ? eol : '')),
      );
    await fc.assert(
      fc.asyncProperty(file, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 4 }), async (input, cuts) => {
        await expectSameAsCsvParse(input, ',', 1 << 20, cuts);
        // ...by itself: csv-parse is only for what it is unsure of.
        expect(leanAlone(input, cuts)).toEqual((await csvParseAlone(Buffer.from(input), ',', 1 << 20)).rows);
      }),
      { numRuns: 1000, seed: 4 },
    );
  }, 120_000);

  it('reports an unclosed quote and an oversized record as csv-parse does, with their row numbers', async () => {
    const unclosed = await collect(readCsvRows(pieces(Buffer.from('a,b\n1,2\n"3,4\n5,6\n'), [5]), ',', 1 << 20));
    expect(unclosed.error).toMatchObject({ code: 'format-error', row: 3 });
    expect(unclosed.error?.message).toContain('never closed');
    const huge = await collect(readCsvRows(pieces(Buffer.from(`a,b\n1,2\n3,${'x'.repeat(500)}\n`), [64]), ',', 100));
    expect(huge.error).toMatchObject({ code: 'format-error', row: 3 });
    expect(huge.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('closes its source when the reader stops early (a refused header), as for-await would', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Buffer> {
      try {
        for (let i = 0; i < 100; i++) yield Buffer.from('a,b\n1,2\n');
      } finally {
        closed = true;
      }
    }
    for await (const batch of readCsvRows(source(), ',', 1 << 20)) {
      expect(batch[0]).toEqual(['a', 'b']);
      break;
    }
    expect(closed).toBe(true);
  });
});
