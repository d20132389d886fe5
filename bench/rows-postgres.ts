/**
 * The row benchmark's peer: PostgreSQL, CKAN DataStore's engine, started on a private port and
 * Unix socket in a temporary directory (never the machine's own server), the benchmark's rows
 * loaded into a table shaped as DataStore shapes one (`_id` serial primary key, a `_full_text`
 * tsvector with a GIN index, the columns typed as DataStore types them), and queried as
 * datastore_search queries it: ORDER BY _id, LIMIT/OFFSET, plainto_tsquery for q, and a total
 * count on every call. Undefined (and said so) when PostgreSQL is not installed.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** CKAN's default ckan.datastore.search.rows_max. */
const DATASTORE_ROWS_MAX = 32_000;

const binary = (name: string): string | undefined =>
  ['/usr/local/bin', '/usr/lib/postgresql/15/bin', '/usr/bin'].map((dir) => join(dir, name)).find((path) => existsSync(path));

export interface PostgresPeer {
  /** A datastore_search call: the page query and its count, timed together. */
  query(sql: string, count?: string): Promise<void>;
  /**
   * The database work of a datastore_search_sql call, as CKAN's DataStore does it (search_sql in
   * ckanext/datastore/backend/postgres.py): the statement wrapped in `LIMIT rows_max + 1`, a
   * statement timeout set for the transaction, `EXPLAIN (VERBOSE, FORMAT JSON)` of it to find
   * the tables and functions it reads (checked against the allowed ones), then the statement.
   */
  dataStoreSql(sql: string): Promise<void>;
  stop(): Promise<void>;
}

export const startPostgresPeer = async (csvPath: string, columnsSql: string, copyColumns: string, textColumns: string[]): Promise<PostgresPeer | undefined> => {
  const [initdb, pgCtl, psql] = [binary('initdb'), binary('pg_ctl'), binary('psql')];
  if (!initdb || !pgCtl || !psql) {
    console.log('PostgreSQL peer: not run (initdb, pg_ctl and psql were not found; install Debian’s postgresql for the comparison)');
    return undefined;
  }
  const dir = await mkdtemp(join(tmpdir(), 'ldx-bench-pg-'));
  const data = join(dir, 'data');
  // PostgreSQL refuses to run as root: as root, the server runs as the postgres user, owning its directory.
  const asServer = async (command: string, args: string[]) => {
    if (process.getuid?.() !== 0) return run(command, args);
    return run('runuser', ['-u', 'postgres', '--', command, ...args]);
  };
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  await asServer(initdb, ['-D', data, '-U', 'bench', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Private: Unix socket in the temporary directory only, no TCP listener.
  await asServer(pgCtl, [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses='' -c shared_buffers=256MB -c work_mem=64MB`,
    'start',
  ]);
  const version = (await run(binary('postgres') ?? 'postgres', ['--version'])).stdout.trim();
  console.log(`PostgreSQL peer: ${version}, private socket ${dir} port ${port}`);
  const client = new pg.Client({ host: dir, port, user: 'bench', database: 'postgres' });
  await client.connect();
  const started = performance.now();
  await client.query(`CREATE TABLE readings (_id serial PRIMARY KEY, _full_text tsvector, ${columnsSql})`);
  const copy = spawn(
    psql,
    [
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      'bench',
      '-d',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `\\copy readings(${copyColumns}) FROM '${csvPath}' CSV HEADER`,
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((resolve) => copy.on('close', resolve));
  if (code !== 0) throw new Error(`psql \\copy exited with ${code}`);
  // DataStore fills _full_text from the row's text (to_tsvector of its values) and indexes it with GIN.
  await client.query(`UPDATE readings SET _full_text = to_tsvector(concat_ws(' ', ${textColumns.map((c) => `${c}::text`).join(', ')}))`);
  await client.query('CREATE INDEX readings_full_text ON readings USING gin(_full_text)');
  await client.query('VACUUM ANALYZE readings');
  console.log(`PostgreSQL peer: rows loaded, _full_text filled and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return {
    async query(sql, count) {
      await client.query(sql);
      if (count) await client.query(count);
    },
    async dataStoreSql(sql) {
      const wrapped = `SELECT * FROM (${sql}) AS blah LIMIT ${DATASTORE_ROWS_MAX + 1} ;`;
      await client.query('BEGIN');
      try {
        await client.query('SET LOCAL statement_timeout TO 60000');
        await client.query(`EXPLAIN (VERBOSE, FORMAT JSON) ${wrapped}`);
        await client.query(wrapped);
      } finally {
        await client.query('ROLLBACK');
      }
    },
    async stop() {
      await client.end();
      await asServer(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
