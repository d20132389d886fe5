import type { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement, DuckDBResultReader, DuckDBType } from '@duckdb/node-api';
import { ExchangeError, queryTimeout } from '../domain/errors';
// Loads DuckDB's native library on the first row query, not at every cold start (most requests never query rows).
import { loadDuckDb, sqlString } from '../ingest/core/duckdb';
import { registerPlaceFunctions } from './place-functions';
import type { BoundValue } from './query-model';

type DuckDbApi = ReturnType<typeof loadDuckDb>;

export interface EngineSettings {
  /** The only directory DuckDB may read or write (cached Parquet files, spill space). */
  directory: string;
  spillDirectory: string;
  memoryLimit: string;
  threads: number;
}

/** Values are bound with these types; dates and times as text that the SQL casts. */
const parameterTypes = ({ BIGINT, BOOLEAN, DOUBLE, VARCHAR }: DuckDbApi): Record<BoundValue['sqlType'], DuckDBType> => ({
  BIGINT,
  DOUBLE,
  BOOLEAN,
  DATE: VARCHAR,
  TIMESTAMP: VARCHAR,
  TIMESTAMPTZ: VARCHAR,
  VARCHAR,
});

/** Idle connections kept for reuse: about the queries one process runs at once. */
const IDLE_CONNECTIONS = 4;

/**
 * Read-only SQL statements kept planned per connection, least recently used first out. A
 * statement sent again (a dashboard's, a paging client's) then skips DuckDB's parse, bind and
 * plan, about half of a small query's time. The text names the version's own relation, which is
 * never reused, so a plan can only ever run over the data it was made for; DuckDB itself
 * re-plans a statement whose catalogue changed since (another version loaded or dropped).
 */
const PREPARED_PER_CONNECTION = 16;

interface PooledConnection {
  connection: DuckDBConnection;
  /** Statements prepared on this connection, by text, least recently used first. */
  prepared: Map<string, DuckDBPreparedStatement>;
}

/**
 * One embedded DuckDB per process, locked down: it may touch files only inside the cache
 * directory, loads no extensions, and its configuration cannot be changed after start-up.
 * Each query runs on a connection of its own so a timeout interrupts exactly that query; a
 * connection whose query finished is kept for the next one (opening one costs about as much as
 * a small query), one that was interrupted or left a streamed result is closed.
 */
