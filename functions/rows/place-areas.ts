import type { GeoPermissibleObjects } from 'd3-geo';
import type * as D3Geo from 'd3-geo';
import { bngToWgs84 } from '../geo/british-national-grid';

/**
 * The areas a row query may be limited to (`bbox`, `within`) and the exact tests of a place
 * against them, in WGS84. Borough outlines are the ones shipped in functions/geo/boundaries
 * (simplified 2013 boundaries); containment is d3-geo's geoContains, and a shape (a GeoJSON
 * geometry cell) counts as where its planar centroid (d3-geo's geoPath().centroid) is, so a row is either in or
 * out of an area whichever engine asks.
 */
export type Box = [west: number, south: number, east: number, north: number];
export type PlaceArea = { kind: 'bbox'; box: Box } | { kind: 'borough'; code: string };

interface BoroughFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

let d3: typeof D3Geo | undefined;
// d3-geo and the outlines are required on first use: only spatial row queries need them.
const geo = (): typeof D3Geo => {
  d3 ??= require('d3-geo') as typeof D3Geo;
  return d3;
};

let boroughs: Map<string, BoroughFeature> | undefined;
const boroughMap = (): Map<string, BoroughFeature> => {
  boroughs ??= new Map(
    (require('../geo/boundaries/london-boroughs.generated.json') as { features: BoroughFeature[] }).features.map((f) => [f.properties.code, f]),
  );
  return boroughs;
};

/** The outline of a London borough (E09 code), in WGS84; undefined for any other code. */
export const boroughOutline = (code: string): BoroughFeature | undefined => boroughMap().get(code);

export const boroughCodes = (): string[] => [...boroughMap().keys()].sort();

/** A borough's [west, south, east, north]: a cheap first test before the exact one. */
export const boroughBox = (code: string): Box | undefined => {
  const outline = boroughOutline(code);
  if (!outline) return undefined;
  const [[west, south], [east, north]] = geo().geoBounds(outline as GeoPermissibleObjects);
  return [west, south, east, north];
};

/** Whether a WGS84 position lies in the area. */
export const positionIn = (area: PlaceArea, lon: number, lat: number): boolean => {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
  if (area.kind === 'bbox') return lon >= area.box[0] && lon <= area.box[2] && lat >= area.box[1] && lat <= area.box[3];
  const outline = boroughOutline(area.code);
  return outline !== undefined && geo().geoContains(outline as GeoPermissibleObjects, [lon, lat]);
};

/** Whether a National Grid (EPSG:27700) easting and northing lies in the area. */
export const gridPointIn = (area: PlaceArea, easting: number, northing: number): boolean => {
  if (!Number.isFinite(easting) || !Number.isFinite(northing)) return false;
  const [lon, lat] = bngToWgs84(easting, northing);
  return positionIn(area, lon, lat);
};

/** Whether a GeoJSON geometry (as its JSON text) is in the area: a point where it is, any other shape where its centroid is. */
export const geometryIn = (area: PlaceArea, geojson: string): boolean => {
  let geometry: unknown;
  try {
    geometry = JSON.parse(geojson);
  } catch {
    return false;
  }
  if (geometry === null || typeof geometry !== 'object' || typeof (geometry as { type?: unknown }).type !== 'string') return false;
  // The planar centroid (as Athena's ST_Centroid): the spherical one reads an RFC 7946 (anticlockwise) ring as the rest of the globe.
  const [lon, lat] = geo()
    .geoPath()
    .centroid(geometry as GeoPermissibleObjects);
  return positionIn(area, lon, lat);
};
