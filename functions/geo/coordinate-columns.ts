/**
 * Recognises the columns that place each row on a map: WGS84 latitude and longitude, or British
 * National Grid (EPSG:27700) eastings and northings. A column is recognised by its name and then
 * confirmed by its values, so a column called `x` holding prices is not taken for eastings.
 */

export type CoordinateColumns = { kind: 'lat-lon'; latitude: string; longitude: string } | { kind: 'easting-northing'; easting: string; northing: string };

/** Lower case without separators: `os_grid_x`, `OS Grid X` and `osGridX` read the same. */
const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

type Axis = 'latitude' | 'longitude' | 'easting' | 'northing';

/** Names of each axis as publishers write them (after normalise); `@Latitude` from XML-to-JSON feeds reads as `latitude`. */
const NAMES = new Map<Axis, readonly string[]>([
  ['latitude', ['latitude', 'lat', 'wgs84latitude', 'wgs84lat', 'latwgs84', 'decimallatitude', 'latdd']],
  ['longitude', ['longitude', 'lon', 'lng', 'long', 'wgs84longitude', 'wgs84long', 'longwgs84', 'lonwgs84', 'decimallongitude', 'longdd']],
  ['easting', ['easting', 'eastings', 'osgridx', 'gridx', 'bngx', 'osx', 'xcoordinate', 'x', 'osgbeasting', 'east']],
  ['northing', ['northing', 'northings', 'osgridy', 'gridy', 'bngy', 'osy', 'ycoordinate', 'y', 'osgbnorthing', 'north']],
]);

/** What each axis may hold: WGS84 degrees, and the National Grid's extent in metres. */
const RANGES = new Map<Axis, [number, number]>([
  ['latitude', [-90, 90]],
  ['longitude', [-180, 180]],
  ['easting', [0, 700_000]],
  ['northing', [0, 1_300_000]],
]);

/** Share of non-empty cells that must be numbers in range: real feeds have a few blanks and placeholders. */
const MIN_IN_RANGE = 0.8;

/** A number from a cell (numbers as text too: many files keep coordinates as strings). */
export const coordinateNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
};

const findColumn = (fields: readonly string[], axis: Axis): string | undefined => {
  const wanted = NAMES.get(axis) ?? [];
  // The first name in the list is the clearest, so look for names in the list's order.
  for (const name of wanted) {
    const found = fields.find((field) => normalise(field) === name);
    if (found !== undefined) return found;
  }
  // Then the last part of a dotted name: rows found inside a JSON object carry their parents'
  // fields as `Site.Latitude` (functions/ingest/core/nested-records.ts).
  for (const name of wanted) {
    const found = fields.find((field) => field.includes('.') && normalise(field.slice(field.lastIndexOf('.') + 1)) === name);
    if (found !== undefined) return found;
  }
  return undefined;
};

const valuesFit = (rows: readonly Record<string, unknown>[], column: string, axis: Axis): boolean => {
  const [low, high] = RANGES.get(axis) ?? [0, 0];
  let filled = 0;
  let fitting = 0;
  for (const row of rows) {
    const value = Object.hasOwn(row, column) ? row[column] : undefined;
    if (value === null || value === undefined || value === '') continue;
    filled += 1;
    const n = coordinateNumber(value);
    if (n !== undefined && n >= low && n <= high) fitting += 1;
  }
  return filled > 0 && fitting / filled >= MIN_IN_RANGE;
};

/**
 * The coordinate columns of a table, best first (latitude/longitude before eastings/northings,
 * which need a datum shift), judged from its column names and a sample of its rows.
 */
export const recogniseCoordinateColumns = (fields: readonly string[], rows: readonly Record<string, unknown>[]): CoordinateColumns[] => {
  const found: CoordinateColumns[] = [];
  const latitude = findColumn(fields, 'latitude');
  const longitude = findColumn(fields, 'longitude');
  if (latitude && longitude && valuesFit(rows, latitude, 'latitude') && valuesFit(rows, longitude, 'longitude')) {
    found.push({ kind: 'lat-lon', latitude, longitude });
  }
  const easting = findColumn(fields, 'easting');
  const northing = findColumn(fields, 'northing');
  if (easting && northing && valuesFit(rows, easting, 'easting') && valuesFit(rows, northing, 'northing')) {
    found.push({ kind: 'easting-northing', easting, northing });
  }
  return found;
};