export class DuckDbEngine {
  private readonly idle: PooledConnection[] = [];

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly types: Record<BoundValue['sqlType'], DuckDBType>,
  ) {}

  static async open(settings: EngineSettings): Promise<DuckDbEngine> {
    const api = loadDuckDb();
    const instance = await api.DuckDBInstance.create(':memory:', {
      threads: String(settings.threads),
      memory_limit: settings.memoryLimit,
      temp_directory: settings.spillDirectory,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    try {
      const directory = settings.directory.endsWith('/') ? settings.directory : `${settings.directory}/`;
      // Registered in the instance's catalogue, so every later connection has them.
      registerPlaceFunctions(api, connection);
      await connection.run(`SET allowed_directories = [${sqlString(directory)}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
    } finally {
      connection.closeSync();
    }
    return new DuckDbEngine(instance, parameterTypes(api));
  }

  /** An idle connection, preferring one that has `statement` prepared; a new one if none is idle. */
  private async connect(statement?: string): Promise<PooledConnection> {
    const preparedAt = statement === undefined ? -1 : this.idle.findLastIndex((pooled) => pooled.prepared.has(statement));
    if (preparedAt >= 0) return this.idle.splice(preparedAt, 1)[0];
    return this.idle.pop() ?? { connection: await this.instance.connect(), prepared: new Map() };
  }

  /** Keeps a connection whose query ran to its end (its result read whole); closes any other (and its prepared statements). */
  private done(pooled: PooledConnection, reusable: boolean): void {
    if (reusable && this.idle.length < IDLE_CONNECTIONS) this.idle.push(pooled);
    else pooled.connection.closeSync();
  }

  /** The connection's prepared statement for `sql`, prepared now if it has none. */
  private async prepared(pooled: PooledConnection, sql: string): Promise<DuckDBPreparedStatement> {
    let statement = pooled.prepared.get(sql);
    if (statement) {
      pooled.prepared.delete(sql);
    } else {
      statement = await pooled.connection.prepare(sql);
      if (pooled.prepared.size >= PREPARED_PER_CONNECTION) {
        const [oldest, dropped] = pooled.prepared.entries().next().value!;
        pooled.prepared.delete(oldest);
        dropped.destroySync();
      }
    }
    pooled.prepared.set(sql, statement);
    return statement;
  }

  /** Runs a statement the exchange wrote itself (loading and dropping versions). */
  async run(sql: string): Promise<DuckDBResultReader> {
    const pooled = await this.connect();
    let finished = false;
    try {
      const result = await pooled.connection.runAndReadAll(sql);
      finished = true;
      return result;
    } finally {
      this.done(pooled, finished);
    }
  }

  /** Runs a query with bound parameters; past `timeoutMs` it is interrupted and reported as a 504. */
  async query(sql: string, params: readonly BoundValue[], timeoutMs: number): Promise<DuckDBResultReader> {
    const pooled = await this.connect();
    const { connection } = pooled;
    let finished = false;
    const deadline = interruptAfter(connection, timeoutMs);
    try {
      const result = await connection.runAndReadAll(
        sql,
        params.map((p) => p.value),
        params.map((p) => this.types[p.sqlType]),
      );
      finished = true;
      return result;
    } catch (error) {
      throw translate(error, deadline.passed(), timeoutMs);
    } finally {
      deadline.stop();
      // An interrupt may land after the query finished: such a connection is not reused.
      this.done(pooled, finished && !deadline.passed());
    }
  }

  /**
   * Runs a statement and reads at most `maxRows` rows of its result (DuckDB
   * stops producing more), for statements whose result size the exchange does not control
   * (read-only SQL). The statement stays prepared on its connection for the next time the same
   * text runs. Same timeout as query().
   */
  async queryAtMost(sql: string, params: readonly BoundValue[], timeoutMs: number, maxRows: number): Promise<DuckDBResultReader> {
    const pooled = await this.connect(sql);
    let finished = false;
    const deadline = interruptAfter(pooled.connection, timeoutMs);
    try {
      const statement = await this.prepared(pooled, sql);
      statement.clearBindings();
      if (params.length > 0)
        statement.bind(
          params.map((p) => p.value),
          params.map((p) => this.types[p.sqlType]),
        );
      const reader = await statement.streamAndReadUntil(maxRows);
      // A result read to its end leaves nothing open on the connection; one cut short is closed with it.
      finished = reader.done;
      return reader;
    } catch (error) {
      // Only the limits are the exchange's to word; the statement's own errors go back to its author (sql-errors.ts).
      const translated = translate(error, deadline.passed(), timeoutMs);
      throw translated instanceof ExchangeError && translated.code === 'bad_request' ? error : translated;
    } finally {
      deadline.stop();
      this.done(pooled, finished && !deadline.passed());
    }
  }

  close(): void {
    for (const pooled of this.idle.splice(0)) pooled.connection.closeSync();
    this.instance.closeSync();
  }
}

/** How often a query past its deadline is interrupted again, until it stops. */
const INTERRUPT_AGAIN_MS = 20;

/**
 * Interrupts the connection's query once `timeoutMs` have passed, and again every few
 * milliseconds until stopped. Once is not enough: DuckDB clears the interrupt when a query
 * begins, and the query begins on a worker thread some time after it is sent (later still when
 * the threads are busy), so an interrupt that lands before it begins is lost and the query would
 * run unbounded.
 */
const interruptAfter = (connection: DuckDBConnection, timeoutMs: number): { passed: () => boolean; stop: () => void } => {
  let passed = false;
  let again: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    passed = true;
    connection.interrupt();
    again = setInterval(() => connection.interrupt(), INTERRUPT_AGAIN_MS);
  }, timeoutMs);
  return {
    passed: () => passed,
    stop: () => {
      clearTimeout(first);
      clearInterval(again);
    },
  };
};

/** Interrupts, casts and memory exhaustion become the API's errors; anything else stays a bug (500). */
const translate = (error: unknown, timedOut: boolean, timeoutMs: number): unknown => {
  const message = error instanceof Error ? error.message : String(error);
  if (timedOut || message.startsWith('INTERRUPT')) {
    return queryTimeout(timeoutMs, error);
  }
  if (message.startsWith('Out of Memory')) {
    return new ExchangeError(
      'payload_too_large',
      'The query needs more memory than the row API allows. Narrow it with filters or ask for fewer fields.',
      undefined,
      { cause: error },
    );
  }
  if (message.startsWith('Conversion Error') || message.startsWith('Out of Range')) {
    return new ExchangeError('bad_request', 'A value in the query cannot be compared with its column.', undefined, { cause: error });
  }
  return error;
};
