import type { ResourceVersion } from '../../../functions/domain/versions';
import { athenaCountQuery, athenaPageQuery, type AthenaTable } from '../../../functions/rows/athena-sql';
import { duckDbPageSql } from '../../../functions/rows/duckdb-sql';
import { ROW_LIMITS } from '../../../functions/rows/limits';
import { areaWkt } from '../../../functions/rows/place-sql';
import { parsePlace, placePredicates } from '../../../functions/rows/place-filter';
import { planQuery } from '../../../functions/rows/plan';
import type { Column, PlaceRequest, PlannedQuery } from '../../../functions/rows/query-model';

/** bbox and within rendered for Athena (geospatial SQL) and DuckDB (its registered place functions). */
const columns: Column[] = [
  { name: 'Site', type: 'string', sqlType: 'VARCHAR' },
  { name: 'Latitude', type: 'number', sqlType: 'DOUBLE' },
  { name: 'Longitude', type: 'number', sqlType: 'DOUBLE' },
  { name: 'Easting', type: 'integer', sqlType: 'BIGINT' },
  { name: 'Northing', type: 'integer', sqlType: 'BIGINT' },
  { name: 'geometry', type: 'string', sqlType: 'VARCHAR' },
];
const table: AthenaTable = { database: 'ldx_rows', table: 'v_abc_3', rowIdColumn: 'ldx_row' };
const placedBy = {
  latLon: { kind: 'lat-lon', latitude: 'Latitude', longitude: 'Longitude' },
  grid: { kind: 'easting-northing', easting: 'Easting', northing: 'Northing' },
  geometry: { kind: 'geometry', column: 'geometry' },
};
const version = (by: Record<string, string> | undefined) =>
  ({ version: 1, geography: { ...(by ? { placedBy: by } : {}), gssColumns: [], boroughs: [], placedRows: 0 } }) as unknown as ResourceVersion;

const plan = (place: PlaceRequest, by: Record<string, string> | undefined): PlannedQuery => {
  const base = planQuery({ conditions: [], search: [], sort: [], limit: 10, offset: 0, total: 'auto', fields: ['Site'] }, columns, ROW_LIMITS);
  return { ...base, where: placePredicates(place, version(by), columns) };
};
const camden = parsePlace(undefined, 'E09000007')!;
const box = parsePlace('-0.16,51.52,-0.12,51.545', undefined)!;

describe('Athena: ST_Contains over the area as well-known text', () => {
  it('within on lat/lon: the borough box as bound doubles, then ST_Contains of its WGS84 outline', () => {
    const query = athenaPageQuery(table, plan(camden, placedBy.latLon));
    const wkt = areaWkt({ kind: 'borough', code: 'E09000007' }, 'wgs84');
    expect(wkt).toMatch(/^POLYGON \(\(-0\.\d+ 51\.\d+, /);
    expect(query.sql).toBe(
      'SELECT "site", "ldx_row" FROM "ldx_rows"."v_abc_3" WHERE (TRY_CAST("longitude" AS DOUBLE) BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE)' +
        ' AND TRY_CAST("latitude" AS DOUBLE) BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE)' +
        ` AND ST_Contains(ST_GeometryFromText('${wkt}'), ST_Point(TRY_CAST("longitude" AS DOUBLE), TRY_CAST("latitude" AS DOUBLE))))` +
        ' ORDER BY "ldx_row" ASC NULLS LAST LIMIT 10',
    );
    expect(query.executionParameters).toEqual(["'-0.2135'", "'-0.10535'", "'51.51267'", "'51.57297'"]);
  });

  it('bbox on lat/lon is plain comparisons; the count query has the same condition', () => {
    const query = athenaCountQuery(table, plan(box, placedBy.latLon));
    expect(query.sql).toBe(
      'SELECT count(*) AS n FROM "ldx_rows"."v_abc_3" WHERE (TRY_CAST("longitude" AS DOUBLE) BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE)' +
        ' AND TRY_CAST("latitude" AS DOUBLE) BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE))',
    );
    expect(query.executionParameters).toEqual(["'-0.16'", "'-0.12'", "'51.52'", "'51.545'"]);
  });

  it('easting/northing: the area on the National Grid (a box densified, a borough in metres)', () => {
    const query = athenaPageQuery(table, plan({ ...box, ...camden }, placedBy.grid));
    const gridBox = areaWkt({ kind: 'bbox', box: [-0.16, 51.52, -0.12, 51.545] }, 'bng');
    const gridCamden = areaWkt({ kind: 'borough', code: 'E09000007' }, 'bng');
    expect(gridBox.split(',')).toHaveLength(65);
    expect(gridCamden).toMatch(/^POLYGON \(\(5\d{5}(\.\d)? 1\d{5}(\.\d)?, /);
    const point = 'ST_Point(TRY_CAST("easting" AS DOUBLE), TRY_CAST("northing" AS DOUBLE))';
    expect(query.sql).toContain(
      `WHERE ST_Contains(ST_GeometryFromText('${gridBox}'), ${point}) AND ST_Contains(ST_GeometryFromText('${gridCamden}'), ${point}) ORDER BY`,
    );
    expect(query.executionParameters).toEqual([]);
  });

  it('a geometry column is tested at its centroid', () => {
    const query = athenaPageQuery(table, plan(box, placedBy.geometry));
    expect(query.sql).toContain(
      `WHERE ST_Contains(ST_GeometryFromText('POLYGON ((-0.16 51.52, -0.12 51.52, -0.12 51.545, -0.16 51.545, -0.16 51.52))'), ST_Centroid(from_geojson_geometry(CAST("geometry" AS VARCHAR)))) ORDER BY`,
    );
  });
});

describe('DuckDB: the place functions registered at start-up', () => {
  const source = { relation: 'v1', rowIdColumn: '_ldx_row' };
  it('within on lat/lon: the box first, then ldx_point_in with the area as one bound parameter', () => {
    const sql = duckDbPageSql(source, plan(camden, placedBy.latLon));
    expect(sql.sql).toContain(
      'WHERE (TRY_CAST("Longitude" AS DOUBLE) BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE) AND TRY_CAST("Latitude" AS DOUBLE) BETWEEN CAST(? AS DOUBLE) AND CAST(? AS DOUBLE)' +
        ' AND ldx_point_in(CAST(? AS VARCHAR), TRY_CAST("Longitude" AS DOUBLE), TRY_CAST("Latitude" AS DOUBLE)))',
    );
    expect(sql.params[4]).toEqual({ sqlType: 'VARCHAR', value: '{"kind":"borough","code":"E09000007"}' });
  });
  it('easting/northing and geometry columns go to their own functions', () => {
    expect(duckDbPageSql(source, plan(box, placedBy.grid)).sql).toContain(
      'WHERE ldx_grid_point_in(CAST(? AS VARCHAR), TRY_CAST("Easting" AS DOUBLE), TRY_CAST("Northing" AS DOUBLE))',
    );
    expect(duckDbPageSql(source, plan(camden, placedBy.geometry)).sql).toContain('WHERE ldx_geometry_in(CAST(? AS VARCHAR), CAST("geometry" AS VARCHAR))');
  });
});

it('a version without placing columns is a 400 that says so', () => {
  expect(() => plan(camden, undefined)).toThrow(/has no places/);
});
