import { plural } from '../../../functions/web/components';
import { cellFormat, headingDiffers, readableName } from '../../../functions/web/data/column-display';
import { profileColumn } from '../../../functions/web/data/column-profile';

describe('readable column headings', () => {
  it.each([
    ['Inland_Area_(Hectares)', 'Inland Area (Hectares)'],
    ['Inner/_Outer_London', 'Inner / Outer London'],
    ['%_of_resident_population_born_abroad_(2015)', '% of resident population born abroad (2015)'],
    ['measuredAt', 'Measured at'],
    ['site_code', 'Site code'],
  ])('%s reads as %s', (name, readable) => {
    expect(readableName(name)).toBe(readable);
    expect(headingDiffers(name)).toBe(true);
  });

  it('leaves a name that already reads well alone', () => {
    expect(headingDiffers('Code')).toBe(false);
  });
});

describe('preview number formats', () => {
  const rows = [
    { population: 8800, density: 30.3, ratio: 1.25, year: 2017, site_id: 10042, name: 'City' },
    { population: 209000, density: 57.9, ratio: 2 },
  ];
  const format = (name: string, type: string, value: unknown) => cellFormat({ name, type }, rows).format(value);

  it('puts thousands separators in measurements, and the same decimals in every row of a column', () => {
    expect([format('population', 'integer', 8800), format('population', 'integer', 209000)]).toEqual(['8,800', '209,000']);
    expect([format('ratio', 'number', 1.25), format('ratio', 'number', 2)]).toEqual(['1.25', '2.00']);
    expect(cellFormat({ name: 'population', type: 'integer' }, rows).numeric).toBe(true);
  });

  it('shows years, codes and identifiers exactly as stored', () => {
    expect(format('year', 'integer', 2017)).toBe('2017');
    expect(format('site_id', 'integer', 10042)).toBe('10042');
  });

  it('leaves text, missing values and nested values readable', () => {
    expect(cellFormat({ name: 'name', type: 'string' }, rows).numeric).toBe(false);
    expect(format('population', 'integer', null)).toBe('');
    expect(format('name', 'object', { a: 1 })).toBe('{"a":1}');
  });
});

describe('identifier columns get no chart', () => {
  const rows = Array.from({ length: 6 }, (_, i) => ({
    code: `E0900000${i}`,
    name: `Borough ${i}`,
    population: 1000 + i * 137,
    row: i + 1,
    id: 50 + i * 3,
    kind: i % 2 ? 'Inner' : 'Outer',
  }));

  it('marks text whose values all differ, numbers named as identifiers, and row numbers', () => {
    expect(profileColumn('code', 'string', rows).kind).toBe('identifier');
    expect(profileColumn('name', 'string', rows).kind).toBe('identifier');
    expect(profileColumn('id', 'integer', rows).kind).toBe('identifier');
    expect(profileColumn('row', 'integer', rows).kind).toBe('identifier');
  });

  it('still draws measurements that happen to be all different, and repeated text', () => {
    expect(profileColumn('population', 'integer', rows).kind).toBe('numeric');
    expect(profileColumn('kind', 'string', rows).kind).toBe('categorical');
  });
});

describe('counts', () => {
  it('agree with their noun', () => {
    expect([plural(0, 'dataset'), plural(1, 'dataset'), plural(1204, 'dataset')]).toEqual(['0 datasets', '1 dataset', '1,204 datasets']);
  });
});
