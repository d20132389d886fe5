import Ajv2020 from 'ajv/dist/2020';
import type { CastValue } from '../../../functions/ingest/core/cast';
import { getDataSchema, listDataSchemas } from '../../../functions/ingest/core/data-schemas';
import { compileFastRowCheck } from '../../../functions/ingest/core/fast-row-check';
import { seededRandom as random } from '../../support/seeded-random';

const STRINGS = [
  'E09000001',
  'E09000033',
  'E09000034',
  'E12000007',
  'K02000001',
  'BX1',
  'bx1',
  'NW1 2DB',
  'SW1A1AA',
  '2017',
  '2015/16',
  '2024-Q1',
  '2024-13',
  'CP-0001',
  'Type 2',
  'NO2',
  'ug/m3',
  'Fatal',
  '12:30',
  '24:00',
  '',
  'x',
  'Ü',
  '😀😀😀',
  'Approved',
  'Full planning',
  'E01000001',
  'E05000405',
  'https://planning.camden.gov.uk/24-01234',
  'ftp://example.org/x',
];

function candidates(property: Record<string, unknown>): CastValue[] {
  const limits = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((k) => property[k]).filter((v): v is number => typeof v === 'number');
  switch (property.type) {
    case 'integer':
      return [0, 1, -1, 7, 100, 101, 20, 30, 999_999_999_999, 1_000_000_000_000, ...limits.flatMap((l) => [l - 1, l, l + 1])];
    case 'number':
      return [0, -0.1, 0.4, 0.41, 51.2, 51.19, 51.8, 51.81, 7.4, 400, 400.5, -20, -20.01, 5000, 5000.1, ...limits];
    case 'boolean':
      return [true, false];
    default: {
      const sized =
        typeof property.maxLength === 'number' ? ['a'.repeat(property.maxLength), 'a'.repeat(property.maxLength + 1), '😀'.repeat(property.maxLength)] : [];
      return [...STRINGS, ...sized, ...((property.enum as string[]) ?? []), ...((property.examples as string[]) ?? [])];
    }
  }
}

describe('the fast row check agrees with ajv', () => {
  it.each(listDataSchemas().map((s) => s.id))('%s', (id) => {
    const schema = getDataSchema(id)!;
    const properties = schema.document.properties as Record<string, Record<string, unknown>>;
    const names = Object.keys(properties);
    const fast = compileFastRowCheck(schema.document, new Map(names.map((n, i) => [n, i])));
    expect(fast).not.toBeNull();
    const pools = names.map((n) => candidates(properties[n]));
    // Values each property accepts on its own, so that whole valid rows come up often.
    const single = new Ajv2020({ strict: false });
    single.addFormat('date', true).addFormat('date-time', true);
    const good = names.map((n, i) => pools[i].filter((v) => single.validate(properties[n], v)));
    const next = random(42);
    let accepted = 0;
    for (let trial = 0; trial < 20_000; trial++) {
      // Each row draws its own share of missing and unchecked cells, so that wide schemas still
      // see many wholly valid rows beside rows with one or several problems.
      const roughness = next() * 0.3;
      const values = names.map((_, i) => {
        const r = next();
        if (r < roughness / 4) return null;
        const pool = r >= roughness && good[i].length > 0 ? good[i] : pools[i];
        return pool[Math.floor(next() * pool.length)];
      });
      const record = Object.fromEntries(names.map((n, i) => [n, values[i] ?? undefined]));
      const viaAjv = schema.validate(record);
      if (fast!(values) !== viaAjv) throw new Error(`disagreement on ${JSON.stringify(record)}: ajv says ${viaAjv}`);
      if (viaAjv) accepted++;
    }
    expect(accepted).toBeGreaterThan(500);
  });

  it('is not built for keywords it does not know', () => {
    const document = { type: 'object', properties: { a: { type: 'integer', multipleOf: 5 } } };
    expect(compileFastRowCheck(document, new Map([['a', 0]]))).toBeNull();
    expect(compileFastRowCheck({ type: 'object', allOf: [] }, new Map())).toBeNull();
    expect(compileFastRowCheck({ type: 'object', properties: { a: { type: 'string', format: 'email' } } }, new Map([['a', 0]]))).toBeNull();
  });
});
