import fc from 'fast-check';
import { serialToIso, storedNumberText } from '../../../functions/ingest/core/workbook/cell-values';

/**
 * The workbook reader turns millions of cells into text by hand-written arithmetic rather than
 * a Date or a double per cell; these properties hold it to what Date and Number would give.
 */

/** What serialToIso must equal: Date's own ISO text of the same instant. */
function viaDate(serial: number, kind: 'date' | 'datetime' | 'time', date1904: boolean): string | null {
  const epoch = date1904 ? 24_107 : 25_569;
  const days = date1904 ? serial - epoch : serial < 61 ? serial - epoch + 1 : serial - epoch;
  const iso = new Date(Math.round((days * 86_400_000) / 1000) * 1000).toISOString();
  if (iso.startsWith('+')) return null; // past 9999, which the 1904 system reaches
  if (kind === 'date') return iso.slice(0, 10);
  if (kind === 'time') return iso.slice(11, 19);
  return `${iso.slice(0, 10)}T${iso.slice(11, 19)}`;
}

describe('serialToIso', () => {
  test('gives the ISO text Date gives for every serial from 1900 to 9999, in both date systems', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2_958_465, noNaN: true }),
        fc.constantFrom('date' as const, 'datetime' as const, 'time' as const),
        fc.boolean(),
        (serial, kind, date1904) => {
          expect(serialToIso(serial, kind, date1904)).toBe(viaDate(serial, kind, date1904));
        },
      ),
      { numRuns: 5000 },
    );
  });

  test('known dates: the 1900 leap-year bug, leap days, the last day Excel knows', () => {
    expect(serialToIso(45_292, 'date', false)).toBe('2024-01-01');
    expect(serialToIso(45_351.5, 'datetime', false)).toBe('2024-02-29T12:00:00');
    expect(serialToIso(59, 'date', false)).toBe('1900-02-28');
    expect(serialToIso(60, 'date', false)).toBe('1900-03-01'); // Excel's 1900-02-29, which never was
    expect(serialToIso(61, 'date', false)).toBe('1900-03-01');
    expect(serialToIso(0, 'date', true)).toBe('1904-01-01');
    expect(serialToIso(2_958_465, 'date', false)).toBe('9999-12-31');
    expect(serialToIso(0.75, 'time', false)).toBe('18:00:00');
    expect(serialToIso(2_958_466, 'date', false)).toBeNull();
  });
});

describe('storedNumberText', () => {
  test('is what String(Number(text)) gives, for numbers written every way a workbook may hold them', () => {
    const written = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.integer().map(String),
      fc.stringMatching(/^-?\d{1,18}(\.\d{1,18})?$/),
      fc.stringMatching(/^-?0\.0{0,9}[1-9]\d{0,4}$/),
      fc.stringMatching(/^-?\d{1,4}(\.\d{1,4})?[eE][+-]?\d{1,3}$/),
      fc.constantFrom('-0', '0', '0.0', '1.50', '007', '.5', '5.', '1e21', '100000000000000000000', '9007199254740993', ' 12', 'abc'),
    );
    fc.assert(
      fc.property(written, (text) => {
        const value = Number(text);
        expect(storedNumberText(text)).toBe(Number.isFinite(value) ? String(value) : '');
      }),
      { numRuns: 20_000 },
    );
  });
});
