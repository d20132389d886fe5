import { DuckDBInstance } from '@duckdb/node-api';

/** Runs one query in a throwaway in-memory DuckDB: for reading back Parquet files tests wrote. */
export const duckDbQuery = async (sql: string): Promise<Record<string, unknown>[]> => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
};

/** A file path as a DuckDB string literal. */
export { sqlString as sqlPath } from '../../functions/ingest/core/duckdb';
