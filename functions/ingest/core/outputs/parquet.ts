import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openScratchDuckDb, type ScratchDuckDb, sqlString, withScratchDuckDb } from '../duckdb';
import type { TableSchemaField } from '../table-schema';
import { MEDIA_TYPES, type OutputFile } from './output-file';

function duckdbType(field: TableSchemaField, localDatetime: boolean): string {
  switch (field.type) {
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    // All values in UTC (they had offsets) → an instant; any local time → a plain timestamp.
    case 'datetime':
      return localDatetime ? 'TIMESTAMP' : 'TIMESTAMPTZ';
    default:
      return 'VARCHAR';
  }
}

/** DuckDB's vector size and its default Parquet row group: the bounds of the row group we ask for. */
const MIN_ROW_GROUP = 2048;
const MAX_ROW_GROUP = 122_880;
/**
 * Cells per row group. The writer holds a whole row group in memory, outside DuckDB's
 * memory_limit: on 1M 10-column rows DuckDB's default (122 880 rows) cost ~100 MB of peak
 * RSS, 61 440 rows ~57 MB. Fewer rows per group compress a little less well.
 */
const ROW_GROUP_CELLS = 614_400;

/** Rows per Parquet row group, fewer for wide tables so the buffered row group stays near ROW_GROUP_CELLS cells. */
export function rowGroupRows(columns: number): number {
  const rows = Math.floor(ROW_GROUP_CELLS / Math.max(1, columns) / MIN_ROW_GROUP) * MIN_ROW_GROUP;
  return Math.min(MAX_ROW_GROUP, Math.max(MIN_ROW_GROUP, rows));
}

export interface ParquetJob {
  ndjsonPath: string;
  parquetPath: string;
  fields: readonly TableSchemaField[];
  localDatetimes: readonly boolean[];
  workDir: string;
  memoryLimit: string;
  maxRecordBytes: number;
}

/** The spill directory of the Parquet's DuckDB, in the upload's work directory. */
const SPILL_NAME = '.duckdb-spill';

/**
 * A DuckDB instance for one upload's Parquet, opened while the rows are still read (its
 * creation, ~50-70 ms, runs on a thread of its own) so the conversion at the end does not
 * wait for it. Idle until `write`; `close` always releases it and removes its spill directory.
 */
export class ParquetDuckDb {
  private constructor(private readonly scratch: ScratchDuckDb) {}

  static async open(workDir: string): Promise<ParquetDuckDb> {
    // One thread from the start (see writeParquet); the memory limit is set once the columns are known.
    return new ParquetDuckDb(await openScratchDuckDb(workDir, SPILL_NAME, { threads: '1' }));
  }

  async write(job: ParquetJob): Promise<OutputFile> {
    await this.scratch.connection.run(`SET memory_limit = ${sqlString(job.memoryLimit)}`);
    await copyNdjsonToParquet(this.scratch.connection, job);
    return parquetFile(job);
  }

  close(): Promise<void> {
    return this.scratch.close();
  }
}

/**
 * Converts the NDJSON output (typed values, not the formula-neutralised CSV) to Parquet
 * with zstd, on a throwaway DuckDB (ParquetDuckDb is the same on an instance opened ahead).
 */
export async function writeParquet(job: ParquetJob): Promise<OutputFile> {
  // One thread: each extra thread buffers a row group of its own (+90 MB peak RSS measured
  // on 1M 10-column rows) and was no faster, the JSON scan of one file being the bottleneck.
  await withScratchDuckDb(job.workDir, SPILL_NAME, { threads: '1', memory_limit: job.memoryLimit }, (connection) => copyNdjsonToParquet(connection, job));
  return parquetFile(job);
}

/**
 * Column names and types come from the schema: names are SQL string literals in read_json's
 * `columns` map (quotes doubled), never concatenated raw into the SQL.
 */
async function copyNdjsonToParquet(connection: DuckDBConnection, job: ParquetJob): Promise<void> {
  const columns = job.fields.map((f, i) => `${sqlString(f.name)}: ${sqlString(duckdbType(f, job.localDatetimes[i]))}`).join(', ');
  const objectSize = Math.max(16 * 1024 * 1024, job.maxRecordBytes * 8);
  await connection.run(
    `COPY (SELECT * FROM read_json(${sqlString(job.ndjsonPath)}, format = 'newline_delimited', columns = {${columns}}, maximum_object_size = ${objectSize}))` +
      ` TO ${sqlString(job.parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupRows(job.fields.length)})`,
  );
}

async function parquetFile(job: ParquetJob): Promise<OutputFile> {
  return { path: job.parquetPath, bytes: (await stat(job.parquetPath)).size, mediaType: MEDIA_TYPES.parquet };
}
