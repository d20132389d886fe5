import { rm, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, withScratchDuckDb } from '../duckdb';
import { MEDIA_TYPES, type OutputFile } from '../outputs/output-file';
import { rowGroupRows } from '../outputs/parquet';
import type { FastVerdict } from '../upload-types';
import type { RuledOut, SqlPlan } from './sql-plan';

export interface DuckDbJob {
  path: string;
  plan: SqlPlan;
  delimiter: string;
  threads: number;
  memoryLimit: string;
  /** An existing directory DuckDB may spill to (its subdirectory is removed afterwards). */
  workDir: string;
  maxRecordBytes: number;
  maxUniqueKeys: number;
  columnCount: number;
}

/**
 * More aggregates for the check's read (`select`, over the plan's rows), chosen once the
 * first rows are seen (`plan`, given the check's connection and source); null: none.
 */
export type AlsoMeasure<T> = (connection: DuckDBConnection, source: string) => Promise<{ select?: string; plan: T } | null>;

/**
 * Reads the spooled CSV with DuckDB (multi-threaded C++, every cell as text, strict RFC
 * 4180, a row with too few or too many cells is an error) and runs the plan's aggregate.
 * Any DuckDB error (bad quoting, ragged rows...) is "not proven", never a report: the
 * JavaScript path then reads the file and reports exactly what is wrong. With it, in the same
 * read of the file, whatever `also` asks for (undefined: nothing more): its plan and the
 * values measured (the check's row) come back beside the verdict. A failure of `also`, or of
 * the check with its aggregates (out of memory, say), leaves the check as it was without them.
 */
export async function checkAndMeasure<T>(
  job: DuckDbJob,
  also: AlsoMeasure<T> | undefined,
): Promise<{ verdict: FastVerdict; measured?: { plan: T; row: Record<string, unknown> } }> {
  return withDuckDb(job, async (connection, source) => {
    const run = async (sql: string): Promise<Record<string, unknown>> => (await connection.runAndReadAll(sql)).getRowObjectsJS()[0] as Record<string, unknown>;
    let extra = also ? await also(connection, source).catch(() => null) : null;
    let row: Record<string, unknown>;
    try {
      row = await run(job.plan.query(source, extra?.select)).catch((error: unknown) => {
        if (!extra?.select) throw error;
        extra = null;
        return run(job.plan.query(source));
      });
    } catch (error) {
      return { verdict: { proven: false, rows: 0, reason: `DuckDB: ${String((error as Error).message).split('\n')[0]}` } };
    }
    const verdict = verdictOf(job, row);
    return { verdict, ...(extra && verdict.proven ? { measured: { plan: extra.plan, row } } : {}) };
  });
}

function verdictOf(job: DuckDbJob, row: Record<string, unknown>): FastVerdict {
  const rows = Number(row.rows);
  if (Number(row.unproven) > 0) return { proven: false, rows, reason: `${row.unproven} rows not vouched for` };
  if (Number(row.max_record_bytes) >= job.maxRecordBytes) return { proven: false, rows, reason: 'a row near the size limit' };
  if (rows > job.maxUniqueKeys && job.plan.keyCount > 0) return { proven: false, rows, reason: 'more rows than the uniqueness check holds keys' };
  for (let k = 0; k < job.plan.keyCount; k++) if (Number(row[`dups_${k}`]) > 0) return { proven: false, rows, reason: 'repeated values in a unique key' };
  const localDatetimes = new Array<boolean>(job.columnCount).fill(false);
  for (const i of job.plan.datetimeColumns) localDatetimes[i] = row[`local_${i}`] === true;
  return { proven: true, rows, localDatetimes, writable: Number(row.unwritable) === 0 };
}

/**
 * The Parquet output of a proven file, straight from the CSV: the same types and values
 * writeParquet gives the NDJSON (one thread and the same row groups, for the same memory).
 * Undefined when DuckDB fails: writeParquet then makes it from the NDJSON.
 */
export async function writeParquetFromCsv(job: DuckDbJob, localDatetimes: readonly boolean[], parquetPath: string): Promise<OutputFile | undefined> {
  try {
    return await writeParquet(job, parquetPath, true, (source) => job.plan.typedSelect(source, localDatetimes));
  } catch {
    return undefined;
  }
}

/**
 * writeParquetFromCsv for a file no check has read: the read counts its cells as the check's does
 * and each row is checked as it is written (checkedTypedSelect), so the COPY fails at the first row
 * the check would not vouch for. Throws on any failure, the file removed. `started` is given the
 * connection (for interrupt()) before the COPY starts.
 */
