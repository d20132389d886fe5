import { readFile } from 'node:fs/promises';
import { describeGeography } from '../../../functions/ingest/core/geography/describe-geography';
import { GeographyPass } from '../../../functions/ingest/core/geography/geography-in-pass';
import type { ProcessResult } from '../../../functions/ingest/core';
import { newWorkDir, processBytes, processFile, removeWorkDirs } from './helpers';

// Real files through the JS path, each measured twice; the machine may be loaded.
jest.setTimeout(180_000);
afterAll(removeWorkDirs);

/**
 * The JS path measures geography while it writes the rows (geography/geography-in-pass.ts)
 * instead of reading the NDJSON again: every result must be describeGeography's over the same
 * NDJSON, the GeoJSON download byte for byte. `measuredInPass` says whether the pass measured it
 * itself or (a GeoJSON input's geometry column) left it to describeGeography.
 */
async function sameAsDescribe(result: ProcessResult & { workDir: string }, measuredInPass: boolean): Promise<void> {
  expect(result.ok).toBe(true);
  const ndjson = result.outputs?.ndjson?.path ?? '';
  const expected = await describeGeography(ndjson, result.schema.fields, result.detected.format, await newWorkDir());
  expect(result.geography).toEqual(expected?.geography);
  expect(result.geography).toBeDefined();
  if (expected?.geojson) {
    const [got, want] = await Promise.all([readFile(result.outputs?.geojson?.path ?? ''), readFile(expected.geojson.path)]);
    expect(got.equals(want)).toBe(true);
    expect(result.outputs?.geojson?.bytes).toBe(want.length);
  } else {
    expect(result.outputs?.geojson).toBeUndefined();
  }
  // The pass alone, fed the published rows: it measures them itself unless told not to.
  const pass = new GeographyPass(result.schema.fields, result.detected.format, await newWorkDir());
  for (const line of (await readFile(ndjson, 'utf8')).split('\n')) {
    if (line === '') continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    pass.row(
      result.schema.fields.map((f) => (Object.hasOwn(row, f.name) ? (row[f.name] as string | number | boolean | null) : null)),
      `${line}\n`,
    );
  }
  const own = await pass.close();
  if (measuredInPass) expect(own === 'describe' ? own : own?.geography).toEqual(expected?.geography);
  else expect(own).toBe('describe');
}

const jsPath = (name: string) => processFile(name, { fastPath: false });
const messy = (name: string) => `../messy/${name}`;

describe('geography measured in the JS pass is describeGeography’s', () => {
  it.each([
    ['eastings/northings (CSV)', messy('easting-northing.csv')],
    ['latitude/longitude (LAQN sites, semicolons)', messy('real-laqn-sites-semicolon.csv')],
    ['latitude/longitude (TfL cycle hire, XML)', messy('real-tfl-cycle-hire.xml')],
    ['LAQN hourly AQI (JSON)', messy('real-laqn-hourly-aqi.json')],
    ['GSS borough codes (borough profiles, Windows-1252)', messy('real-borough-profiles-2017-cp1252.csv')],
    ['GSS ward and LSOA codes', messy('ward-and-lsoa-codes.csv')],
    ['ward profiles', messy('real-ward-profiles.csv')],
    ['GSS borough codes (workbook, title above, merged totals)', messy('collisions-title-merged-totals.xlsx')],
    ['latitude/longitude (stations, XML attributes)', messy('stations-attributes.xml')],
    ['London borough profiles', '../real/london-borough-profiles.csv'],
  ])('%s', async (_, name) => {
    await sameAsDescribe(await jsPath(name), true);
  });

  it.each([
    ['charge points', messy('charge-points.geojson')],
    ['London boroughs (polygons)', messy('real-london-boroughs.geojson')],
  ])('a GeoJSON input (%s) is left to describeGeography, with the same result', async (_, name) => {
    await sameAsDescribe(await jsPath(name), false);
  });

  it('a column named like an array index is left to describeGeography (JSON.parse would reorder the properties)', async () => {
    const csv = 'site,2019,latitude,longitude\nA,1,51.5,-0.1\nB,2,51.6,-0.2\n';
    await sameAsDescribe(await processBytes(csv, { fastPath: false }), false);
  });

  it('coordinates held as text, placeholders at 0,0, out of range, escaped text in the properties', async () => {
    const rows = ['A,51.5,-0.1,"say ""hi""\\ there"', 'B,unknown,-0.1,x', 'C,0,0,y', 'D,91,-0.1,z', 'E,51.45,-0.15,é', 'F,,,'];
    for (let i = 0; i < 30; i++) rows.push(`G${i},${(51.3 + i / 100).toFixed(3)},${(-0.4 + i / 50).toFixed(3)},${i % 2 ? '=1' : ''}`);
    await sameAsDescribe(await processBytes(`site,latitude,longitude,note\n${rows.join('\n')}\n`, { fastPath: false }), true);
  });

  it('beyond the first 100 000 rows only every tenth row is looked up, as describeGeography does', async () => {
    // All rows in the City until row 100 000; then row 100 005 in Camden (not looked up), row 100 010 in Westminster.
    const rows: string[] = [];
    for (let i = 1; i <= 100_020; i++) {
      const [lat, lon] = i === 100_005 ? ['51.5450', '-0.1650'] : i === 100_010 ? ['51.5010', '-0.1420'] : ['51.5155', '-0.0922'];
      rows.push(`${i},${lat},${lon},${i === 100_003 ? 'E09000033' : 'E09000001'}`);
    }
    const result = await processBytes(`n,latitude,longitude,borough\n${rows.join('\n')}\n`, { fastPath: false }, 1 << 20);
    await sameAsDescribe(result, true);
    expect(result.geography?.boroughs).toEqual(['E09000001', 'E09000033']);
    expect(result.geography?.placedRows).toBe(100_020);
  });
});
