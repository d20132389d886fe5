import fc from 'fast-check';
import { JsonText, objectJson, recordsJson } from '../../../functions/rows/records-json';
import type { JsonCell } from '../../../functions/rows/render-values';

/** The row responses' JSON text, against what JSON.stringify gives for the objects it stands for. */
const asObjects = (names: string[], rows: JsonCell[][]) => JSON.stringify(rows.map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i]]))));

// Names that JavaScript objects treat specially (array indexes, __proto__) or that repeat.
const name = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', '0', '1', '2', '10', '2024', '01', '-1', '1.5', '4294967294', '4294967295', 'a', 'B', 'é', '"q"', ''),
  fc.string({ maxLength: 6 }),
);
const cell: fc.Arbitrary<JsonCell> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-324),
);

it('writes rows as the JSON of the objects they stand for, whatever the column names', () => {
  fc.assert(
    fc.property(
      fc
        .array(name, { maxLength: 8 })
        .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.array(cell, { minLength: names.length, maxLength: names.length }), { maxLength: 5 }))),
      ([names, rows]) => {
        expect(recordsJson(names, rows)).toBe(asObjects(names, rows));
      },
    ),
    { numRuns: 2_000 },
  );
});

it('keeps a __proto__ column as a plain key, and a repeated name in its first place with its last value', () => {
  const text = recordsJson(['b', '__proto__', '2024', 'b', '7'], [['x', 'p', 1, 'y', null]]);
  expect(text).toBe('[{"7":null,"2024":1,"b":"y","__proto__":"p"}]');
  expect(Object.hasOwn(JSON.parse(text)[0], '__proto__')).toBe(true);
});

it('writes an object with written JSON members in place, leaving out undefined ones as JSON.stringify does', () => {
  const records = recordsJson(['n'], [[1], [2]]);
  expect(objectJson({ a: 'x', records: new JsonText(records), gone: undefined, next: null, list: [1, { b: true }] })).toBe(
    JSON.stringify({ a: 'x', records: [{ n: 1 }, { n: 2 }], next: null, list: [1, { b: true }] }),
  );
  expect(objectJson({})).toBe('{}');
});