export async function writeParquetChecking(
  job: DuckDbJob,
  localDatetimes: readonly boolean[],
  ruledOut: RuledOut,
  parquetPath: string,
  started: (connection: DuckDBConnection) => void,
): Promise<OutputFile> {
  return writeParquet(job, parquetPath, false, (source) => job.plan.checkedTypedSelect(source, localDatetimes, job.maxRecordBytes, ruledOut), started);
}

async function writeParquet(
  job: DuckDbJob,
  parquetPath: string,
  proven: boolean,
  select: (source: string) => string,
  started?: (connection: DuckDBConnection) => void,
): Promise<OutputFile> {
  try {
    await withDuckDb(
      { ...job, threads: 1 },
      (connection, source) => {
        started?.(connection);
        return connection.run(
          `COPY (${select(source)}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupRows(job.columnCount)})`,
        );
      },
      proven,
    );
    return { path: parquetPath, bytes: (await stat(parquetPath)).size, mediaType: MEDIA_TYPES.parquet };
  } catch (error) {
    await rm(parquetPath, { force: true });
    throw error;
  }
}

/**
 * DuckDB's strict reader silently drops empty cells beyond the declared columns (`1,2,3,` reads as
 * three cells), where the JS path reports extra-cell. So the read declares one column more and pads
 * short rows with NULL, with a null string no cell can be: every real cell then reads as text ('' when
 * empty), and a NULL means a missing cell, a non-NULL last column an extra one. Either raises an error
 * (the file is then not proven). Empty text becomes NULL again, as the plan expects. With padding on,
 * DuckDB refuses to read quoted newlines in parallel: such files also go to the JS path.
 */
const EXTRA_CELL = 'c_extra';
const NO_NULL_TEXT = '\u0001ldx-no-null\u0002';
const cellCountChecked = (read: string, columnCount: number): string => {
  const cells = Array.from({ length: columnCount }, (_, i) => `c${i}`);
  const wrongCount = [`${EXTRA_CELL} IS NOT NULL`, ...cells.map((c) => `${c} IS NULL`)].join(' OR ');
  // The check rides on c0, which every plan query reads; error() stops the query at the first such row.
  const first = `CASE WHEN ${wrongCount} THEN error('a row has a different number of cells than the header') ELSE NULLIF(c0, '') END AS c0`;
  return `(SELECT ${[first, ...cells.slice(1).map((c) => `NULLIF(${c}, '') AS ${c}`)].join(', ')} FROM ${read})`;
};

/** Instances opened by this process: each names its own spill directory. */
let instances = 0;

/**
 * `proven`: the file's rows are known to have the header's cell count (the check read it with
 * the sentinel column), so the writers read it plainly: without null padding DuckDB parses it
 * on every thread.
 */
export async function withDuckDb<T>(job: DuckDbJob, work: (connection: DuckDBConnection, source: string) => Promise<T>, proven = false): Promise<T> {
  const settings = { threads: String(job.threads), memory_limit: job.memoryLimit };
  // A spill directory of its own: instances run side by side (the lines, the Parquet, the positions),
  // and each removes its directory when it closes.
  return withScratchDuckDb(job.workDir, `.duckdb-check-spill-${++instances}`, settings, (connection) => {
    // Longer rows fail the read (and go to the JS path, which refuses rows over maxRecordBytes anyway).
    // DuckDB's read buffer defaults to 16 lines of that size: buffers, not the data, filled its memory.
    const lineLimit = job.maxRecordBytes;
    const columns = proven ? job.plan.columns : `${job.plan.columns}, '${EXTRA_CELL}': 'VARCHAR'`;
    const read =
      `read_csv(${sqlString(job.path)}, columns = {${columns}}, header = true, auto_detect = false, all_varchar = true, ` +
      `delim = ${sqlString(job.delimiter)}, quote = '"', escape = '"', strict_mode = true, ${proven ? '' : 'null_padding = true, '}nullstr = ${sqlString(NO_NULL_TEXT)}, ` +
      `max_line_size = ${lineLimit}, buffer_size = ${2 * lineLimit}, parallel = true)`;
    const cells = Array.from({ length: job.columnCount }, (_, i) => `NULLIF(c${i}, '') AS c${i}`).join(', ');
    return work(connection, proven ? `(SELECT ${cells} FROM ${read})` : cellCountChecked(read, job.columnCount));
  });
}
