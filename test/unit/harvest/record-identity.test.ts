import fc from 'fast-check';
import { harvestedDatasetName, isHarvestedName } from '../../../functions/harvest/harvested-name';
import { mapCkanPackage } from '../../../functions/harvest/mappers/ckan';
import { canonicalJson, recordHash } from '../../../functions/harvest/record-hash';
import { context, fixtureJson } from './harvest-fixtures';

const NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

/** The same object with its keys in reverse order, at every level. */
const reversed = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, entry]) => [key, reversed(entry)]),
  );
};

describe('record hash', () => {
  it('does not depend on key order, at any depth', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(recordHash(reversed(value))).toBe(recordHash(value));
      }),
    );
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('changes when a value or the order of a list changes', () => {
    expect(recordHash({ a: [1, 2] })).not.toBe(recordHash({ a: [2, 1] }));
    expect(recordHash({ a: '1' })).not.toBe(recordHash({ a: 1 }));
    expect(recordHash({ a: 1, b: undefined })).toBe(recordHash({ a: 1 }));
  });

  it('gives a mapped record the same content hash whatever its key order, and a new one when it changes', () => {
    const pkg = (fixtureJson('ckan/dgu-2018_package_show_ford-crossings.json') as { result: Record<string, unknown> }).result;
    const first = mapCkanPackage(pkg, context);
    const again = mapCkanPackage(reversed(pkg), { ...context, harvestedAt: '2027-01-01T00:00:00.000Z', firstHarvested: context.harvestedAt });
    expect(again.provenance.contentHash).toBe(first.provenance.contentHash);
    expect(again.provenance.firstHarvested).toBe(context.harvestedAt);
    expect(again.provenance.lastHarvested).toBe('2027-01-01T00:00:00.000Z');
    // Counters and the source's own bookkeeping are not content the exchange keeps.
    const busier = mapCkanPackage({ ...pkg, tracking_summary: { total: 99, recent: 9 }, revision_id: 'other' }, context);
    expect(busier.provenance.contentHash).toBe(first.provenance.contentHash);
    const retitled = mapCkanPackage({ ...pkg, title: 'Ford crossings (2018)' }, context);
    expect(retitled.provenance.contentHash).not.toBe(first.provenance.contentHash);
  });
});

describe('harvested dataset names', () => {
  it('is deterministic, valid as a dataset name, and carries the reserved prefix', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        (source, identifier, readable) => {
          const name = harvestedDatasetName(source, identifier, readable);
          expect(name).toBe(harvestedDatasetName(source, identifier, readable));
          expect(name).toMatch(NAME_PATTERN);
          expect(name.length).toBeLessThanOrEqual(100);
          expect(isHarvestedName(name)).toBe(true);
        },
      ),
    );
  });

  it('tells apart records whose readable parts coincide, and the same record at two sources', () => {
    expect(harvestedDatasetName('camden', 'id-1', 'Air quality')).not.toBe(harvestedDatasetName('camden', 'id-2', 'Air quality'));
    expect(harvestedDatasetName('camden', 'Air Quality')).not.toBe(harvestedDatasetName('camden', 'air-quality'));
    expect(harvestedDatasetName('camden', 'x')).not.toBe(harvestedDatasetName('barnet', 'x'));
    expect(harvestedDatasetName('Data.gov.uk', 'https://x.example/dataset/Ford Crossings/')).toMatch(/^h--data-gov-uk--ford-crossings-[0-9a-f]{10}$/);
  });
});
