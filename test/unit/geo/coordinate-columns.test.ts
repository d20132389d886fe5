import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { recogniseCoordinateColumns } from '../../../functions/geo/coordinate-columns';

describe('coordinate column recognition', () => {
  it('finds both pairs in the LAQN site table, placeholders and blanks included', () => {
    const rows = parse(readFileSync(join(__dirname, '../../../functions/local/seed/london-data/laqn_sites_BayesNewton.csv')), {
      delimiter: ';',
      columns: true,
    }) as Array<Record<string, string>>;
    expect(recogniseCoordinateColumns(Object.keys(rows[0]), rows)).toEqual([
      { kind: 'lat-lon', latitude: 'Latitude', longitude: 'Longitude' },
      { kind: 'easting-northing', easting: 'os_grid_x', northing: 'os_grid_y' },
    ]);
  });

  it('reads the names publishers use (TfL’s lat/long, XML-to-JSON @ attributes, Eastings/Northings)', () => {
    expect(recogniseCoordinateColumns(['name', 'lat', 'long'], [{ name: 'River Street', lat: '51.529163', long: '-0.10997' }])).toEqual([
      { kind: 'lat-lon', latitude: 'lat', longitude: 'long' },
    ]);
    expect(recogniseCoordinateColumns(['@Latitude', '@Longitude'], [{ '@Latitude': 51.5, '@Longitude': -0.1 }])).toEqual([
      { kind: 'lat-lon', latitude: '@Latitude', longitude: '@Longitude' },
    ]);
    expect(recogniseCoordinateColumns(['Eastings', 'Northings'], [{ Eastings: 529090, Northings: 179645 }])).toEqual([
      { kind: 'easting-northing', easting: 'Eastings', northing: 'Northings' },
    ]);
  });

  it('confirms a name by its values: x and y holding something else are not coordinates', () => {
    expect(
      recogniseCoordinateColumns(
        ['x', 'y'],
        [
          { x: -5, y: 'red' },
          { x: -7, y: 'blue' },
        ],
      ),
    ).toEqual([]);
    expect(recogniseCoordinateColumns(['latitude', 'longitude'], [{ latitude: 'north', longitude: 'west' }])).toEqual([]);
    expect(recogniseCoordinateColumns(['latitude', 'longitude'], [{ latitude: 151.2, longitude: -0.1 }])).toEqual([]);
  });

  it('needs both columns of a pair', () => {
    expect(recogniseCoordinateColumns(['latitude', 'value'], [{ latitude: 51.5, value: 3 }])).toEqual([]);
  });

  it("reads a dotted name's last part (a parent's field carried down from nested JSON), after the table's own names", () => {
    const row = { 'Site.Latitude': 51.56, 'Site.Longitude': 0.17, latitude: 51.5, longitude: -0.1 };
    expect(recogniseCoordinateColumns(['Site.Latitude', 'Site.Longitude'], [row])).toEqual([
      { kind: 'lat-lon', latitude: 'Site.Latitude', longitude: 'Site.Longitude' },
    ]);
    expect(recogniseCoordinateColumns(['Site.Latitude', 'Site.Longitude', 'latitude', 'longitude'], [row])).toEqual([
      { kind: 'lat-lon', latitude: 'latitude', longitude: 'longitude' },
    ]);
  });
});
