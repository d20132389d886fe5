import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableSchemaField } from '../table-schema';
import { MEDIA_TYPES, type OutputFile } from './output-file';

/** A SQL string literal: DuckDB strings only escape single quotes (backslashes are literal). */
export function sqlString(text: string): string {
  if (text.includes('\u0000')) throw new Error('NUL character in a SQL string');
  return `'${text.replace(/'/g, "''")}'`;
}

function duckdbType(field: TableSchemaField, localDatetime: boolean): string {
  switch (field.type) {
    case 'integer': return 'BIGINT';
    case 'number': return 'DOUBLE';
    case 'boolean': return 'BOOLEAN';
    case 'date': return 'DATE';
    // All values in UTC (they had offsets) → an instant; any local time → a plain timestamp.
    case 'datetime': return localDatetime ? 'TIMESTAMP' : 'TIMESTAMPTZ';
    default: return 'VARCHAR';
  }
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

/**
 * Converts the NDJSON output (typed values, not the formula-neutralised CSV) to Parquet
 * with zstd. Column names and types come from the schema: names are SQL string literals
 * in read_json's `columns` map (quotes doubled), never concatenated raw into the SQL.
 */
export async function writeParquet(job: ParquetJob): Promise<OutputFile> {
  // Loaded on first use: importing the core (say, for the schema registry) must not load DuckDB's native library.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const spill = join(job.workDir, '.duckdb-spill');
  await mkdir(spill, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '2',
    memory_limit: job.memoryLimit,
    temp_directory: spill,
  });
  const connection = await instance.connect();
  try {
    const columns = job.fields.map((f, i) => `${sqlString(f.name)}: ${sqlString(duckdbType(f, job.localDatetimes[i]))}`).join(', ');
    const objectSize = Math.max(16 * 1024 * 1024, job.maxRecordBytes * 8);
    await connection.run(
      `COPY (SELECT * FROM read_json(${sqlString(job.ndjsonPath)}, format = 'newline_delimited', columns = {${columns}}, maximum_object_size = ${objectSize}))` +
        ` TO ${sqlString(job.parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
  return { path: job.parquetPath, bytes: (await stat(job.parquetPath)).size, mediaType: MEDIA_TYPES.parquet };
}
