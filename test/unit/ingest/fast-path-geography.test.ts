import { bothPaths } from './both-paths';
import { removeWorkDirs } from './helpers';

// Each case runs four ingests (both paths, with and without outputs); the machine may be loaded.
jest.setTimeout(120_000);
afterAll(removeWorkDirs);

/**
 * A proven table's geography measured by DuckDB (fast-path/sql-geography.ts, copy-outputs.ts):
 * its GeoJSON Features written by COPY and split into the NDJSON, JSON and GeoJSON files, its
 * bounding box, placed rows and boroughs from SQL. Each case goes through both paths: the
 * geography and every output, the GeoJSON download included, must be byte for byte the JS path's.
 */

const lines = (header: string, rows: string[]): string => `${[header, ...rows].join('\n')}\n`;

/** A grid over Greater London: rows in most of its boroughs. */
const grid = (row: (lat: string, lon: string, i: number) => string): string[] => {
  const rows: string[] = [];
  for (let lat = 51.3; lat <= 51.7; lat += 0.025) for (let lon = -0.5; lon <= 0.3; lon += 0.025) rows.push(row(lat.toFixed(4), lon.toFixed(4), rows.length));
  return rows;
};

describe('geography of a proven table, measured in SQL', () => {
  it('latitude/longitude numbers: points, null geometries (missing, 0,0, out of range), box and boroughs', async () => {
    const rows = grid((lat, lon, i) => `S${i},${lat},${lon},${i % 3 === 0 ? '"""café"",=1"' : 'plain'}`);
    rows.splice(3, 0, 'missing,,-0.1,x', 'island,0,0,x', 'zero,51.5000,0.0,x', 'south,-33.9,18.4,x', 'far,89.9,179.9,x');
    const result = await bothPaths(lines('site,latitude,longitude,note', rows), undefined, 4096);
    expect(result.fastPath).toMatchObject({ proven: true });
    expect(result.geography?.placedBy).toEqual({ kind: 'lat-lon', latitude: 'latitude', longitude: 'longitude' });
    expect(result.geography?.placedRows).toBe(rows.length - 2);
    expect(result.geography?.bbox).toEqual([-0.5, -33.9, 179.9, 89.9]);
    expect(result.geography?.boroughs.length).toBeGreaterThan(25);
    expect(result.outputs?.geojson).toBeDefined();
  });

  it('integer coordinates, borough codes in any case beside the points, and a column name that needs escaping', async () => {
    const codes = ['E09000007', 'e09000001', 'E09000999', 'x09000001', 'E05000001'];
    const rows = Array.from({ length: 40 }, (_, i) => `${51 + (i % 2)},${-(i % 3)},E0900000${1 + (i % 9)},${codes[i % codes.length]},${i}`);
    const result = await bothPaths(lines('lat,lon,borough,"other \\ code",n', rows), undefined, 4096);
    expect(result.fastPath?.proven).toBe(true);
    expect(result.geography?.placedRows).toBe(40);
    expect(result.geography?.boroughs).toContain('E09000009');
  });

  it('a table whose Features span many of the split’s read chunks (lines cut across them, some longer than a chunk)', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => {
      const note = i % 997 === 0 ? 'x'.repeat(i % 2 === 0 ? 1_500_000 : 70_000) : `row ${i}`;
      return `${(51.3 + (i % 400) / 1000).toFixed(4)},${(-0.5 + (i % 800) / 1000).toFixed(4)},${i % 3 === 0 ? 'yes' : 'no'},${note}`;
    });
    // Rows of a megabyte also showed DuckDB's COPY writing rows out of order behind an IN list (sql-text-lines.ts).
    const result = await bothPaths(lines('lat,lon,ok,note', rows), undefined, 1 << 20, { maxRecordBytes: 4 << 20 });
    expect(result.fastPath).toMatchObject({ proven: true, writable: true });
    expect(result.outputs?.geojson?.bytes).toBeGreaterThan(4 << 20);
  });

  it('coordinates written -0 (the positions are read from the Parquet, which holds them as 0): the JS path’s boroughs and outputs', async () => {
    const rows = ['A,51.5080,-0', 'B,51.4800,-0.0', 'C,-0,-0.1', 'E,51.5080,0', 'F,51.4300,-0.0900', 'G,51.5500,0.0500'];
    const result = await bothPaths(lines('site,latitude,longitude', rows), undefined, 4096);
    expect(result.fastPath).toMatchObject({ proven: true, writable: true });
    expect(result.geography?.boroughs.length).toBeGreaterThan(1);
  });

  it('a table with no place: boroughs from its GSS codes, no GeoJSON', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `E0900000${1 + (i % 9)},E05000${String(100 + i)},${i}`);
    const result = await bothPaths(lines('area_code,ward_code,value', rows), undefined, 4096);
    expect(result.fastPath?.proven).toBe(true);
    expect(result.geography?.gssColumns.map((c) => c.entity)).toEqual(['E09', 'E05']);
    expect(result.geography?.boroughs).toHaveLength(9);
    expect(result.outputs?.geojson).toBeUndefined();
  });

  it('left to the JS pass, with the same outputs: eastings/northings, coordinates held as text, a column named like an array index, no row placed', async () => {
    await bothPaths(lines('site,easting,northing', ['A,530120,182040', 'B,533000,181000', 'C,0,0']), undefined);
    await bothPaths(lines('site,latitude,longitude', ['A,51.5,-0.1', 'B,51.6,-0.2', 'C,51.4,-0.3', 'D,51.45,-0.15', 'E,unknown,-0.1']), undefined);
    await bothPaths(lines('site,2019,latitude,longitude', ['A,1,51.5,-0.1', 'B,2,51.6,-0.2']), undefined);
    const none = await bothPaths(lines('site,latitude,longitude', ['A,0,0', 'B,,']), undefined);
    expect(none.geography?.placedRows).toBe(0);
    expect(none.geography?.bbox).toBeUndefined();
  });
});
