import type { RecognisedGeography } from '../geography/describe-geography';
import type { TableSchemaField } from '../table-schema';
import { type CellsLack, type LineParts, ndjsonParts, valueText } from './sql-text-lines';

/**
 * SQL twins of geography/describe-geography.ts for a proven, writable file, in the terms of
 * sql-plan.ts (`v{i}` the cell after missing values, `d{i}` its DOUBLE): each row's GeoJSON
 * Feature as describeGeography writes it, and what it measures (placed rows, bounding box,
 * borough codes, positions to look up). Only where SQL gives the very same text and values:
 * latitude/longitude columns typed number or integer (eastings/northings need the projection,
 * coordinates held as text need JavaScript's Number()), and no column named like an array
 * index (a JS object lists those first, so its properties would not be the NDJSON line).
 */
export interface GeographySql {
  /** Each row's Feature (concat's arguments, over the plan's rows); undefined when the rows have no place. */
  feature?: LineParts;
  /** One row: `placed`, `west`, `south`, `east`, `north` and `codes_{k}` per London-borough column. */
  summary: string;
  /**
   * Distinct positions inside Greater London's box to about 10 m (`x`, `y`), at most `limit`, given
   * the plan's rowsSelect; undefined without a place.
   */
  positions?: (rowsSelect: (selectList: string, where: string) => string, limit: number) => string;
  /** Names of the borough columns, in `codes_{k}` order. */
  boroughColumns: string[];
}

/** Greater London's box, as boroughOf (geography/place-rows.ts) tests it before any lookup. */
const LONDON_BOX = { south: 51.2, north: 51.8, west: -0.6, east: 0.4 };

/** A name JavaScript objects order before the others (a canonical array index). */
const arrayIndexName = (name: string): boolean => /^(0|[1-9]\d{0,9})$/.test(name) && Number(name) < 2 ** 32 - 1;

/** `lack`: what no cell holds, which the Features' properties do not look for (sql-text-lines.ts). */
export function geographySql(fields: readonly TableSchemaField[], recognised: RecognisedGeography, lack?: CellsLack): GeographySql | null {
  const index = (name: string) => fields.findIndex((f) => f.name === name);
  const boroughColumns = recognised.gssColumns.filter((c) => c.entity === 'E09').map((c) => c.name);
  // Any superset of E09 codes will do: each value is parsed again in JavaScript (parseGssCode).
  const codes = boroughColumns.map((name, k) => `list(DISTINCT v${index(name)}) FILTER (WHERE v${index(name)} ILIKE '%e09%') AS codes_${k}`);
  const placedBy = recognised.placedBy;
  if (!placedBy) return { summary: ['0 AS placed', ...codes].join(', '), boroughColumns };
  if (placedBy.kind !== 'lat-lon' || fields.some((f) => arrayIndexName(f.name))) return null;
  const lat = index(placedBy.latitude);
  const lon = index(placedBy.longitude);
  const numeric = (i: number) => i >= 0 && (fields[i].type === 'number' || fields[i].type === 'integer');
  if (!numeric(lat) || !numeric(lon)) return null;
  const [y, x] = [`d${lat}`, `d${lon}`];
  // rowGeometry: both finite, inside the globe, and not 0,0 (a placeholder for "not known").
  const placed = `(${y} IS NOT NULL AND ${x} IS NOT NULL AND abs(${y}) <= 90 AND abs(${x}) <= 180 AND NOT (${y} = 0 AND ${x} = 0))`;
  const point = `concat('{"type":"Point","coordinates":[', ${valueText(lon, fields[lon])}, ',', ${valueText(lat, fields[lat])}, ']}')`;
  const feature = [
    `'{"type":"Feature","geometry":'`,
    `CASE WHEN ${placed} THEN ${point} ELSE 'null' END`,
    `',"properties":'`,
    ...ndjsonParts(fields, lack),
    "'}'",
  ];
  // + 0.0: a -0 coordinate is 0 in the published rows (String(-0) is "0"), and so in describeGeography's box.
  const extent = [`min(${x})`, `min(${y})`, `max(${x})`, `max(${y})`].map(
    (e, i) => `${e} FILTER (WHERE ${placed}) + 0.0 AS ${['west', 'south', 'east', 'north'][i]}`,
  );
  const inLondon = `${y} BETWEEN ${LONDON_BOX.south} AND ${LONDON_BOX.north} AND ${x} BETWEEN ${LONDON_BOX.west} AND ${LONDON_BOX.east}`;
  return {
    feature,
    summary: [`count(*) FILTER (WHERE ${placed}) AS placed`, ...extent, ...codes].join(', '),
    // A fixed choice (by hash) when there are more: the same file always gets the same boroughs.
    positions: (rowsSelect, limit) =>
      `SELECT x, y FROM (${rowsSelect(`DISTINCT round(${x}, 4) AS x, round(${y}, 4) AS y`, `${placed} AND ${inLondon}`)}) ORDER BY hash(x, y) LIMIT ${Math.floor(limit)}`,
    boroughColumns,
  };
}
