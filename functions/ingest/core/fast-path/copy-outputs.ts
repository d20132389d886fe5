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
import type { FastVerdict } from '../upload-types';
import { OUTPUT_NAMES } from '../outputs/row-outputs';
import type { TableSchemaField } from '../table-schema';
import { type AlsoMeasure, type DuckDbJob, withDuckDb, writeParquetChecking, writeParquetFromCsv } from './duckdb-check';
import { type GeographySql, geographySql } from './sql-geography';
import type { RuledOut } from './sql-plan';
import type { CellsLack } from './sql-text-lines';
import { LINE_SEPARATOR, splitLines } from './split-lines';

const noop = (): undefined => undefined;

/** Stops what the connection runs. Called from a rejection handler, where a throw would be an unhandled rejection (which ends the process): a connection already closed has nothing to stop. */
const interrupt = (connection: DuckDBConnection | undefined): void => {
  try {
    connection?.interrupt();
  } catch {
    // closed already
  }
};

/**
 * The Parquet's rows as the queries after it read them, columns taken by position: `d{i}` a number
 * or integer column as DOUBLE, `v{i}` every column as text (a string column's own; another's only
 * meets the borough codes' filter, whose values are parsed as codes again in JavaScript, which no
 * number, boolean or date text is), `k{K}` each unique key's hash (keyHashes). So the positions
 * and the summary need a few columns of a file already written rather than one more parse of the
 * CSV. The values are the CSV's, but for a cell of -0, which the Parquet holds as 0 (as the NDJSON
 * does): DuckDB's DISTINCT and hash() take -0 and 0 as one value, a borough lookup gives both the
 * same answer, and the box is measured with + 0.0.
 */
const parquetRows =
  (path: string, fields: readonly TableSchemaField[], keyHashes: readonly string[] = []) =>
  (list: string, where: string): string => {
    const numbers = fields.flatMap((f, i) => (f.type === 'number' || f.type === 'integer' ? [`CAST(p${i} AS DOUBLE) AS d${i}`] : []));
    const texts = fields.map((f, i) => (f.type === 'string' ? `p${i} AS v${i}` : `CAST(p${i} AS VARCHAR) AS v${i}`));
    const keys = keyHashes.map((k, K) => `${k} AS k${K}`);
    const columns = fields.map((_, i) => `p${i}`).join(', ');
    return `SELECT ${list} FROM (SELECT ${[...numbers, ...texts, ...keys].join(', ')} FROM read_parquet(${sqlString(path)}) AS t(${columns})) WHERE ${where}`;
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

/** A file no check has read: copyUnchecked's job (the check's findings are made on the way). */
export type UncheckedCopyJob = Omit<CopyJob, 'localDatetimes' | 'measured'> & { ruledOut: RuledOut };

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
  lack?: CellsLack,
): Promise<GeographyPlan> {
  const recognised = recogniseGeography(fields, await firstRows(connection, plan, source), format);
  return { recognised, geo: recognised ? geographySql(fields, recognised, lack) : null };
}

/**
 * Every output of a proven, writable file, by DuckDB from the spooled CSV, with the table's
 * geography where SQL can measure it (sql-geography.ts). One COPY writes each row's lines, built
 * in SQL as the JS serialiser builds them (sql-text-lines.ts): its NDJSON line (or, for a table
 * placed by latitude/longitude, its GeoJSON Feature, whose properties are the NDJSON line) and
 * its CSV line; one JS pass over bytes, following the COPY as it writes, splits that into the CSV,
 * the NDJSON, the JSON array and the GeoJSON download (split-lines.ts). The Parquet is written
 * beside that COPY, on a DuckDB of its own with one thread, which then reads the distinct
 * positions from it (and the summary, unless the check measured it). `placed` is
 * undefined when the geography is left to describeGeography (eastings/northings, coordinates
 * held as text), null when the table has none. Throws on any failure, leaving nothing behind.
 */
export async function copyOutputs(job: CopyJob): Promise<CopiedOutputs> {
  return (await writeOutputs(job, undefined)).outputs;
}

/**
 * copyOutputs for a file no check has read, so that it is parsed and cast once less: the Parquet's
 * COPY checks each row as it writes it (sql-plan.ts checkedTypedSelect: a row the check would not
 * vouch for fails it, and the lines' COPY is stopped), and the Parquet, once written, gives what
 * the check sums over the table (the rows, the unique keys' repeats) and the geography's summary.
 * Whether datetime columns hold local times is taken from the first rows (a later one fails the
 * COPY). Returns the outputs and the check's verdict on a proven file; undefined, with nothing
 * left behind, for any other file or any failure: the check then decides as if this never ran.
 */
