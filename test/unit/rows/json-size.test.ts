import fc from 'fast-check';
import { rowsJsonLength } from '../../../functions/rows/json-size';

const cell = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001f', '"', '\\', '\ud800', '\u2028', 'é') }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

describe('the response-size measure of rows', () => {
  it('is over a limit exactly when JSON.stringify of the rows is, and then is its exact length', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 20 }), fc.nat({ max: 4_000 }), (rows, limit) => {
        const exact = JSON.stringify(rows).length;
        const measured = rowsJsonLength(rows, limit);
        expect(measured > limit).toBe(exact > limit);
        if (measured > limit) expect(measured).toBe(exact);
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts the commas between empty rows: [[],[],[]] is 10 characters, over a limit of 8', () => {
    expect(rowsJsonLength([[], [], []], 8)).toBe(10);
    expect(rowsJsonLength([[], [], []], 10)).toBeLessThanOrEqual(10);
  });

  it('counts the worst escapes: control characters and lone surrogates written as \\uXXXX', () => {
    const rows = [['\u0000'.repeat(100), '\ud800'.repeat(100)]];
    const exact = JSON.stringify(rows).length;
    expect(exact).toBe(1_209);
    expect(rowsJsonLength(rows, exact)).toBeLessThanOrEqual(exact);
    expect(rowsJsonLength(rows, exact - 1)).toBe(exact);
  });
});
