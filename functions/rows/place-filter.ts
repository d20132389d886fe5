import { badRequest, validationFailed } from '../domain/errors';
import type { ResourceVersion } from '../domain/versions';
import { boroughCodes, boroughOutline } from './place-areas';
import type { Column, PlaceRequest, Placing, Predicate } from './query-model';

/**
 * `bbox=minLon,minLat,maxLon,maxLat` and `within=E09000007`: parsed here (a 400 naming the
 * parameter), then planned against the version's geography (what ingest found places its rows:
 * latitude/longitude or easting/northing columns, or a GeoJSON geometry column). A version
 * without places is a 400 that says so, never an empty page.
 */
const invalid = (field: string, message: string) => validationFailed([{ field, message }]);

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

export const parseBbox = (raw: string | undefined): PlaceRequest['bbox'] => {
  if (raw === undefined) return undefined;
  const parts = raw.split(',');
  if (raw.length > 200 || parts.length !== 4 || !parts.every((part) => NUMBER.test(part)))
    throw invalid('bbox', 'must be four numbers: minLon,minLat,maxLon,maxLat (WGS84 degrees), e.g. -0.2,51.5,-0.1,51.55');
  const [west, south, east, north] = parts.map(Number);
  if ([west, east].some((lon) => lon < -180 || lon > 180)) throw invalid('bbox', 'longitudes must be from -180 to 180');
  if ([south, north].some((lat) => lat < -90 || lat > 90)) throw invalid('bbox', 'latitudes must be from -90 to 90');
  if (west > east || south > north) throw invalid('bbox', 'must be minLon,minLat,maxLon,maxLat: the minimum of each before its maximum');
  return [west, south, east, north];
};

export const parseWithin = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const code = raw.trim().toUpperCase();
  if (!/^E09\d{6}$/.test(code) || !boroughOutline(code)) {
    const codes = boroughCodes();
    throw invalid('within', `must be a London borough's GSS code, ${codes[0]} to ${codes[codes.length - 1]} (e.g. E09000007 for Camden)`);
  }
  return code;
};

export const parsePlace = (bbox: string | undefined, within: string | undefined): PlaceRequest | undefined => {
  const box = parseBbox(bbox);
  const borough = parseWithin(within);
  return box || borough ? { ...(box ? { bbox: box } : {}), ...(borough ? { within: borough } : {}) } : undefined;
};

const placingOf = (version: ResourceVersion, columns: readonly Column[]): Placing | undefined => {
  const placedBy = version.geography?.placedBy;
  if (!placedBy) return undefined;
  const byName = new Map(columns.map((column) => [column.name, column]));
  const named = (key: string) => (Object.hasOwn(placedBy, key) ? byName.get(placedBy[key]) : undefined);
  if (placedBy.kind === 'geometry') {
    const column = named('column');
    return column && { kind: 'geometry', column };
  }
  const [grid, x, y] =
    placedBy.kind === 'lat-lon' ? (['wgs84', named('longitude'), named('latitude')] as const) : (['bng', named('easting'), named('northing')] as const);
  return x && y ? { kind: 'point', grid, x, y } : undefined;
};

/** The `where` parts of a place request on this version: a 400 when its rows have no places. */
export const placePredicates = (place: PlaceRequest | undefined, version: ResourceVersion, columns: readonly Column[]): Predicate[] => {
  if (!place) return [];
  const placing = placingOf(version, columns);
  if (!placing) {
    throw badRequest(
      'This resource has no places: bbox and within apply to resources whose rows have latitude/longitude or easting/northing columns, or a GeoJSON geometry (see the version’s geography).',
      { field: place.bbox ? 'bbox' : 'within', reason: 'no_places' },
    );
  }
  const predicates: Predicate[] = [];
  if (place.bbox) predicates.push({ kind: 'place', placing, area: { kind: 'bbox', box: place.bbox } });
  if (place.within) predicates.push({ kind: 'place', placing, area: { kind: 'borough', code: place.within } });
  return predicates;
};
