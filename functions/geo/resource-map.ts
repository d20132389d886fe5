import type { Caller } from '../domain/caller';
import { auditsDataReads, recordAudit } from '../domain/audit';
import type { DomainContext } from '../domain/context';
import { readableVersion, readableVersionOf } from '../domain/data-access';
import type { Resource } from '../domain/resources';
import type { Dataset } from '../domain/datasets';
import { badRequest, ExchangeError } from '../domain/errors';
import type { RowRequest } from '../rows/query-model';
import { queryRows, type RowsPage } from '../rows/query-rows';
import { wgs84ToBng } from './british-national-grid';
import { type CoordinateColumns, coordinateNumber, recogniseCoordinateColumns } from './coordinate-columns';
import { parseGssCode, recogniseGssColumn } from './gss-codes';
import { type ChoroplethMap, drawChoropleth } from './svg/choropleth';
import { drawPointMap, type PointMap } from './svg/point-map';
import { formatNumber } from './svg/svg-text';

/**
 * The maps a published resource can be drawn as, and the drawing of one. Rows are read through
 * queryRows, the same gate as every row read (the tier policy and the caller's grants: a 404 as
 * if there were no data otherwise; reads of shared and private data audited).
 */

export type ExchangeMap = ChoroplethMap | PointMap;

/** A GeoJSON resource's geometry column (the ingest keeps each feature's geometry as JSON text). */
export interface GeometryColumn {
  kind: 'geometry';
  column: string;
}

export interface MapChoices {
  /** A column of GSS codes holding London borough codes, and the numeric columns it can colour. */
  choropleth?: { codeColumn: string; numericColumns: string[] };
  points?: CoordinateColumns | GeometryColumn;
}

export interface ResourceMap {
  dataset: string;
  resource: string;
  version: number;
  choices: MapChoices;
  map: ExchangeMap;
  /** What was left out of the drawing, and why, in words for the reader. */
  notes: string[];
}

export interface MapRequest {
  /** The numeric column a choropleth colours by (default: the first). */
  column?: string;
  kind?: 'choropleth' | 'points';
  version?: number;
}

/** Rows read to recognise the columns. */
const SAMPLE_ROWS = 500;
const PAGE_ROWS = 10_000;
/** Rows drawn at most: beyond this a map says it shows the first ones. */
export const MAX_MAP_ROWS = 100_000;

const rowRequest = (limit: number, version: number | undefined, fields?: string[], cursor?: string): RowRequest => ({
  conditions: [],
  search: [],
  fields,
  sort: [],
  limit,
  offset: 0,
  cursor,
  version,
  total: 'none',
});

const records = (page: RowsPage): Array<Record<string, unknown>> =>
  page.records.map((cells) => Object.fromEntries(page.columns.map((column, i) => [column.name, cells[i]])));

/** The columns a point is read from, in the order pointsOf reads them. */
const coordinateFields = (points: CoordinateColumns | GeometryColumn): string[] =>
  points.kind === 'geometry' ? [points.column] : points.kind === 'lat-lon' ? [points.latitude, points.longitude] : [points.easting, points.northing];

/** [longitude, latitude] of a GeoJSON Point held as JSON text; undefined for anything else. */
const geoJsonPoint = (value: unknown): [number, number] | undefined => {
  if (typeof value !== 'string' || !value.includes('"Point"')) return undefined;
  try {
    const geometry = JSON.parse(value) as { type?: unknown; coordinates?: unknown };
    if (geometry.type !== 'Point' || !Array.isArray(geometry.coordinates)) return undefined;
    const [longitude, latitude] = geometry.coordinates;
    return typeof longitude === 'number' && typeof latitude === 'number' && Number.isFinite(longitude) && Number.isFinite(latitude)
      ? [longitude, latitude]
      : undefined;
  } catch {
    return undefined;
  }
};

/** A string column of GeoJSON Points, most of its sample filled: GeoJSON resources of point features. */
const geometryColumn = (page: RowsPage, rows: ReadonlyArray<Record<string, unknown>>): GeometryColumn | undefined => {
  const column = page.columns.find((c) => c.type === 'string' && c.name === 'geometry');
  if (!column) return undefined;
  const filled = rows.map((r) => r[column.name]).filter((v) => v !== null && v !== undefined && v !== '');
  const points = filled.filter((v) => geoJsonPoint(v) !== undefined).length;
  return filled.length > 0 && points / filled.length >= 0.8 ? { kind: 'geometry', column: column.name } : undefined;
};

