import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type CoordinateColumns, recogniseCoordinateColumns } from '../../../geo/coordinate-columns';
import { type GssLevel, parseGssCode, recogniseGssColumn } from '../../../geo/gss-codes';
import { BufferedTextFile, type OutputFile } from '../outputs/output-file';
import type { TableSchemaField } from '../table-schema';
import { boroughOf, extendBox, type Geometry, mergeBox, rowGeometry } from './place-rows';

/** What ingest learned about where a table's rows are. */
export interface Geography {
  /** How rows are placed: their coordinate columns, or the GeoJSON geometry column. */
  placedBy?: CoordinateColumns | { kind: 'geometry'; column: string };
  /** Columns keyed by ONS GSS codes: which entity and level. */
  gssColumns: Array<{ name: string; entity: string; type: string; level: GssLevel }>;
  /** [west, south, east, north] in WGS84 of every placed row. */
  bbox?: [number, number, number, number];
  /** London boroughs (E09 codes) the rows lie in or are keyed by, sorted. */
  boroughs: string[];
  /** Rows with a place (written as located features). */
  placedRows: number;
}

export const GEOJSON_MEDIA_TYPE = 'application/geo+json';
export const GEOJSON_NAME = 'data.geojson';
/** Rows (typed, as published) recognition looks at: the table's first. */
export const GEOGRAPHY_SAMPLE_ROWS = 1000;
/** Point-in-borough lookups per upload: beyond it every tenth row is looked up, and none once all 33 are found. */
export const FULL_LOOKUPS = 100_000;

/** A table's geography and its GeoJSON download (when its rows have a place). */
export interface Placed {
  geography: Geography;
  geojson?: OutputFile;
}

/** What the first rows say: the columns that place rows, and the GSS-coded ones. */
export interface RecognisedGeography {
  placedBy?: Geography['placedBy'];
  gssColumns: Geography['gssColumns'];
}

/**
 * Recognises coordinate and GSS columns (functions/geo) from the first rows; undefined when
 * the table has no geography at all.
 */
export function recogniseGeography(
  fields: readonly TableSchemaField[],
  sample: readonly Record<string, unknown>[],
  format: string | undefined,
): RecognisedGeography | undefined {
  const names = fields.map((f) => f.name);
  const geometryColumn = format === 'geojson' && names.includes('geometry') ? 'geometry' : undefined;
  const placedBy = geometryColumn ? ({ kind: 'geometry', column: geometryColumn } as const) : recogniseCoordinateColumns(names, sample)[0];
  const gssColumns = fields
    .filter((f) => f.type === 'string')
    .flatMap((f) => {
      const found = recogniseGssColumn(sample.map((row) => (Object.hasOwn(row, f.name) ? row[f.name] : null)));
      return found ? [{ name: f.name, entity: found.entity, type: found.type, level: found.level }] : [];
    });
  if (!placedBy && gssColumns.length === 0) return undefined;
  return { ...(placedBy ? { placedBy } : {}), gssColumns };
}

/** The geography record from what was measured (the box rounded to six decimal places, the boroughs sorted). */
export function geographyOf(recognised: RecognisedGeography, box: readonly number[] | null, boroughs: Iterable<string>, placedRows: number): Geography {
  return {
    ...(recognised.placedBy ? { placedBy: recognised.placedBy } : {}),
    gssColumns: recognised.gssColumns,
    ...(box ? { bbox: box.map((v) => Math.round(v * 1e6) / 1e6) as [number, number, number, number] } : {}),
    boroughs: [...boroughs].sort(),
    placedRows,
  };
}

/**
 * Reads the published NDJSON (typed values) once more when the table is geographic: it
 * recognises coordinate and GSS columns (functions/geo), writes the GeoJSON download (RFC 7946:
 * a FeatureCollection in WGS84, eastings/northings converted, rows without a place given a null
 * geometry) and measures the bounding box and the boroughs covered. Undefined when the table
 * has no geography at all.
 */
export async function describeGeography(
  ndjsonPath: string,
  fields: readonly TableSchemaField[],
  format: string | undefined,
  workDir: string,
): Promise<Placed | undefined> {
  const recognised = recogniseGeography(fields, await readRows(ndjsonPath, GEOGRAPHY_SAMPLE_ROWS), format);
  if (!recognised) return undefined;
  const { placedBy, gssColumns } = recognised;
  const geometryColumn = placedBy?.kind === 'geometry' ? placedBy.column : undefined;
  const boroughs = new Set<string>();
  const boroughKeys = gssColumns.filter((c) => c.entity === 'E09').map((c) => c.name);
  let box: number[] | null = null;
  let placedRows = 0;
  let rowNumber = 0;
  const out = placedBy ? await BufferedTextFile.create(join(workDir, GEOJSON_NAME)) : undefined;
  out?.push('{"type":"FeatureCollection","features":[');
  try {
    for await (const row of eachRow(ndjsonPath)) {
      rowNumber++;
      for (const column of boroughKeys) {
        const code = parseGssCode(Object.hasOwn(row, column) ? row[column] : null);
        if (code?.entity === 'E09') boroughs.add(code.code);
      }
      if (!placedBy || !out) continue;
      const geometry = rowGeometry(row, placedBy);
      if (geometry) {
        placedRows++;
        const own = extendBox(null, geometry);
        box = mergeBox(box, own);
        if (own && boroughs.size < 33 && (rowNumber <= FULL_LOOKUPS || rowNumber % 10 === 0)) {
          const borough = boroughOf((own[0] + own[2]) / 2, (own[1] + own[3]) / 2);
          if (borough) boroughs.add(borough);
        }
      }
      out.push(`${rowNumber > 1 ? ',' : ''}${feature(row, geometry, geometryColumn)}`);
      if (out.hasFullBlocks) await out.flush();
    }
    out?.push(']}\n');
    const bytes = out ? await out.close() : 0;
    const geography = geographyOf(recognised, box, boroughs, placedRows);
    return { geography, ...(out ? { geojson: { path: out.path, bytes, mediaType: GEOJSON_MEDIA_TYPE } } : {}) };
  } catch (error) {
    await out?.abandon().catch(() => undefined);
    throw error;
  }
}

function feature(row: Record<string, unknown>, geometry: Geometry | null, geometryColumn: string | undefined): string {
  const properties = geometryColumn ? Object.fromEntries(Object.entries(row).filter(([key]) => key !== geometryColumn)) : row;
  return JSON.stringify({ type: 'Feature', geometry, properties });
}

async function* eachRow(path: string): AsyncGenerator<Record<string, unknown>> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as Record<string, unknown>;
}

async function readRows(path: string, limit: number): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const row of eachRow(path)) {
    rows.push(row);
    if (rows.length >= limit) break;
  }
  return rows;
}
