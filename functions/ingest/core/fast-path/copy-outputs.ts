import { rm } from 'node:fs/promises';
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
import type { CopiedOutputs } from '../ingest-run';
import { MEDIA_TYPES, type OutputFile } from '../outputs/output-file';
import { OUTPUT_NAMES } from '../outputs/row-outputs';
import type { TableSchemaField } from '../table-schema';
import { type AlsoMeasure, type DuckDbJob, withDuckDb, writeParquetFromCsv } from './duckdb-check';
import { type GeographySql, geographySql } from './sql-geography';
import { LINE_SEPARATOR, splitLines } from './split-lines';

const noop = (): undefined => undefined;

/**
 * The Parquet's rows as the positions query reads them (`d{i}`: a number or integer column as
 * DOUBLE, columns taken by position), so the positions need two columns of a file already written
 * rather than one more parse of the CSV. The values are the CSV's, but for a cell of -0, which the
 * Parquet holds as 0 (as the NDJSON does): DuckDB's DISTINCT and hash() take -0 and 0 as one
 * value, and a borough lookup gives both the same answer.
 */
const parquetRows =
  (path: string, fields: readonly TableSchemaField[]) =>
  (list: string, where: string): string => {
    const numbers = fields.flatMap((f, i) => (f.type === 'number' || f.type === 'integer' ? [`CAST(p${i} AS DOUBLE) AS d${i}`] : []));
    const columns = fields.map((_, i) => `p${i}`).join(', ');
    return `SELECT ${list} FROM (SELECT ${numbers.length > 0 ? numbers.join(', ') : 'NULL AS none'} FROM read_parquet(${sqlString(path)}) AS t(${columns})) WHERE ${where}`;
  };

/** Distinct positions looked up in the borough boundaries at most (describeGeography's budget, about). */
const MAX_LOOKUPS = 200_000;
const LINES_NAME = 'lines.spool';
/** COPY writing our own lines as they are: no quoting, a delimiter no line holds (split-lines.ts's separator is in the line itself). */
const RAW = `FORMAT csv, QUOTE '', ESCAPE '', DELIMITER chr(1)`;

export interface CopyJob {
  duck: DuckDbJob;
  fields: readonly TableSchemaField[];
  /** The CSV output's header line (without its line break). */
  csvHeader: string;
  /** The detected format (describeGeography's recognition reads it). */
  format: string | undefined;
  localDatetimes: readonly boolean[];
  workDir: string;
  /** The geography recognised and its summary measured in the check's read (geographyInCheck); else both are done here. */
  measured?: { plan: GeographyPlan; row: Record<string, unknown> };
}

/** The columns recognised from the first rows, and their SQL (null: left to describeGeography). */
export interface GeographyPlan {
  recognised: RecognisedGeography | undefined;
  geo: GeographySql | null;
}

/**
 * For the check (checkAndMeasure): the geography recognised from the first rows, and its summary
 * (placed rows, box, borough codes) measured in the check's own read of the file rather than
 * in one more read here afterwards.
 */
export const geographyInCheck =
  (fields: readonly TableSchemaField[], format: string | undefined, plan: DuckDbJob['plan']): AlsoMeasure<GeographyPlan> =>
  async (connection, source) => {
    const geography = await recogniseFirstRows(connection, plan, source, fields, format);
    return { select: geography.geo?.summary, plan: geography };
  };

async function recogniseFirstRows(
  connection: DuckDBConnection,
  plan: DuckDbJob['plan'],
  source: string,
  fields: readonly TableSchemaField[],
  format: string | undefined,
): Promise<GeographyPlan> {
  const recognised = recogniseGeography(fields, await firstRows(connection, plan, source), format);
  return { recognised, geo: recognised ? geographySql(fields, recognised) : null };
}

