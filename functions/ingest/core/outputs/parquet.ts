import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString, withScratchDuckDb } from '../duckdb';
import type { TableSchemaField } from '../table-schema';
import { MEDIA_TYPES, type OutputFile } from './output-file';

export function duckdbType(field: TableSchemaField, localDatetime: boolean): string {
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
export const PARQUET_SPILL_NAME = '.duckdb-spill';

/** The COPY's target: zstd, row groups sized by the column count (rowGroupRows). */
export function parquetTarget(parquetPath: string, columns: number): string {
  return `TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupRows(columns)})`;
}

/**
 * Converts the NDJSON output (typed values, not the formula-neutralised CSV) to Parquet
 * with zstd, on a throwaway DuckDB. A workbook's is loaded during the pass instead (parquet-in-pass.ts).
 */
export async function writeParquet(job: ParquetJob): Promise<OutputFile> {
  // One thread: each extra thread buffers a row group of its own (+90 MB peak RSS measured
  // on 1M 10-column rows) and was no faster, the JSON scan of one file being the bottleneck.
  await withScratchDuckDb(job.workDir, PARQUET_SPILL_NAME, { threads: '1', memory_limit: job.memoryLimit }, (connection) =>
    copyNdjsonToParquet(connection, job),
  );
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
      ` ${parquetTarget(job.parquetPath, job.fields.length)}`,
  );
}

export async function parquetFile(job: ParquetJob): Promise<OutputFile> {
  return { path: job.parquetPath, bytes: (await stat(job.parquetPath)).size, mediaType: MEDIA_TYPES.parquet };
}
