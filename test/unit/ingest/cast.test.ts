import fc from 'fast-check';
import { castBoolean, castDate, castDatetime, castInteger, castNumber, INVALID, parseLooseNumber } from '../../../functions/ingest/core/cast';

describe('casting cells', () => {
  it('reads plain, grouped, currency and percent numbers', () => {
    expect(castNumber('30.3')).toBe(30.3);
    expect(castNumber('-0.1389')).toBe(-0.1389);
    expect(castNumber('.5')).toBe(0.5);
    expect(castNumber('1e3')).toBe(1000);
    expect(castNumber('3,611')).toBe(3611);
    expect(castNumber('-45,138')).toBe(-45138);
    expect(castNumber('£1,234.50')).toBe(1234.5);
    expect(castNumber('-£20')).toBe(-20);
    expect(castNumber('12.5%')).toBe(12.5);
    expect(castNumber(' 7 ')).toBe(7);
  });

  it('rejects what is not a decimal number', () => {
    for (const cell of ['abc', '1,23', '12,3456', '0x10', '0b101', 'Infinity', '-', '.', '1.2.3', '£', '--5', '1 000']) {
      expect([cell, castNumber(cell)]).toEqual([cell, INVALID]);
    }
  });

  it('reads plain decimals (the char-code fast path) exactly as Number() does, signed zero and all', () => {
    const digits = fc.array(fc.constantFrom(...'0123456789'), { maxLength: 12 }).map((d) => d.join(''));
    const decimal = fc
      .tuple(fc.constantFrom('', '+', '-'), digits, fc.boolean(), digits)
      .map(([sign, int, point, fraction]) => `${sign}${int}${point ? '.' : ''}${point ? fraction : ''}`)
      .filter((cell) => /\d/.test(cell));
    fc.assert(
      fc.property(decimal, (cell) => {
        expect(Object.is(castNumber(cell), Number(cell))).toBe(true);
        if (!cell.includes('.')) expect(Object.is(castInteger(cell), Number.isSafeInteger(Number(cell)) ? Number(cell) : INVALID)).toBe(true);
      }),
      { numRuns: 20000, seed: 5 },
    );
    expect(Object.is(castNumber('-0'), -0)).toBe(true);
    expect(castNumber('0.1')).toBe(0.1);
    expect(castNumber('123456789012345.6')).toBe(123456789012345.6); // 16 digits: Number() reads it
  });

  it('reads integers, rejecting decimals and numbers beyond 2^53', () => {
    expect(castInteger('8800')).toBe(8800);
    expect(castInteger('"7,538"'.replace(/"/g, ''))).toBe(7538);
    expect(castInteger('-1176')).toBe(-1176);
    expect(castInteger('12.0')).toBe(INVALID);
    expect(castInteger('12345678901234567890')).toBe(INVALID);
  });

  it('records what the lenient reading stripped', () => {
    expect(parseLooseNumber('£1,234.50')).toEqual({ value: 1234.5, grouped: true, decorated: true, hasFraction: true });
    expect(parseLooseNumber('3,611')).toEqual({ value: 3611, grouped: true, decorated: false, hasFraction: false });
  });

  it('reads booleans in the usual spellings', () => {
    expect(['true', 'TRUE', 'yes', 'Yes', '1'].map(castBoolean)).toEqual([true, true, true, true, true]);
    expect(['false', 'No', '0'].map(castBoolean)).toEqual([false, false, false]);
    expect(castBoolean('maybe')).toBe(INVALID);
  });

  it('reads ISO and UK dates into ISO, refusing impossible ones', () => {
    expect(castDate('2024-02-29')).toBe('2024-02-29');
    expect(castDate('31/03/2024')).toBe('2024-03-31');
    expect(castDate('1/7/2022')).toBe('2022-07-01');
    expect(castDate('2023-02-29')).toBe(INVALID);
    expect(castDate('31/02/2024')).toBe(INVALID);
    expect(castDate('2024-13-01')).toBe(INVALID);
  });

  it('normalises date-times: offsets to UTC, local times kept local', () => {
    expect(castDatetime('2024-03-31T09:15:00+01:00')).toBe('2024-03-31T08:15:00Z');
    expect(castDatetime('2024-01-01T00:30:00-05:00')).toBe('2024-01-01T05:30:00Z');
    expect(castDatetime('2024-03-31T09:15:00.250Z')).toBe('2024-03-31T09:15:00.250Z');
    expect(castDatetime('2024-03-31T09:15:00Z')).toBe('2024-03-31T09:15:00Z');
    expect(castDatetime('2024-03-30 18:00')).toBe('2024-03-30T18:00:00');
    expect(castDatetime('30/03/2024 18:05:09')).toBe('2024-03-30T18:05:09');
    expect(castDatetime('2024-03-31T24:00:00Z')).toBe(INVALID);
    expect(castDatetime('2024-02-30T10:00:00')).toBe(INVALID);
    expect(castDatetime('2024-03-31')).toBe(INVALID);
  });
});
