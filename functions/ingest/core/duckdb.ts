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

/** An in-memory DuckDB that spills to its own directory; `close` releases it and removes the directory. */
export interface ScratchDuckDb {
  connection: DuckDBConnection;
  close: () => Promise<void>;
}

/**
 * Opens an in-memory DuckDB that spills to `workDir/spillName`. If opening fails at any step,
 * what was opened is closed and the spill directory removed before the error is thrown.
 */
export async function openScratchDuckDb(workDir: string, spillName: string, settings: Record<string, string>): Promise<ScratchDuckDb> {
  const { DuckDBInstance } = loadDuckDb();
  const spill = join(workDir, spillName);
  await mkdir(spill, { recursive: true });
  let instance: Awaited<ReturnType<typeof DuckDBInstance.create>> | undefined;
  let connection: DuckDBConnection | undefined;
  const close = async (): Promise<void> => {
    connection?.closeSync();
    instance?.closeSync();
    await rm(spill, { recursive: true, force: true });
  };
  try {
    instance = await DuckDBInstance.create(':memory:', { ...settings, temp_directory: spill });
    connection = await instance.connect();
    return { connection, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Runs `work` on a throwaway scratch DuckDB (openScratchDuckDb); it is closed and its spill
 * directory removed afterwards, whatever happened.
 */
export async function withScratchDuckDb<T>(
  workDir: string,
  spillName: string,
  settings: Record<string, string>,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const scratch = await openScratchDuckDb(workDir, spillName, settings);
  try {
    return await work(scratch.connection);
  } finally {
    await scratch.close();
  }
}
