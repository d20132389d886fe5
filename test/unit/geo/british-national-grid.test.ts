import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { bngToWgs84 } from '../../../functions/geo/british-national-grid';

/**
 * The London Air Quality Network's site table gives each site both ways: British National Grid
 * (os_grid_x, os_grid_y) and WGS84 (Latitude, Longitude), computed by its publisher. The
 * conversion must agree with it to a few metres for the real sites.
 */
const sites = parse(readFileSync(join(__dirname, '../../../functions/local/seed/london-data/laqn_sites_BayesNewton.csv')), {
  delimiter: ';',
  columns: true,
}) as Array<Record<string, string>>;

describe('British National Grid to WGS84', () => {
  it('agrees with the LAQN publisher’s own latitude and longitude for its sites', () => {
    const differences: number[] = [];
    for (const site of sites) {
      const easting = Number(site.os_grid_x);
      const northing = Number(site.os_grid_y);
      // 0,0 is the table's placeholder for an unknown position.
      if (!(easting > 0 && northing > 0) || site.Latitude === '') continue;
      const [longitude, latitude] = bngToWgs84(easting, northing);
      differences.push(Math.max(Math.abs(longitude - Number(site.Longitude)), Math.abs(latitude - Number(site.Latitude))));
    }
    differences.sort((a, b) => a - b);
    expect(differences.length).toBeGreaterThan(800);
    // 0.0001 degrees is about 7 to 11 metres in London; a few sites' published positions are simply wrong.
    expect(differences[Math.floor(differences.length / 2)]).toBeLessThan(0.0001);
    expect(differences[Math.floor(differences.length * 0.95)]).toBeLessThan(0.0001);
  });

  it('puts the National Grid’s true origin where the projection defines it (49°N 2°W)', () => {
    const [longitude, latitude] = bngToWgs84(400_000, -100_000);
    // The datum shift moves OSGB36's origin by about 0.001 degrees in WGS84.
    expect(latitude).toBeCloseTo(49, 2);
    expect(longitude).toBeCloseTo(-2, 2);
  });
});
