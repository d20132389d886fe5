import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../duckdb';
import {
  GEOGRAPHY_SAMPLE_ROWS,
  GEOJSON_MEDIA_TYPE,
  GEOJSON_NAME,
  type Placed,
  type RecognisedGeography,
  recogniseGeography,
} from '../geography/describe-geography';
import { geographyFromSql } from '../geography/geography-from-sql';
import { splitFeatures } from '../geography/split-features';
import type { CopiedOutputs } from '../ingest-run';
import { ndjsonToJsonArray } from '../outputs/json-array';
import { MEDIA_TYPES, type OutputFile } from '../outputs/output-file';
import { OUTPUT_NAMES } from '../outputs/row-outputs';
import type { TableSchemaField } from '../table-schema';
import { type DuckDbJob, withDuckDb, writeParquetFromCsv } from './duckdb-check';
import { type GeographySql, geographySql } from './sql-geography';

/** Distinct positions looked up in the borough boundaries at most (describeGeography's budget, about). */
const MAX_LOOKUPS = 200_000;
const FEATURES_NAME = 'features.spool';
/** COPY writing our own lines as they are: no quoting, a delimiter no line holds. */
const RAW = `FORMAT csv, QUOTE '', ESCAPE '', DELIMITER chr(2)`;

export interface CopyJob {
  duck: DuckDbJob;
  fields: readonly TableSchemaField[];
  /** The CSV output's header line (without its line break). */
  csvHeader: string;
  /** The detected format (describeGeography's recognition reads it). */
  format: string | undefined;
  localDatetimes: readonly boolean[];
  workDir: string;
}

/**
 * Every output of a proven, writable file, by DuckDB from the spooled CSV (one read per COPY,
 * every line built in SQL as the JS serialiser builds it, sql-text-lines.ts), with the table's
 * geography where SQL can measure it (sql-geography.ts): a table placed by latitude/longitude
 * gets one COPY of its GeoJSON Features, whose properties are the NDJSON lines, and one JS pass
 * over bytes splits that into the NDJSON, the JSON array and the GeoJSON download (otherwise the
 * NDJSON is copied and the JSON array made from it). The Parquet is written beside them, on a
 * DuckDB of its own with one thread, while this one writes the CSV and measures. `placed` is
 * undefined when the geography is left to describeGeography (eastings/northings, coordinates
 * held as text), null when the table has none. Throws on any failure, leaving nothing behind.
 */
export async function copyOutputs(job: CopyJob): Promise<CopiedOutputs> {
  const { workDir, duck } = job;
  const paths = {
    csv: join(workDir, OUTPUT_NAMES.csv),
    ndjson: join(workDir, OUTPUT_NAMES.ndjson),
    json: join(workDir, OUTPUT_NAMES.json),
    geojson: join(workDir, GEOJSON_NAME),
    parquet: join(workDir, OUTPUT_NAMES.parquet),
  };
  const featuresPath = join(workDir, FEATURES_NAME);
  const pending: Promise<unknown>[] = [];
  try {
    const written = await withDuckDb(
      duck,
      async (connection, source) => {
        const recognised = recogniseGeography(job.fields, await firstRows(connection, duck, source), job.format);
        const geo = recognised ? geographySql(job.fields, recognised) : null;
        if (geo?.feature) await copyLines(connection, duck.plan.rowsSelect(source, geo.feature), featuresPath, '\\n');
        else await copyLines(connection, duck.plan.linesSelect(source, 'ndjson', 'line'), paths.ndjson, '\\n');
        const parquet = writeParquetFromCsv(duck, job.localDatetimes, paths.parquet);
        const sizes = geo?.feature
          ? splitFeatures(featuresPath, paths).finally(() => rm(featuresPath, { force: true }))
          : stat(paths.ndjson).then(async ({ size }) => ({ ndjson: size, json: await ndjsonToJsonArray(paths.ndjson, paths.json, size), geojson: 0 }));
        pending.push(parquet, sizes);
        await connection.run(
          `COPY (${duck.plan.linesSelect(source, 'csv', job.csvHeader)}) TO ${sqlString(paths.csv)} (${RAW}, HEADER true, NEW_LINE '\\r\\n')`,
        );
        const placed = recognised && geo ? await measure(connection, duck, source, recognised, geo) : undefined;
        return { parquet: await parquet, sizes: await sizes, placed: recognised ? placed : null };
      },
      true,
    );
    if (!written.parquet) throw new Error('DuckDB could not write the Parquet');
    const csv = await stat(paths.csv);
    const placed = written.placed && geoJsonFile(written.placed, { path: paths.geojson, bytes: written.sizes.geojson, mediaType: GEOJSON_MEDIA_TYPE });
    return {
      text: {
        csv: { path: paths.csv, bytes: csv.size, mediaType: MEDIA_TYPES.csv },
        ndjson: { path: paths.ndjson, bytes: written.sizes.ndjson, mediaType: MEDIA_TYPES.ndjson },
        json: { path: paths.json, bytes: written.sizes.json, mediaType: MEDIA_TYPES.json },
      },
      parquet: written.parquet,
      localDatetimes: job.localDatetimes,
      placed,
    };
  } catch (error) {
    // Whatever is still writing finishes (or fails) before its file is removed.
    await Promise.allSettled(pending);
    await Promise.all([...Object.values(paths), featuresPath].map((path) => rm(path, { force: true })));
    throw error;
  }
}

const copyLines = (connection: DuckDBConnection, select: string, path: string, newLine: string) =>
  connection.run(`COPY (${select}) TO ${sqlString(path)} (${RAW}, HEADER false, NEW_LINE '${newLine}')`);

/** The first rows as published (their NDJSON lines, parsed): what describeGeography recognises columns from. */
async function firstRows(connection: DuckDBConnection, duck: DuckDbJob, source: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(`${duck.plan.linesSelect(source, 'ndjson', 'line')} LIMIT ${GEOGRAPHY_SAMPLE_ROWS}`);
  return reader.getRowsJS().map((row) => JSON.parse(String(row[0])) as Record<string, unknown>);
}

/** The summary (and the positions, for a placed table) over the rows; boroughs looked up in JS. */
async function measure(connection: DuckDBConnection, duck: DuckDbJob, source: string, recognised: RecognisedGeography, geo: GeographySql): Promise<Placed> {
  const summary = (await connection.runAndReadAll(duck.plan.rowsSelect(source, geo.summary))).getRowObjectsJS()[0];
  const positions = geo.positions
    ? (await connection.runAndReadAll(geo.positions((list, where) => duck.plan.rowsSelect(source, list, where), MAX_LOOKUPS)))
        .getRowsJS()
        .map(([x, y]) => [Number(x), Number(y)] as const)
    : [];
  const box = ['west', 'south', 'east', 'north'].map((k) => summary[k]);
  const geography = geographyFromSql(recognised, {
    placed: Number(summary.placed),
    box: box.every((v) => typeof v === 'number') ? (box as number[]) : null,
    codes: geo.boroughColumns.map((_, k) => (summary[`codes_${k}`] as unknown[] | null) ?? []),
    positions,
  });
  return { geography };
}

/** The GeoJSON file goes with a placed table only (as describeGeography writes it). */
const geoJsonFile = (placed: Placed, file: OutputFile): Placed => (placed.geography.placedBy ? { ...placed, geojson: file } : placed);
