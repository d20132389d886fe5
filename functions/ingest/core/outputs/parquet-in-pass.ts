import { type FileHandle, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sqlIdentifier, sqlString } from '../duckdb';
import { DEFAULT_LIMITS, duckdbMemoryFor } from '../limits';
import type { TableSchemaField } from '../table-schema';
import { type OutputFile, writeFully } from './output-file';
import { duckdbType, PARQUET_SPILL_NAME, type ParquetJob, parquetFile, parquetTarget } from './parquet';
import { openRowsTableDb, type RowsTableDb } from './rows-table-db';

/**
 * NDJSON bytes per segment handed to DuckDB. Smaller segments leave less to load after the
 * last row; each is one query, whose fixed cost grows in share as they shrink.
 */
const SEGMENT_BYTES = 4 * 1024 * 1024;
/** Segments written but not yet loaded; beyond, the NDJSON's block writes wait for the oldest (memory stays bounded, the disk too). */
const MAX_SEGMENTS_IN_FLIGHT = 4;
/** The segment files, in the upload's work directory: each removed once loaded. */
export const SEGMENTS_DIR_NAME = '.parquet-segments';
const TABLE = 'upload_rows';
/**
 * read_json's largest record, which also sizes its read buffer: a segment holds whole lines,
 * so its size bounds its records (a larger bound would only cost memory).
 */
const MIN_OBJECT_SIZE = 1024 * 1024;

/** The table's columns are named by position: schema names are only written as the Parquet's (quoted) column names. */
const column = (index: number): string => `c${index}`;

/**
 * Only a datetime's type depends on the values (local → TIMESTAMP, all with offsets →
 * TIMESTAMPTZ), known after the last row: its text is kept and cast by the final COPY.
 */
const loadedType = (field: TableSchemaField): string => (field.type === 'datetime' ? 'VARCHAR' : duckdbType(field, false));

interface Segment {
  path: string;
  handle: FileHandle;
  bytes: number;
}

/**
 * A workbook's Parquet, its JSON parsed during the pass: the NDJSON's blocks (whole lines, in
 * order) are also written to segment files, and each full segment is inserted by DuckDB, on a
 * thread of its own, into a table of a database file in the work directory. `finish` loads the
 * last segment and COPYs the table to Parquet with the types `writeParquet` gives the whole
 * NDJSON. A failure (disk, DuckDB) stops the loading and is thrown by `finish`; `close` (also
 * run by `finish`) releases DuckDB and removes every file it made.
 */
export class ParquetInPass {
  private readonly db: Promise<RowsTableDb>;
  private readonly segmentsDir: string;
  private segment: Segment | undefined;
  private segmentCount = 0;
  /** Loads not yet awaited by `seal`, oldest first; `lastLoad` is the newest (each starts after the one before). */
  private loads: Promise<void>[] = [];
  private lastLoad: Promise<void> = Promise.resolve();
  private taking: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private closing = false;
  private closed: Promise<void> | undefined;

  constructor(
    workDir: string,
    private readonly fields: readonly TableSchemaField[],
  ) {
    this.segmentsDir = join(workDir, SEGMENTS_DIR_NAME);
    this.db = openTable(workDir, fields);
    // Awaited by each load, `finish` and `close`; a failure to open is thrown by `finish`, never unhandled.
    this.db.catch(() => undefined);
  }

  /** One block of the NDJSON, just written to it. Never rejects: a failure is kept for `finish`. */
  take(bytes: Buffer): Promise<void> {
    this.taking = this.takeBlock(bytes);
    return this.taking;
  }

  private async takeBlock(bytes: Buffer): Promise<void> {
    if (this.failure || this.closing) return;
    try {
      this.segment ??= await this.openSegment();
      await writeFully(this.segment.handle, bytes, this.segment.path);
      this.segment.bytes += bytes.length;
      if (this.segment.bytes >= SEGMENT_BYTES) await this.seal();
    } catch (error) {
      this.fail(error);
    }
  }

