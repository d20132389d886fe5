import type { DuckDBConnection } from '@duckdb/node-api';
import type * as DuckDbApi from '@duckdb/node-api';
import { geometryIn, gridPointIn, type PlaceArea, positionIn } from './place-areas';

/**
 * DuckDB scalar functions for `bbox` and `within` on the local engine (which loads no
 * extensions, so it has no spatial one): each hands its rows to the exact tests in
 * place-areas.ts. The area is the query's one parameter, as JSON (see placeAreaText); SQL tests
 * a cheap bounding box first where it can (place-sql.ts), so few rows reach these.
 *   ldx_point_in(area, lon, lat)            WGS84 positions
 *   ldx_grid_point_in(area, easting, northing)   EPSG:27700
 *   ldx_geometry_in(area, geojson)          GeoJSON geometry text, placed at its centroid
 */
export const PLACE_FUNCTIONS = { point: 'ldx_point_in', gridPoint: 'ldx_grid_point_in', geometry: 'ldx_geometry_in' } as const;

/** The area as a function argument: the same text for the same area, so parsed areas can be remembered. */
export const placeAreaText = (area: PlaceArea): string =>
  JSON.stringify(area.kind === 'bbox' ? { kind: 'bbox', box: area.box } : { kind: 'borough', code: area.code });

const parsedAreas = new Map<string, PlaceArea>();
const areaOf = (text: string): PlaceArea => {
  let area = parsedAreas.get(text);
  if (!area) {
    area = JSON.parse(text) as PlaceArea;
    if (parsedAreas.size > 100) parsedAreas.clear();
    parsedAreas.set(text, area);
  }
  return area;
};

export const registerPlaceFunctions = (api: typeof DuckDbApi, connection: DuckDBConnection): void => {
  const { BOOLEAN, DOUBLE, VARCHAR, DuckDBScalarFunction } = api;
  const pointFunction = (name: string, test: (area: PlaceArea, x: number, y: number) => boolean) =>
    DuckDBScalarFunction.create({
      name,
      returnType: BOOLEAN,
      parameterTypes: [VARCHAR, DOUBLE, DOUBLE],
      mainFunction: (_info, input, output) => {
        const areas = input.getColumnVector(0);
        const xs = input.getColumnVector(1);
        const ys = input.getColumnVector(2);
        for (let row = 0; row < input.rowCount; row++) {
          const text = areas.getItem(row);
          const x = xs.getItem(row);
          const y = ys.getItem(row);
          output.setItem(row, typeof text === 'string' && typeof x === 'number' && typeof y === 'number' ? test(areaOf(text), x, y) : false);
        }
        output.flush();
      },
    });
  connection.registerScalarFunction(pointFunction(PLACE_FUNCTIONS.point, positionIn));
  connection.registerScalarFunction(pointFunction(PLACE_FUNCTIONS.gridPoint, gridPointIn));
  connection.registerScalarFunction(
    DuckDBScalarFunction.create({
      name: PLACE_FUNCTIONS.geometry,
      returnType: BOOLEAN,
      parameterTypes: [VARCHAR, VARCHAR],
      mainFunction: (_info, input, output) => {
        const areas = input.getColumnVector(0);
        const geometries = input.getColumnVector(1);
        for (let row = 0; row < input.rowCount; row++) {
          const text = areas.getItem(row);
          const geometry = geometries.getItem(row);
          output.setItem(row, typeof text === 'string' && typeof geometry === 'string' ? geometryIn(areaOf(text), geometry) : false);
        }
        output.flush();
      },
    }),
  );
};
