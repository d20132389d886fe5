import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

type DuckDbApi = typeof import('@duckdb/node-api');

let api: DuckDbApi | undefined;

/**
 * DuckDB's node API, its native library loaded on first use (~100-200 ms): importing the
 * core (for the schema registry, say) must not load it. A plain require: a dynamic import()
 * of this CommonJS package goes through the ESM loader, which costs more again on first use.
 * The ingest handler calls it at init, so an upload never waits for the load.
 */
export function loadDuckDb(): DuckDbApi {
  api ??= require('@duckdb/node-api') as DuckDbApi;
  return api;
}

/** A SQL string literal: DuckDB strings only escape single quotes (backslashes are literal). */
export const sqlString = (text: string): string => {
  if (text.includes('\u0000')) throw new Error('NUL character in a SQL string');
  return `'${text.replace(/'/g, "''")}'`;
};

/** A quoted SQL identifier (column names): double quotes, doubled inside. */
export const sqlIdentifier = (name: string): string => {
  if (name.includes('\u0000')) throw new Error('NUL character in an identifier');
  return `"${name.replace(/"/g, '""')}"`;
};

/**
 * Runs `work` on a throwaway in-memory DuckDB that spills to `workDir/spillName`; the
 * instance is closed and the spill directory removed afterwards, whatever happened.
 */
export async function withScratchDuckDb<T>(
  workDir: string,
  spillName: string,
  settings: Record<string, string>,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const { DuckDBInstance } = loadDuckDb();
  const spill = join(workDir, spillName);
  await mkdir(spill, { recursive: true });
  // Whatever step fails, the instance opened is closed and the spill directory removed.
  let instance: Awaited<ReturnType<typeof DuckDBInstance.create>> | undefined;
  let connection: DuckDBConnection | undefined;
  try {
    instance = await DuckDBInstance.create(':memory:', { ...settings, temp_directory: spill });
    connection = await instance.connect();
    return await work(connection);
  } finally {
    connection?.closeSync();
    instance?.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
}
