import { wgs84ToBng } from '../geo/british-national-grid';
import { boroughByCode } from '../geo/boundaries/london-boroughs';
import { type Box, boroughBox, boroughOutline, type PlaceArea } from './place-areas';
import { PLACE_FUNCTIONS, placeAreaText } from './place-functions';
import type { Column, Predicate } from './query-model';
import type { SqlParams } from './sql-render';

/**
 * `bbox` and `within` as SQL. Both engines test a WGS84 box on longitude/latitude columns with
 * plain comparisons (pushed into the scan). The exact tests differ: DuckDB calls the functions of
 * place-functions.ts (d3-geo in the process); Athena has geospatial SQL, so the area goes in the
 * text as well-known text (numbers from the shipped outlines, never client text: a borough is
 * chosen by a checked code, a box is four checked numbers) tested with ST_Contains, in the
 * National Grid for easting/northing columns and at the centroid for GeoJSON geometry columns.
 */
export type PlacePredicate = Extract<Predicate, { kind: 'place' }>;
type Quote = (column: Column) => string;

const asDouble = (column: Column, quote: Quote) => `TRY_CAST(${quote(column)} AS DOUBLE)`;
const double = (params: SqlParams, value: number) => params.placeholder({ sqlType: 'DOUBLE', value });

/** x and y within a box: the cheap test, and the whole one for a WGS84 `bbox`. */
const inBox = (x: string, y: string, box: Box, params: SqlParams): string =>
  `${x} BETWEEN ${double(params, box[0])} AND ${double(params, box[2])} AND ${y} BETWEEN ${double(params, box[1])} AND ${double(params, box[3])}`;

/** The box a WGS84 position must be in to be in the area at all. */
const areaBox = (area: PlaceArea): Box => {
  if (area.kind === 'bbox') return area.box;
  const box = boroughBox(area.code);
  if (!box) throw new Error(`no outline for ${area.code}`);
  return box;
};

export const duckDbPlaceSql = (predicate: PlacePredicate, quote: Quote, params: SqlParams): string => {
  const { placing, area } = predicate;
  const areaText = () => params.placeholder({ sqlType: 'VARCHAR', value: placeAreaText(area) });
  if (placing.kind === 'geometry') return `${PLACE_FUNCTIONS.geometry}(${areaText()}, CAST(${quote(placing.column)} AS VARCHAR))`;
  const x = asDouble(placing.x, quote);
  const y = asDouble(placing.y, quote);
  if (placing.grid === 'bng') return `${PLACE_FUNCTIONS.gridPoint}(${areaText()}, ${x}, ${y})`;
  const box = inBox(x, y, areaBox(area), params);
  return area.kind === 'bbox' ? `(${box})` : `(${box} AND ${PLACE_FUNCTIONS.point}(${areaText()}, ${x}, ${y}))`;
};

const coordinate = (value: number, decimals: number): string => {
  if (!Number.isFinite(value)) throw new Error('not a coordinate');
  return String(Math.round(value * 10 ** decimals) / 10 ** decimals);
};
const ringWkt = (ring: readonly number[][], decimals: number) =>
  `(${ring.map(([x, y]) => `${coordinate(x, decimals)} ${coordinate(y, decimals)}`).join(', ')})`;
const polygonsWkt = (polygons: readonly number[][][][], decimals: number): string =>
  polygons.length === 1
    ? `POLYGON (${polygons[0].map((ring) => ringWkt(ring, decimals)).join(', ')})`
    : `MULTIPOLYGON (${polygons.map((p) => `(${p.map((ring) => ringWkt(ring, decimals)).join(', ')})`).join(', ')})`;

/** A WGS84 box's outline, each edge cut in `steps` (a straight edge in degrees is a curve on the National Grid). */
const boxRing = (box: Box, steps: number): number[][] => {
  const [w, s, e, n] = box;
  const edge = (from: number[], to: number[]) =>
    Array.from({ length: steps }, (_, i) => [from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps]);
  return [...edge([w, s], [e, s]), ...edge([e, s], [e, n]), ...edge([e, n], [w, n]), ...edge([w, n], [w, s]), [w, s]];
};

/** The area as well-known text: WGS84 degrees (6 decimals), or National Grid metres (1 decimal). */
export const areaWkt = (area: PlaceArea, grid: 'wgs84' | 'bng'): string => {
  if (area.kind === 'bbox')
    return grid === 'wgs84' ? polygonsWkt([[boxRing(area.box, 1)]], 6) : polygonsWkt([[boxRing(area.box, 16).map(([lon, lat]) => wgs84ToBng(lon, lat))]], 1);
  if (grid === 'bng') {
    const outline = boroughByCode(area.code);
    if (!outline) throw new Error(`no outline for ${area.code}`);
    return polygonsWkt(outline.polygons as number[][][][], 1);
  }
  const outline = boroughOutline(area.code);
  if (!outline) throw new Error(`no outline for ${area.code}`);
  const { geometry } = outline;
  return polygonsWkt(geometry.type === 'Polygon' ? [geometry.coordinates as number[][][]] : (geometry.coordinates as number[][][][]), 6);
};

const wktLiteral = (wkt: string): string => {
  if (!/^[A-Z (),.0-9-]+$/.test(wkt)) throw new Error('well-known text with unexpected characters');
  return `ST_GeometryFromText('${wkt}')`;
};

export const athenaPlaceSql = (predicate: PlacePredicate, quote: Quote, params: SqlParams): string => {
  const { placing, area } = predicate;
  if (placing.kind === 'geometry')
    return `ST_Contains(${wktLiteral(areaWkt(area, 'wgs84'))}, ST_Centroid(from_geojson_geometry(CAST(${quote(placing.column)} AS VARCHAR))))`;
  const x = asDouble(placing.x, quote);
  const y = asDouble(placing.y, quote);
  const contains = `ST_Contains(${wktLiteral(areaWkt(area, placing.grid))}, ST_Point(${x}, ${y}))`;
  if (placing.grid === 'bng') return contains;
  const box = inBox(x, y, areaBox(area), params);
  return area.kind === 'bbox' ? `(${box})` : `(${box} AND ${contains})`;
};