  private async openSegment(): Promise<Segment> {
    await mkdir(this.segmentsDir, { recursive: true });
    const path = join(this.segmentsDir, `${this.segmentCount++}.ndjson`);
    return { path, handle: await open(path, 'w'), bytes: 0 };
  }

  /** Closes the segment being written and queues its load; waits while too many are queued. */
  private async seal(): Promise<void> {
    const segment = this.segment;
    this.segment = undefined;
    if (!segment) return;
    await segment.handle.close();
    const load = this.lastLoad.then(() => this.load(segment));
    this.lastLoad = load;
    this.loads.push(load);
    while (this.loads.length > MAX_SEGMENTS_IN_FLIGHT) await this.loads.shift();
  }

  /** Inserts one segment and removes its file. Never rejects: a failure is kept for `finish`. */
  private async load(segment: Segment): Promise<void> {
    try {
      if (this.failure || this.closing) return;
      const { connection } = await this.db;
      const columns = this.fields.map((f) => `${sqlString(f.name)}: ${sqlString(loadedType(f))}`).join(', ');
      await connection.run(
        `INSERT INTO ${TABLE} SELECT * FROM read_json(${sqlString(segment.path)}, format = 'newline_delimited', columns = {${columns}},` +
          ` maximum_object_size = ${Math.max(MIN_OBJECT_SIZE, segment.bytes)})`,
      );
    } catch (error) {
      this.fail(error);
    } finally {
      await rm(segment.path, { force: true }).catch((error: unknown) => this.fail(error));
    }
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  /**
   * The Parquet, once the NDJSON is closed (every block taken): the last segment loaded, then
   * the table copied with each datetime cast as `job.localDatetimes` says. Closes this, whatever happened.
   */
  async finish(job: ParquetJob): Promise<OutputFile> {
    try {
      await this.taking;
      await this.seal();
      await this.lastLoad;
      if (this.failure) throw this.failure.error;
      const { connection } = await this.db;
      await connection.run(`SET memory_limit = ${sqlString(job.memoryLimit)}`);
      const select = job.fields
        .map((f, i) => {
          const value = f.type === 'datetime' ? `CAST(${column(i)} AS ${duckdbType(f, job.localDatetimes[i])})` : column(i);
          return `${value} AS ${sqlIdentifier(f.name)}`;
        })
        .join(', ');
      await connection.run(`COPY (SELECT ${select} FROM ${TABLE}) ${parquetTarget(job.parquetPath, job.fields.length)}`);
      return await parquetFile(job);
    } finally {
      await this.close();
    }
  }

  /** Stops the loading, closes DuckDB and removes its database, spill directory and segment files. */
  close(): Promise<void> {
    this.closed ??= this.release();
    return this.closed;
  }

  private async release(): Promise<void> {
    this.closing = true;
    await this.taking;
    const segment = this.segment;
    this.segment = undefined;
    await segment?.handle.close().catch(() => undefined);
    const db = await this.db.catch(() => undefined);
    // A load under way is cut short (it then ends with an error no one waits for).
    db?.connection.interrupt();
    await this.lastLoad;
    await db?.close();
    await rm(this.segmentsDir, { recursive: true, force: true });
  }
}

/**
 * The database and its empty table. One thread: the pass runs beside it on the other core.
 * The memory limit during the pass is the default budget (the upload's own limits come with
 * the job, set before the COPY).
 */
async function openTable(workDir: string, fields: readonly TableSchemaField[]): Promise<RowsTableDb> {
  const memoryLimit = duckdbMemoryFor(DEFAULT_LIMITS.duckdbMemoryLimit, DEFAULT_LIMITS.duckdbMemoryPerColumn, fields.length);
  const db = await openRowsTableDb(workDir, PARQUET_SPILL_NAME, { threads: '1', memory_limit: memoryLimit });
  try {
    const columns = fields.map((f, i) => `${column(i)} ${loadedType(f)}`).join(', ');
    await db.connection.run(`CREATE TABLE ${TABLE} (${columns})`);
    // Every load and the COPY in one transaction, never committed (the file is deleted): its
    // rows go to the file as each row group fills, not through the write-ahead log as well.
    await db.connection.run('BEGIN TRANSACTION');
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
