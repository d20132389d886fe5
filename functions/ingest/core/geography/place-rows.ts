import { bngToWgs84, wgs84ToBng } from '../../../geo/british-national-grid';
import { boroughAt } from '../../../geo/boundaries/london-boroughs';
import { type CoordinateColumns, coordinateNumber } from '../../../geo/coordinate-columns';

/** A GeoJSON geometry as RFC 7946 has it (WGS84 longitude, latitude). */
export interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}

/** Where one row is: a point from its coordinate columns, or the geometry it carries. */
export function rowGeometry(row: Record<string, unknown>, place: CoordinateColumns | { kind: 'geometry'; column: string }): Geometry | null {
  if (place.kind === 'geometry') return parseGeometry(cell(row, place.column));
  if (place.kind === 'lat-lon') {
    const lat = coordinateNumber(cell(row, place.latitude));
    const lon = coordinateNumber(cell(row, place.longitude));
    // 0,0 ("null island", in the Gulf of Guinea) is what feeds write for "not known" (TfL's test station).
    if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) return null;
    return { type: 'Point', coordinates: [lon, lat] };
  }
  const easting = coordinateNumber(cell(row, place.easting));
  const northing = coordinateNumber(cell(row, place.northing));
  // 0,0 is the false origin south-west of the Scilly Isles: a placeholder for "not known", never a place.
  if (easting === undefined || northing === undefined || (easting === 0 && northing === 0)) return null;
  const [lon, lat] = bngToWgs84(easting, northing);
  return { type: 'Point', coordinates: [round(lon), round(lat)] };
}

function parseGeometry(value: unknown): Geometry | null {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return parsed !== null && typeof parsed === 'object' && typeof (parsed as Geometry).type === 'string' ? (parsed as Geometry) : null;
}

/** Six decimal places of a degree: about 10 cm, as RFC 7946 advises. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Grows a WGS84 bounding box over every position of a geometry; returns the geometry's own box. */
export function extendBox(box: number[] | null, geometry: Geometry): number[] | null {
  let own: number[] | null = null;
  const visit = (coordinates: unknown, depth: number): void => {
    if (!Array.isArray(coordinates) || depth > 6) return;
    if (typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
      const [x, y] = coordinates as number[];
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      own = own ? [Math.min(own[0], x), Math.min(own[1], y), Math.max(own[2], x), Math.max(own[3], y)] : [x, y, x, y];
      return;
    }
    for (const inner of coordinates) visit(inner, depth + 1);
  };
  visit(geometry.coordinates, 0);
  for (const part of geometry.geometries ?? []) if (part && typeof part === 'object') own = mergeBox(own, extendBox(null, part));
  return own ? mergeBox(box, own) : box;
}

export function mergeBox(a: number[] | null, b: number[] | null): number[] | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * Positions are looked up to about 10 m: rounded to 4 decimal places (half away from zero, as
 * DuckDB's round, which the fast path's lookups use) and the rounded position is the one looked
 * up. Every position in a cell so gets the cell's borough, whichever came first in whichever
 * process, and both ingest paths agree; feeds repeat their sites row after row, so most
 * lookups are answered from memory.
 */
const LOOKED_UP = new Map<string, string | undefined>();
const MAX_REMEMBERED = 100_000;

const toCell = (degrees: number): number => (Math.sign(degrees) * Math.round(Math.abs(degrees) * 1e4)) / 1e4;

/** The London borough (E09 code) a WGS84 position lies in, if any (to about 10 m, as above). */
export function boroughOf(lon: number, lat: number): string | undefined {
  if (lat < 51.2 || lat > 51.8 || lon < -0.6 || lon > 0.4) return undefined; // outside Greater London's box: no lookup
  const [cellLon, cellLat] = [toCell(lon), toCell(lat)];
  const key = `${cellLon},${cellLat}`;
  if (LOOKED_UP.has(key)) return LOOKED_UP.get(key);
  const code = boroughAt(wgs84ToBng(cellLon, cellLat))?.code;
  if (LOOKED_UP.size >= MAX_REMEMBERED) LOOKED_UP.clear();
  LOOKED_UP.set(key, code);
  return code;
}

function cell(row: Record<string, unknown>, column: string): unknown {
  return Object.hasOwn(row, column) ? row[column] : null;
}
