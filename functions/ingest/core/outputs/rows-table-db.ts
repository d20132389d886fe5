import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadDuckDb } from '../duckdb';

/** The database file of a workbook's rows while they are loaded, in the upload's work directory. */
export const ROWS_DB_NAME = '.parquet-rows.duckdb';

/** A DuckDB whose tables live in a file of the work directory; `close` releases it and removes its files. */
export interface RowsTableDb {
  connection: DuckDBConnection;
  close: () => Promise<void>;
}

/**
 * Opens a disk-backed DuckDB in `workDir` (a file, not memory: an in-memory table of a big
 * workbook's rows is held whole in RAM, a file's table is written out compressed as its row
 * groups fill), spilling to `workDir/spillName`. If opening fails at any step, what was
 * opened is closed and its files removed before the error is thrown.
 */
export async function openRowsTableDb(workDir: string, spillName: string, settings: Record<string, string>): Promise<RowsTableDb> {
  const { DuckDBInstance } = loadDuckDb();
  const dbPath = join(workDir, ROWS_DB_NAME);
  const spill = join(workDir, spillName);
  await mkdir(spill, { recursive: true });
  let instance: Awaited<ReturnType<typeof DuckDBInstance.create>> | undefined;
  let connection: DuckDBConnection | undefined;
  const close = async (): Promise<void> => {
    connection?.closeSync();
    instance?.closeSync();
    await Promise.all([dbPath, `${dbPath}.wal`, spill].map((path) => rm(path, { recursive: true, force: true })));
  };
  try {
    instance = await DuckDBInstance.create(dbPath, { ...settings, temp_directory: spill });
    connection = await instance.connect();
    // The file is deleted on close: a checkpoint then would write the whole table again for nothing.
    await connection.run('PRAGMA disable_checkpoint_on_shutdown');
    return { connection, close };
  } catch (error) {
    await close();
    throw error;
  }
}
