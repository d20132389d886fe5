import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseGssCode, recogniseGssColumn } from '../../../functions/geo/gss-codes';

const seedFile = (name: string): Buffer => readFileSync(join(__dirname, '../../../functions/local/seed/london-data', name));

describe('GSS codes', () => {
  it.each([
    ['E09000007', 'E09', 'London borough', 'local-authority'],
    ['E05000129', 'E05', 'electoral ward', 'ward'],
    ['E01000001', 'E01', 'lower layer super output area (LSOA)', 'lsoa'],
    ['E02000001', 'E02', 'middle layer super output area (MSOA)', 'msoa'],
    ['E12000007', 'E12', 'region', 'region'],
    [' e09000033 ', 'E09', 'London borough', 'local-authority'],
  ])('reads %s as entity %s (%s, level %s)', (value, entity, type, level) => {
    expect(parseGssCode(value)).toEqual({ code: value.trim().toUpperCase(), entity, type, level });
  });

  it('knows an unlisted entity only as another GSS area', () => {
    expect(parseGssCode('E14000530')).toMatchObject({ entity: 'E14', level: 'other' });
  });

  it.each(['E0900000', 'E090000071', 'X09000007', 'Camden', 921, null])('refuses %p', (value) => {
    expect(parseGssCode(value)).toBeUndefined();
  });

  it('recognises the GLA borough profiles’ Code column as London boroughs, despite its aggregate rows', () => {
    const rows = parse(seedFile('london-borough-profiles_2017_GLA_cp1252.csv'), { columns: true, encoding: 'latin1' }) as Array<Record<string, string>>;
    expect(recogniseGssColumn(rows.map((r) => r.Code))).toEqual({
      entity: 'E09',
      type: 'London borough',
      level: 'local-authority',
      matched: 33,
      total: 38,
    });
    expect(recogniseGssColumn(rows.map((r) => r.Area_name))).toBeUndefined();
  });

  it('recognises the GLA ward profiles’ codes as wards, although the file mixes in boroughs and old codes', () => {
    const rows = parse(seedFile('ward-profiles-excel-version_GLA_TianquShao.csv'), { columns: true }) as Array<Record<string, string>>;
    const column = recogniseGssColumn(rows.map((r) => r['New code']));
    expect(column).toMatchObject({ entity: 'E05', level: 'ward', matched: 624 });
  });

  it('needs most cells to be codes', () => {
    expect(recogniseGssColumn(['E09000001', 'E09000002', 'n/a', 'n/a', ''])).toBeUndefined();
    expect(recogniseGssColumn(['E09000001', 'E09000002', 'E09000003', 'E09000004', 'n/a', '', null])).toMatchObject({ entity: 'E09', matched: 4, total: 5 });
  });
});
