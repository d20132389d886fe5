import { readStrictCsvRows } from '../../../functions/ingest/core/fast-path/read-strict-csv';
import { readCsvRows } from '../../../functions/ingest/core/read-csv';
import { seededRandom as random } from '../../support/seeded-random';

async function* pieces(bytes: Buffer, sizes: () => number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; ) {
    const size = sizes();
    yield bytes.subarray(i, i + size);
    i += size;
  }
}

async function all(rows: AsyncIterable<string[][]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of rows) out.push(...batch);
  return out;
}

const CELLS = [
  '',
  'a',
  'plain text',
  '£1,234',
  '"quoted"',
  '"with ""escaped"" quotes"',
  '"a,b"',
  '"line\nbreak"',
  '"crlf\r\nbreak"',
  'x"y',
  'é€😀',
  '""',
  '""""',
  '12.5',
  ' spaced ',
];

describe('readStrictCsvRows', () => {
  it('yields exactly what csv-parse yields for RFC 4180 text, however the bytes are cut', async () => {
    const next = random(42);
    for (let n = 0; n < 300; n++) {
      const eol = next() < 0.5 ? '\n' : '\r\n';
      const width = 1 + Math.floor(next() * 5);
      const lines = Array.from({ length: 1 + Math.floor(next() * 20) }, () =>
        Array.from({ length: width }, () => CELLS[Math.floor(next() * CELLS.length)]).join(','),
      );
      const text = lines.join(eol) + (next() < 0.7 ? eol : '');
      const bytes = Buffer.from(text, 'utf8');
      const cut = () => 1 + Math.floor(next() * 40);
      const expected = await all(
        readCsvRows(
          pieces(bytes, () => bytes.length),
          ',',
          1 << 20,
        ),
      );
      expect(await all(readStrictCsvRows(pieces(bytes, cut), ',', 1 << 20))).toEqual(expected);
    }
  });

  it('reads tabs and semicolons as delimiters', async () => {
    const text = 'a\tb\n"x\ty"\tz\n';
    expect(
      await all(
        readStrictCsvRows(
          pieces(Buffer.from(text), () => 3),
          '\t',
          1 << 20,
        ),
      ),
    ).toEqual([
      ['a', 'b'],
      ['x\ty', 'z'],
    ]);
  });

  it('gives up (format-error) on what is not strict CSV, or a record longer than the limit', async () => {
    await expect(
      all(
        readStrictCsvRows(
          pieces(Buffer.from('a,b\n"x"y,z\n'), () => 100),
          ',',
          1 << 20,
        ),
      ),
    ).rejects.toMatchObject({ code: 'format-error' });
    await expect(
      all(
        readStrictCsvRows(
          pieces(Buffer.from('a,b\r\nx\ry,z\r\n'), () => 100),
          ',',
          1 << 20,
        ),
      ),
    ).rejects.toMatchObject({ code: 'format-error' });
    await expect(
      all(
        readStrictCsvRows(
          pieces(Buffer.from(`a,"${'x'.repeat(500)}`), () => 50),
          ',',
          100,
        ),
      ),
    ).rejects.toMatchObject({ code: 'format-error' });
  });
});