export async function copyUnchecked(job: UncheckedCopyJob): Promise<{ outputs: CopiedOutputs; verdict: FastVerdict } | undefined> {
  try {
    const { outputs, tally } = await writeOutputs({ ...job, localDatetimes: [] }, job.ruledOut);
    const rows = Number(tally?.rows);
    const repeats = job.duck.plan.keyCount > 0 && (rows > job.duck.maxUniqueKeys || tally?.dups.some((d) => d > 0));
    if (!tally || repeats) {
      await removeCopiedOutputs(outputs);
      return undefined;
    }
    return { outputs, verdict: { proven: true, rows, localDatetimes: [...outputs.localDatetimes], writable: true, provenBy: 'writers' } };
  } catch {
    return undefined;
  }
}

/** What copyUnchecked reads from the Parquet for the verdict: its rows, and each unique key's repeats. */
interface Tally {
  rows: number;
  dups: number[];
}

/** `ruledOut` given: no check has read the file, and the writers check it (copyUnchecked). */
async function writeOutputs(job: CopyJob, ruledOut: RuledOut | undefined): Promise<{ outputs: CopiedOutputs; tally?: Tally }> {
  const { workDir, duck } = job;
  const checking = ruledOut !== undefined;
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
        // What the spooled text shows no cell holds, the lines do not look for (checking: only then is it known).
        const lack = ruledOut;
        const { recognised, geo } = job.measured?.plan ?? (await recogniseFirstRows(connection, duck.plan, source, job.fields, job.format, lack));
        const localDatetimes = checking ? await firstRowsLocal(connection, duck, source) : job.localDatetimes;
        const head = geo?.feature ?? duck.plan.lineParts('ndjson', lack);
        const line = `concat(${[...head, `chr(${LINE_SEPARATOR})`, ...duck.plan.lineParts('csv', lack)].join(', ')}) AS line`;
        // The COPY keeps the rows' order, so its write is one thread's work whatever the setting (a
        // second thread only added overhead): it gets one thread, and the Parquet's one-thread DuckDB
        // runs beside it on the other core.
        let parquetConnection: DuckDBConnection | undefined;
        const parquet = checking
          ? writeParquetChecking(duck, localDatetimes, ruledOut, paths.parquet, (c) => {
              parquetConnection = c;
            })
          : writeParquetFromCsv(duck, localDatetimes, paths.parquet);
        pending.push(parquet);
        parquet.catch(noop);
        await connection.run('SET threads = 1');
        const splitPaths = { csv: paths.csv, ndjson: paths.ndjson, json: paths.json, ...(geo?.feature ? { geojson: paths.geojson } : {}) };
        // The split follows the COPY as it writes (no temporary file and rename, so it can):
        // JS on this thread beside DuckDB's two, rather than a serial step after them.
        const copy = connection.run(
          `COPY (${duck.plan.rowsSelect(source, line)}) TO ${sqlString(linesPath)} (${RAW}, HEADER false, NEW_LINE '\\n', USE_TMP_FILE false)`,
        );
        pending.push(copy);
        if (checking) {
          // A row the Parquet's checks refuse stops the lines too (and the other way round): the check decides.
          parquet.catch(() => interrupt(connection));
          copy.catch(() => interrupt(parquetConnection));
        }
        // Once the Parquet is written, the tally and the positions are read from it on a DuckDB of its
        // own, off the lines' path; on every core, as the lines are then done or nearly so (the
        // Parquet's checks take about as long as the lines), and this would be the last step alone.
        const tallied =
          (recognised && geo) || checking
            ? parquet.then((file) =>
                file
                  ? withDuckDb(duck, (positions) => measure(positions, job, file.path, checking, recognised && geo ? { recognised, geo } : undefined), true)
                  : undefined,
              )
            : Promise.resolve(undefined);
        pending.push(tallied);
        tallied.catch(noop);
        const sizes = splitLines(linesPath, splitPaths, job.csvHeader, copy).finally(() => rm(linesPath, { force: true }));
        pending.push(sizes);
        // Handled here as well as awaited below (as `tallied` is): a split that fails while the COPY runs
        // must not be an unhandled rejection (which ends the process).
        sizes.catch(noop);
        await copy;
        const measured = await tallied;
        return { parquet: await parquet, sizes: await sizes, placed: recognised ? measured?.placed : null, tally: measured?.tally, localDatetimes };
      },
      true,
    );
    if (!written.parquet) throw new Error('DuckDB could not write the Parquet');
    if (written.tally && written.tally.rows !== written.sizes.rows) throw new Error('the lines and the Parquet hold different rows');
    const placed = written.placed && geoJsonFile(written.placed, { path: paths.geojson, bytes: written.sizes.geojson, mediaType: GEOJSON_MEDIA_TYPE });
    const outputs: CopiedOutputs = {
      text: {
        csv: { path: paths.csv, bytes: written.sizes.csv, mediaType: MEDIA_TYPES.csv },
        ndjson: { path: paths.ndjson, bytes: written.sizes.ndjson, mediaType: MEDIA_TYPES.ndjson },
        json: { path: paths.json, bytes: written.sizes.json, mediaType: MEDIA_TYPES.json },
      },
      parquet: written.parquet,
      localDatetimes: written.localDatetimes,
      placed,
    };
    return { outputs, tally: written.tally };
  } catch (error) {
    // Whatever is still writing finishes (or fails) before its file is removed.
    await Promise.allSettled(pending);
    await Promise.all([...Object.values(paths), linesPath].map((path) => rm(path, { force: true })));
    throw error;
  }
}