/**
 * Every output of a proven, writable file, by DuckDB from the spooled CSV, with the table's
 * geography where SQL can measure it (sql-geography.ts). One COPY writes each row's lines, built
 * in SQL as the JS serialiser builds them (sql-text-lines.ts): its NDJSON line (or, for a table
 * placed by latitude/longitude, its GeoJSON Feature, whose properties are the NDJSON line) and
 * its CSV line; one JS pass over bytes, following the COPY as it writes, splits that into the CSV,
 * the NDJSON, the JSON array and the GeoJSON download (split-lines.ts). The Parquet is written
 * beside that COPY, on a DuckDB of its own with one thread, which then reads the distinct
 * positions from it (and the summary from the CSV, unless the check measured it). `placed` is
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
  const linesPath = join(workDir, LINES_NAME);
  const pending: Promise<unknown>[] = [];
  try {
    const written = await withDuckDb(
      duck,
      async (connection, source) => {
        const { recognised, geo } = job.measured?.plan ?? (await recogniseFirstRows(connection, duck.plan, source, job.fields, job.format));
        const head = geo?.feature ?? duck.plan.lineParts('ndjson');
        const line = `concat(${[...head, `chr(${LINE_SEPARATOR})`, ...duck.plan.lineParts('csv')].join(', ')}) AS line`;
        // The COPY keeps the rows' order, so its write is one thread's work whatever the setting (a
        // second thread only added overhead): it gets one thread, and the Parquet's one-thread DuckDB
        // runs beside it on the other core.
        const parquet = writeParquetFromCsv(duck, job.localDatetimes, paths.parquet);
        pending.push(parquet);
        await connection.run('SET threads = 1');
        const splitPaths = { csv: paths.csv, ndjson: paths.ndjson, json: paths.json, ...(geo?.feature ? { geojson: paths.geojson } : {}) };
        // The split follows the COPY as it writes (no temporary file and rename, so it can):
        // JS on this thread beside DuckDB's two, rather than a serial step after them.
        const copy = connection.run(
          `COPY (${duck.plan.rowsSelect(source, line)}) TO ${sqlString(linesPath)} (${RAW}, HEADER false, NEW_LINE '\\n', USE_TMP_FILE false)`,
        );
        pending.push(copy);
        // Once the Parquet is written (well before the lines), its core looks up the positions, reading
        // them from the Parquet on a one-thread DuckDB of its own, off the lines' path.
        const placed =
          recognised && geo
            ? parquet.then((file) =>
                file
                  ? withDuckDb(
                      { ...duck, threads: 1 },
                      (positions, sameSource) => measure(positions, duck, sameSource, recognised, geo, job.measured?.row, parquetRows(file.path, job.fields)),
                      true,
                    )
                  : undefined,
              )
            : Promise.resolve(undefined);
        pending.push(placed);
        placed.catch(noop);
        const sizes = splitLines(linesPath, splitPaths, job.csvHeader, copy).finally(() => rm(linesPath, { force: true }));
        pending.push(sizes);
        // Handled here as well as awaited below (as `placed` is): a split that fails while the COPY runs
        // must not be an unhandled rejection (which ends the process).
        sizes.catch(noop);
        await copy;
        return { parquet: await parquet, sizes: await sizes, placed: recognised ? await placed : null };
      },
      true,
    );
    if (!written.parquet) throw new Error('DuckDB could not write the Parquet');
    const placed = written.placed && geoJsonFile(written.placed, { path: paths.geojson, bytes: written.sizes.geojson, mediaType: GEOJSON_MEDIA_TYPE });
    return {
      text: {
        csv: { path: paths.csv, bytes: written.sizes.csv, mediaType: MEDIA_TYPES.csv },
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
    await Promise.all([...Object.values(paths), linesPath].map((path) => rm(path, { force: true })));
    throw error;
  }
}

/** The first rows as published (their NDJSON lines, parsed): what describeGeography recognises columns from. */
async function firstRows(connection: DuckDBConnection, plan: DuckDbJob['plan'], source: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(`${plan.rowsSelect(source, `concat(${plan.lineParts('ndjson').join(', ')})`)} LIMIT ${GEOGRAPHY_SAMPLE_ROWS}`);
  return reader.getRowsJS().map((row) => JSON.parse(String(row[0])) as Record<string, unknown>);
}

/** The summary (unless the check measured it) over the rows, and the positions over `positionRows`, for a placed table; boroughs looked up in JS. */
async function measure(
  connection: DuckDBConnection,
  duck: DuckDbJob,
  source: string,
  recognised: RecognisedGeography,
  geo: GeographySql,
  measured: Record<string, unknown> | undefined,
  positionRows: (list: string, where: string) => string,
): Promise<Placed> {
  const summary = measured ?? (await connection.runAndReadAll(duck.plan.rowsSelect(source, geo.summary))).getRowObjectsJS()[0];
  const positions = geo.positions
    ? (await connection.runAndReadAll(geo.positions(positionRows, MAX_LOOKUPS))).getRowsJS().map(([x, y]) => [Number(x), Number(y)] as const)
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