/** What a sample of rows can be mapped as. */
export const mapChoices = (page: RowsPage): MapChoices => {
  const rows = records(page);
  const names = page.columns.map((c) => c.name);
  const points = recogniseCoordinateColumns(names, rows)[0] ?? geometryColumn(page, rows);
  const pointColumns = new Set(points ? coordinateFields(points) : []);
  const numericColumns = page.columns.filter((c) => (c.type === 'number' || c.type === 'integer') && !pointColumns.has(c.name)).map((c) => c.name);
  const codeColumn = page.columns
    .filter((c) => c.type === 'string')
    .find((c) => {
      const values = rows.map((r) => r[c.name]);
      // Keyed by GSS codes, with London boroughs among them (the GLA's ward files carry borough rows too).
      return recogniseGssColumn(values) !== undefined && values.some((v) => parseGssCode(v)?.entity === 'E09');
    })?.name;
  return {
    ...(codeColumn && numericColumns.length > 0 ? { choropleth: { codeColumn, numericColumns } } : {}),
    ...(points ? { points } : {}),
  };
};

/** Every row of the projected columns, page by page on one version, up to MAX_MAP_ROWS. */
const readColumns = async (
  ctx: DomainContext,
  caller: Caller,
  at: { dataset: string; resource: string; version: number; route: string },
  fields: string[],
): Promise<{ rows: unknown[][]; truncated: boolean }> => {
  const rows: unknown[][] = [];
  let cursor: string | undefined;
  do {
    const page = await queryRows(ctx, caller, { ...at, request: rowRequest(PAGE_ROWS, at.version, fields, cursor) });
    rows.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor && rows.length < MAX_MAP_ROWS);
  return { rows: rows.slice(0, MAX_MAP_ROWS), truncated: cursor !== undefined };
};

/** "1 row has", "5 rows have". */
const rowsHave = (n: number): string => (n === 1 ? '1 row has' : `${formatNumber(n)} rows have`);
const rowsAre = (n: number): string => (n === 1 ? '1 row is' : `${formatNumber(n)} rows are`);

const noMap = (): ExchangeError =>
  new ExchangeError(
    'not_found',
    'No map for this resource: it has no column of London borough GSS codes (E09…) beside a numeric column, no latitude/longitude or easting/northing columns, and no GeoJSON points.',
  );

const boroughValues = (rows: unknown[][]): { values: Map<string, number>; notes: string[] } => {
  const sums = new Map<string, { total: number; count: number }>();
  let otherAreas = 0;
  let empty = 0;
  for (const [code, value] of rows) {
    const parsed = parseGssCode(code);
    if (parsed?.entity !== 'E09') {
      otherAreas += 1;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      empty += 1;
      continue;
    }
    const sum = sums.get(parsed.code) ?? { total: 0, count: 0 };
    sum.total += value;
    sum.count += 1;
    sums.set(parsed.code, sum);
  }
  const notes: string[] = [];
  if (otherAreas > 0) notes.push(`${rowsAre(otherAreas)} not London boroughs (other areas or totals) and ${otherAreas === 1 ? 'is' : 'are'} not drawn.`);
  if (empty > 0) notes.push(`${rowsHave(empty)} a borough code but no number in this column.`);
  const repeated = [...sums].filter(([, s]) => s.count > 1);
  if (repeated.length > 0)
    notes.push(
      `${repeated.length === 1 ? '1 borough appears' : `${repeated.length} boroughs appear`} in more than one row: the map shows the mean of their rows.`,
    );
  return { values: new Map([...sums].map(([code, s]) => [code, s.total / s.count])), notes };
};

const pointsOf = (rows: unknown[][], kind: (CoordinateColumns | GeometryColumn)['kind']): { points: Array<[number, number]>; missing: number } => {
  const points: Array<[number, number]> = [];
  let missing = 0;
  for (const [a, b] of rows) {
    if (kind === 'geometry') {
      const point = geoJsonPoint(a);
      if (point) points.push(wgs84ToBng(point[0], point[1]));
      else missing += 1;
      continue;
    }
    const first = coordinateNumber(a);
    const second = coordinateNumber(b);
    if (first === undefined || second === undefined) missing += 1;
    else points.push(kind === 'lat-lon' ? wgs84ToBng(second, first) : [first, second]);
  }
  return { points, missing };
};

/**
 * Versions never change, so a map drawn once serves every caller the gate lets through: the
 * sample read (through queryRows, with its policy check and audit) runs on every request, the
 * full read and the drawing only once per version, kind and column. Least recently used first out.
 */
const drawnMaps = new Map<string, ResourceMap>();
const DRAWN_MAPS = 32;

const remembered = async (key: string, draw: () => Promise<ResourceMap>): Promise<ResourceMap> => {
  const found = drawnMaps.get(key);
  if (found) {
    drawnMaps.delete(key);
    drawnMaps.set(key, found);
    return found;
  }
  const drawn = await draw();
  if (drawnMaps.size >= DRAWN_MAPS) drawnMaps.delete(drawnMaps.keys().next().value!);
  drawnMaps.set(key, drawn);
  return drawn;
};

interface SampledVersion {
  dataset: Dataset;
  resourceName: string;
  version: number;
  choices: MapChoices;
}

