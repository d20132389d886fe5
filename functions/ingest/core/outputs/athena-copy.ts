import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { athenaRowIdColumn } from '../../../domain/athena-copy';
import { sqlIdentifier, sqlString, withScratchDuckDb } from '../duckdb';
import { MEDIA_TYPES, type OutputFile } from './output-file';
import { rowGroupRows } from './parquet';

export interface AthenaCopyJob {
  /** The version's Parquet output, already written. */
  parquetPath: string;
  /** Where the copy goes (its own directory: the copy is alone in its prefix once stored). */
  copyPath: string;
  /** The schema's field names, which are the Parquet's columns. */
  fieldNames: readonly string[];
  workDir: string;
  memoryLimit: string;
}

/**
 * The Athena copy of a large version (functions/domain/athena-copy.ts): its Parquet with a
 * leading BIGINT row number, 1-based in file order. ROW_NUMBER() OVER () is a streaming window
 * in DuckDB (no sort, no buffering of the table); with one thread and insertion order preserved,
 * the scan reads the row groups in file order and the numbers follow it (tested on a file of
 * many row groups, against read_parquet's file_row_number).
 */
export async function writeAthenaCopy(job: AthenaCopyJob): Promise<OutputFile> {
  await mkdir(join(job.copyPath, '..'), { recursive: true });
  const settings = { threads: '1', preserve_insertion_order: 'true', memory_limit: job.memoryLimit };
  try {
    await withScratchDuckDb(job.workDir, '.duckdb-spill-athena', settings, async (connection) => {
      const rowId = sqlIdentifier(athenaRowIdColumn(job.fieldNames));
      await connection.run(
        `COPY (SELECT row_number() OVER () AS ${rowId}, * FROM read_parquet(${sqlString(job.parquetPath)}))` +
          ` TO ${sqlString(job.copyPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${rowGroupRows(job.fieldNames.length + 1)})`,
      );
    });
  } catch (error) {
    await rm(job.copyPath, { force: true });
    throw error;
  }
  return { path: job.copyPath, bytes: (await stat(job.copyPath)).size, mediaType: MEDIA_TYPES.parquet };
}