/** Deletes every file of DuckDB's outputs (a publish that fails after they were written leaves none behind). */
export async function removeCopiedOutputs(outputs: CopiedOutputs): Promise<void> {
  const files = [...Object.values(outputs.text), outputs.parquet, ...(outputs.placed?.geojson ? [outputs.placed.geojson] : [])];
  await Promise.all(files.map((f) => rm(f.path, { force: true })));
}

/** The first rows as published (their NDJSON lines, parsed): what describeGeography recognises columns from. */
async function firstRows(connection: DuckDBConnection, plan: DuckDbJob['plan'], source: string): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(`${plan.rowsSelect(source, `concat(${plan.lineParts('ndjson').join(', ')})`)} LIMIT ${GEOGRAPHY_SAMPLE_ROWS}`);
  return reader.getRowsJS().map((row) => JSON.parse(String(row[0])) as Record<string, unknown>);
}

/** Whether each datetime column holds a local time in the first rows (the check's `local_N` over those rows). */
async function firstRowsLocal(connection: DuckDBConnection, duck: DuckDbJob, source: string): Promise<boolean[]> {
  const localDatetimes = new Array<boolean>(duck.columnCount).fill(false);
  if (duck.plan.datetimeColumns.length === 0) return localDatetimes;
  const first = `(${duck.plan.rowsSelect(source, '*')} LIMIT ${GEOGRAPHY_SAMPLE_ROWS})`;
  const row = (await connection.runAndReadAll(`SELECT ${duck.plan.localSelect()} FROM ${first}`)).getRowObjectsJS()[0];
  for (const i of duck.plan.datetimeColumns) localDatetimes[i] = row[`local_${i}`] === true;
  return localDatetimes;
}

/**
 * From the Parquet: the tally (checking) and, for a placed table, the summary (unless the check
 * measured it) and the positions; boroughs looked up in JS.
 */
async function measure(
  connection: DuckDBConnection,
  job: CopyJob,
  parquetPath: string,
  checking: boolean,
  geography: { recognised: RecognisedGeography; geo: GeographySql } | undefined,
): Promise<{ placed?: Placed; tally?: Tally }> {
  const plan = job.duck.plan;
  const keyHashes = checking ? plan.keyHashesFromParquet() : [];
  const rowsOf = parquetRows(parquetPath, job.fields, keyHashes);
  const summarise = geography && !job.measured;
  const list = [
    ...(checking ? ['count(*) AS rows', ...keyHashes.map((_, k) => `count(k${k}) - count(DISTINCT k${k}) AS dups_${k}`)] : []),
    ...(summarise ? [geography.geo.summary] : []),
  ];
  const row = list.length > 0 ? (await connection.runAndReadAll(rowsOf(list.join(', '), 'true'))).getRowObjectsJS()[0] : undefined;
  const tally = checking && row ? { rows: Number(row.rows), dups: keyHashes.map((_, k) => Number(row[`dups_${k}`])) } : undefined;
  if (!geography) return { tally };
  const { recognised, geo } = geography;
  const summary = job.measured?.row ?? row ?? {};
  const positions = geo.positions
    ? (await connection.runAndReadAll(geo.positions(rowsOf, MAX_LOOKUPS))).getRowsJS().map(([x, y]) => [Number(x), Number(y)] as const)
    : [];
  const box = ['west', 'south', 'east', 'north'].map((k) => summary[k]);
  const placed = geographyFromSql(recognised, {
    placed: Number(summary.placed),
    box: box.every((v) => typeof v === 'number') ? (box as number[]) : null,
    codes: geo.boroughColumns.map((_, k) => (summary[`codes_${k}`] as unknown[] | null) ?? []),
    positions,
  });
  return { placed: { geography: placed }, tally };
}

/** The GeoJSON file goes with a placed table only (as describeGeography writes it). */
const geoJsonFile = (placed: Placed, file: OutputFile): Placed => (placed.geography.placedBy ? { ...placed, geojson: file } : placed);