/**
 * What a version can be mapped as is decided once from a sample of its rows (versions never
 * change). Every request still passes the data gate (readableVersion: tier policy and grants, a
 * 404 otherwise) and, for shared and private data, is audited as the row read it stands for.
 */
const sampledChoices = new Map<string, { rows: number; choices: MapChoices }>();

const sampledVersion = async (
  ctx: DomainContext,
  caller: Caller,
  input: { dataset: string; resource: string; route: string },
  versionNumber: number | undefined,
  read: AlreadyRead | undefined,
): Promise<SampledVersion> => {
  const { dataset, resourceName, version } = read
    ? await readableVersionOf(ctx, caller, read.dataset, read.resource, versionNumber)
    : await readableVersion(ctx, caller, input.dataset, input.resource, versionNumber);
  const key = `${dataset.id}\n${resourceName}\n${version.value.version}`;
  const known = sampledChoices.get(key);
  if (!known) {
    const page = await queryRows(ctx, caller, { ...input, request: rowRequest(SAMPLE_ROWS, version.value.version) });
    if (sampledChoices.size >= DRAWN_MAPS) sampledChoices.delete(sampledChoices.keys().next().value!);
    sampledChoices.set(key, { rows: page.records.length, choices: mapChoices(page) });
    return { dataset: page.dataset, resourceName: page.resourceName, version: page.version, choices: sampledChoices.get(key)!.choices };
  }
  sampledChoices.delete(key);
  sampledChoices.set(key, known);
  if (auditsDataReads(dataset)) {
    await recordAudit(ctx, caller, dataset, 'data.rows', input.route, { resource: resourceName, version: version.value.version, rows: known.rows });
  }
  return { dataset, resourceName, version: version.value.version, choices: known.choices };
};

/** The dataset and resource a page has just read through the policy: the gate runs on them without reading them again. */
export interface AlreadyRead {
  dataset: Dataset;
  resource: Resource;
}

/** Reads a resource's rows and draws the map asked for (or the best one it has). */
export const resourceMap = async (
  ctx: DomainContext,
  caller: Caller,
  input: { dataset: string; resource: string; route: string },
  request: MapRequest,
  read?: AlreadyRead,
): Promise<ResourceMap> => {
  const sample = await sampledVersion(ctx, caller, input, request.version, read);
  const { choices } = sample;
  const at = { ...input, version: sample.version };
  const kind = request.kind ?? (request.column !== undefined || choices.choropleth ? 'choropleth' : 'points');
  const result = { dataset: sample.dataset.name, resource: sample.resourceName, version: sample.version, choices };
  if (kind === 'choropleth') {
    if (!choices.choropleth) throw noMap();
    const column = request.column ?? choices.choropleth.numericColumns[0];
    if (!choices.choropleth.numericColumns.includes(column)) {
      throw badRequest(`'${column}' is not a numeric column of this resource, so it cannot colour a map. Pick one of its numeric columns.`, {
        field: 'column',
        numericColumns: choices.choropleth.numericColumns,
      });
    }
    const codeColumn = choices.choropleth.codeColumn;
    return remembered(`${sample.dataset.id}\n${sample.resourceName}\n${sample.version}\nchoropleth\n${column}`, async () => {
      const { rows, truncated } = await readColumns(ctx, caller, at, [codeColumn, column]);
      const { values, notes } = boroughValues(rows);
      if (truncated) notes.unshift(`Drawn from the first ${formatNumber(MAX_MAP_ROWS)} rows.`);
      return { ...result, map: drawChoropleth(column, values), notes };
    });
  }
  const placed = choices.points;
  if (!placed) throw noMap();
  return remembered(`${sample.dataset.id}\n${sample.resourceName}\n${sample.version}\npoints`, () => drawPoints(ctx, caller, at, placed, result));
};

const drawPoints = async (
  ctx: DomainContext,
  caller: Caller,
  at: { dataset: string; resource: string; version: number; route: string },
  placed: CoordinateColumns | GeometryColumn,
  result: Omit<ResourceMap, 'map' | 'notes'>,
): Promise<ResourceMap> => {
  const fields = coordinateFields(placed);
  const { rows, truncated } = await readColumns(ctx, caller, at, fields);
  const { points, missing } = pointsOf(rows, placed.kind);
  const map = drawPointMap(`${result.resource}: ${fields.join(' and ')} on a map of London`, points, missing);
  const notes: string[] = [];
  if (truncated) notes.push(`Drawn from the first ${formatNumber(MAX_MAP_ROWS)} rows.`);
  if (map.outside > 0)
    notes.push(`${rowsHave(map.outside)} a position outside London (or a placeholder such as 0,0) and ${map.outside === 1 ? 'is' : 'are'} not drawn.`);
  if (missing > 0) notes.push(`${rowsHave(missing)} no position.`);
  return { ...result, map, notes };
};
