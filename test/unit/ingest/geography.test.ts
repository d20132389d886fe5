import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { processBytes, processFile, removeWorkDirs } from './helpers';

/** Geography found in published tables: GeoJSON output (RFC 7946), bounding box, boroughs covered, GSS columns. */
afterAll(removeWorkDirs);

const messy = (name: string) => join('../messy', name);

test('eastings and northings become WGS84 points, in the boroughs they lie in', async () => {
  const result = await processFile(messy('easting-northing.csv'));
  expect(result.geography).toEqual({
    placedBy: { kind: 'easting-northing', easting: 'easting', northing: 'northing' },
    gssColumns: [],
    bbox: [-0.129957, 51.522296, -0.076048, 51.551884],
    boroughs: ['E09000007', 'E09000012'],
    placedRows: 3,
  });
  const geojson = JSON.parse(await readFile(result.outputs!.geojson!.path, 'utf8'));
  expect(result.outputs!.geojson!.mediaType).toBe('application/geo+json');
  expect(geojson.type).toBe('FeatureCollection');
  expect(geojson.features[0]).toEqual({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-0.125874, 51.522296] },
    properties: { site: 'BL0', easting: 530120, northing: 182040 },
  });
});

test('a GeoJSON upload keeps its geometries; its box and boroughs come from them', async () => {
  const result = await processFile(messy('real-london-boroughs.geojson'));
  expect(result.geography?.placedBy).toEqual({ kind: 'geometry', column: 'geometry' });
  expect(result.geography?.boroughs).toHaveLength(33);
  expect(result.geography?.bbox).toEqual([-0.510296, 51.28676, 0.333996, 51.691873]);
  const geojson = JSON.parse(await readFile(result.outputs!.geojson!.path, 'utf8'));
  expect(geojson.features[0].geometry.type).toBe('Polygon');
  expect(Object.keys(geojson.features[0].properties)).toEqual(['LAD13CD', 'LAD13CDO', 'LAD13NM', 'LAD13NMW', 'n_wards']);
});

test('a table keyed by borough codes covers those boroughs, with no GeoJSON; ward and LSOA columns are named', async () => {
  const boroughs = await processFile(messy('real-borough-profiles-2017-cp1252.csv'));
  expect(boroughs.geography?.gssColumns).toEqual([{ name: 'Code', entity: 'E09', type: 'London borough', level: 'local-authority' }]);
  expect(boroughs.geography?.boroughs).toHaveLength(33);
  expect(boroughs.outputs?.geojson).toBeUndefined();
  const wards = await processFile(messy('ward-and-lsoa-codes.csv'));
  expect(wards.geography?.gssColumns.map((c) => [c.name, c.level])).toEqual([
    ['ward_code', 'ward'],
    ['lsoa_code', 'lsoa'],
    ['msoa_code', 'msoa'],
  ]);
});

test('a row at 0,0 has no place; a table with no geography has none', async () => {
  const placed = await processBytes('name,latitude,longitude\nA,51.5,-0.12\nTest,0,0\n');
  expect(placed.geography?.placedRows).toBe(1);
  expect(JSON.parse(await readFile(placed.outputs!.geojson!.path, 'utf8')).features[1].geometry).toBeNull();
  const plain = await processBytes('name,value\nA,1\nB,2\n');
  expect(plain.geography).toBeUndefined();
  expect(Object.keys(plain.outputs!).sort()).toEqual(['csv', 'json', 'ndjson', 'parquet']);
});
