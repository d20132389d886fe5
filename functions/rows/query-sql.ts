import { auditsDataReads, recordAudit } from '../domain/audit';
import { rowsJsonLength } from './json-size';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { ReadableVersion } from '../domain/data-access';
import { ExchangeError, notFound } from '../domain/errors';
import { sqlIdentifier } from '../ingest/core/duckdb';
import { queryableColumns } from './columns';
import { ROW_LIMITS } from './limits';
import type { FieldType } from './query-model';
import { type JsonCell, jsonRows } from './render-values';
import { type AthenaRows, athenaRowsFromEnvironment } from './athena-source';
import { type RowEngine, rowEngineFor } from './row-engine';
import { type CheckedSql, checkSql, type TableNames } from './sql-check';
import { athenaTablesFor, runSqlOnAthena, type SqlRun } from './sql-on-athena';
import type { Lease } from './version-cache';

/**
 * Read-only SQL over published versions: checked first (sql-check.ts), then run in the row
 * engine's DuckDB, which is locked at start-up (no external access, only its own directory,
 * memory and thread limits, configuration frozen), or, for versions above the Athena threshold,
 * written in Athena's dialect and run there (sql-on-athena.ts), as row queries choose. Each
 * table the statement names is a CTE over exactly one version's columns (and its row number as
 * `_id`), so nothing else of the engine is reachable by name. Every table passes the data-read
 * gate before anything runs; reads of shared and private data are audited.
 */
export const SQL_LIMITS = {
  /** Rows returned; beyond them the result says it was truncated (CKAN's records_truncated). */
  maxRows: ROW_LIMITS.maxLimit,
  maxResponseBytes: ROW_LIMITS.maxResponseBytes,
  timeoutMs: ROW_LIMITS.queryTimeoutMs,
};

export interface SqlTableSource {
  /** What the statement may call its tables (for refusals) and which names it may use. */
  names: TableNames;
  /** The version behind a (lower-case) table name, through the data-read gate: 404 if the caller may not read it. */
  resolve: (name: string) => Promise<ReadableVersion>;
}

export interface SqlResult {
  /** The statement as it ran (DuckDB's canonical text of the checked syntax tree). */
  sql: string;
  fields: Array<{ name: string; type: FieldType }>;
  records: JsonCell[][];
  truncated: boolean;
  /** The versions read, by table name. */
  tables: Map<string, ReadableVersion>;
}

const FIELD_TYPES: Array<[RegExp, FieldType]> = [
  [/^(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?|UBIGINT|UHUGEINT)$/, 'integer'],
  [/^(DOUBLE|FLOAT|DECIMAL.*)$/, 'number'],
  [/^BOOLEAN$/, 'boolean'],
  [/^DATE$/, 'date'],
  [/^TIMESTAMP.*$/, 'datetime'],
];

const fieldType = (duckDbType: string): FieldType => FIELD_TYPES.find(([pattern]) => pattern.test(duckDbType))?.[1] ?? 'string';

/** The statement's own mistakes (an unknown column, a bad cast) go back to its author as a 400; engine failures stay 500s. */
const STATEMENT_ERRORS = /^(Binder|Catalog|Parser|Conversion|Invalid Input|Out of Range|Not implemented|Permission|Constraint|Dependency|Syntax) Error/;

const statementError = (error: unknown, relations: Map<string, string>): unknown => {
  // Read the message by shape: the native module's errors need not be this realm's Error (as under Jest's VM).
  const text = (error as { message?: unknown } | null)?.message;
  const message = typeof text === 'string' ? text : String(error);
  if (!STATEMENT_ERRORS.test(message)) return error;
  let shown = message;
  for (const [relation, name] of relations) shown = shown.split(relation).join(name);
  return new ExchangeError('bad_request', `The statement failed: ${shown.slice(0, 1_000)}`, { field: 'sql', reason: 'query_error' }, { cause: error });
};

export interface SqlInput {
  sql: string;
  source: SqlTableSource;
  route: string;
  /** The deployment's Athena path (tests pass one; otherwise from the environment, and none locally). */
  athena?: AthenaRows;
}

export const querySql = async (ctx: DomainContext, caller: Caller, input: SqlInput): Promise<SqlResult> => {
  const engine = await rowEngineFor(ctx);
  const checked = await checkSql(engine.duckdb, input.sql, input.source.names);
  const tables = new Map<string, ReadableVersion>();
  for (const name of [...checked.tables].sort()) tables.set(name, await input.source.resolve(name));
  const athena = input.athena ?? athenaRowsFromEnvironment();
  const onAthena = await athenaTablesFor(ctx, athena, tables);
  const run = athena && onAthena ? await runSqlOnAthena(athena, checked.statement, onAthena, SQL_LIMITS.maxRows) : await runOnDuckDb(engine, checked, tables);
  const records = run.records.slice(0, SQL_LIMITS.maxRows);
  const size = rowsJsonLength(records, SQL_LIMITS.maxResponseBytes);
  if (size > SQL_LIMITS.maxResponseBytes) {
    throw new ExchangeError(
      'payload_too_large',
      `The result would be ${Math.ceil(size / 1024 / 1024)} MB; the limit is ${SQL_LIMITS.maxResponseBytes / 1024 / 1024} MB. Select fewer columns or add a LIMIT.`,
    );
  }
  for (const readable of tables.values()) {
    if (!auditsDataReads(readable.dataset)) continue;
    await recordAudit(ctx, caller, readable.dataset, 'data.rows', input.route, {
      resource: readable.resourceName,
      version: readable.version.value.version,
      rows: records.length,
      sql: checked.canonical.slice(0, 2_000),
    });
  }
  return { sql: checked.canonical, fields: run.fields, records, truncated: run.records.length > records.length, tables };
};

/** The statement in the row engine's DuckDB, over the versions' cached tables. */
const runOnDuckDb = async (engine: RowEngine, checked: CheckedSql, tables: ReadonlyMap<string, ReadableVersion>): Promise<SqlRun> => {
  const leases: Lease[] = [];
  try {
    const ctes: string[] = [];
    const relations = new Map<string, string>();
    for (const [name, readable] of tables) {
      const parquet = readable.version.value.state === 'published' ? readable.version.value.objects?.parquet : undefined;
      if (!parquet) throw notFound('rows for this version (it was not published)');
      const lease = await engine.versions.lease(parquet);
      leases.push(lease);
      const loaded = lease.version;
      const columns = queryableColumns(readable.version.value.schema, loaded.physical);
      const rowId = columns.some((c) => c.name === '_id') ? [] : [`${sqlIdentifier(loaded.rowIdColumn)} AS "_id"`];
      const list = [...rowId, ...columns.map((c) => sqlIdentifier(c.name))].join(', ');
      ctes.push(`${sqlIdentifier(name)} AS (SELECT ${list} FROM ${sqlIdentifier(loaded.relation)})`);
      relations.set(loaded.relation, name);
    }
    const sql = `${ctes.length > 0 ? `WITH ${ctes.join(', ')} ` : ''}SELECT * FROM (${checked.canonical}) AS sql_result`;
    const reader = await engine.duckdb.queryAtMost(sql, [], SQL_LIMITS.timeoutMs, SQL_LIMITS.maxRows + 1).catch((error: unknown) => {
      throw statementError(error, relations);
    });
    const names = reader.columnNames();
    const types = reader.columnTypes().map((type) => fieldType(type.toString()));
    return { fields: names.map((name, i) => ({ name, type: types[i] })), records: jsonRows(reader) };
  } finally {
    for (const lease of leases) lease.release();
  }
};
