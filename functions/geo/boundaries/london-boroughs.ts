import type { MultiPolygon, Polygon, Position } from 'geojson';
import { wgs84ToBng } from '../british-national-grid';
import outlines from './london-boroughs.generated.json';

/**
 * London's 33 boroughs (2013 boundaries, simplified for drawing by scripts/geo/simplify-boroughs.ts),
 * in British National Grid metres: the plane Ordnance Survey maps London on, so distances and
 * bins are in metres and shapes look as Londoners know them.
 */
export interface BoroughOutline {
  code: string;
  name: string;
  /** Polygons of rings of [easting, northing]; the first ring of each polygon is its outline. */
  polygons: Position[][][];
  geometry: Polygon | MultiPolygon;
  /** [minEasting, minNorthing, maxEasting, maxNorthing], to skip boroughs a point is nowhere near. */
  box: [number, number, number, number];
}

interface OutlineFile {
  attribution: string;
  features: Array<{ properties: { code: string; name: string }; geometry: { type: string; coordinates: unknown } }>;
}

const file = outlines as OutlineFile;

/** Whom the outlines must be credited to, wherever a map is shown. */
export const BOUNDARY_ATTRIBUTION: string = file.attribution;

const toBng = (ring: Position[]): Position[] => ring.map(([longitude, latitude]) => wgs84ToBng(longitude, latitude));

const projectOutlines = (): readonly BoroughOutline[] =>
  file.features.map(({ properties, geometry }) => {
    const polygons =
      geometry.type === 'Polygon' ? [(geometry.coordinates as Position[][]).map(toBng)] : (geometry.coordinates as Position[][][]).map((p) => p.map(toBng));
    const points = polygons.flat(2);
    const eastings = points.map((p) => p[0]);
    const northings = points.map((p) => p[1]);
    return {
      box: [Math.min(...eastings), Math.min(...northings), Math.max(...eastings), Math.max(...northings)],
      code: properties.code,
      name: properties.name,
      polygons,
      geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
    };
  });

let projected: readonly BoroughOutline[] | undefined;
let byCode: Map<string, BoroughOutline> | undefined;

/**
 * The borough outlines on the National Grid, projected on first use and kept: projecting every
 * vertex through proj4 is work that only maps and geography need, not every function's start.
 */
export const londonBoroughs = (): readonly BoroughOutline[] => {
  projected ??= projectOutlines();
  return projected;
};

export const boroughByCode = (code: string): BoroughOutline | undefined => {
  byCode ??= new Map(londonBoroughs().map((b) => [b.code, b]));
  return byCode.get(code);
};

/** Even-odd ray casting over every ring, so a hole (none in London today) would count as outside. */
const inRings = (rings: Position[][], [x, y]: Position): boolean => {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
};

/** The borough a National Grid point lies in, if any. */
export const boroughAt = (point: Position): BoroughOutline | undefined =>
  londonBoroughs().find(
    ({ box, polygons }) =>
      point[0] >= box[0] && point[0] <= box[2] && point[1] >= box[1] && point[1] <= box[3] && polygons.some((rings) => inRings(rings, point)),
  );
