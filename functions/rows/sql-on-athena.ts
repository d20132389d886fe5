import type { DomainContext } from '../domain/context';
import type { ReadableVersion } from '../domain/data-access';
import { ExchangeError } from '../domain/errors';
import { AthenaQueryFailed, runAthenaStatement, typedAthenaRows } from './athena-executor';
import { quoteIdentifier } from './athena-expression';
import { type AthenaRows, athenaVersionSource, usesAthena } from './athena-source';
import { type AthenaTableDefinition, athenaStatement } from './athena-statement';
import { ATHENA_QUERY_TIMEOUT_MS } from './limits';
import type { Column, FieldType } from './query-model';
import type { JsonCell } from './render-values';
import { SqlRefused } from './sql-guard';

/**
 * Read-only SQL over versions above the Athena threshold: the checked statement, written in
 * Athena's dialect (athena-statement.ts) over each version's Glue table, runs in the exchange's
 * workgroup like a row query does (athena-source.ts). The choice is by size, as for row queries:
 * a version without an Athena copy yet stays with DuckDB.
 */
export interface SqlRun {
  fields: Array<{ name: string; type: FieldType }>;
  /** At most the cap plus one, so the caller can tell the result was truncated. */
  records: JsonCell[][];
}

/** One of the statement's tables on Athena. */
interface TableColumns {
  definition: AthenaTableDefinition;
  /** The Glue table's qualified name, to take out of Athena's messages. */
  glueName: string;
}

const refusal = (error: SqlRefused): ExchangeError => new ExchangeError('bad_request', error.message, { field: 'sql', reason: error.reason });

/**
 * The Athena definitions of the statement's tables when they all go to Athena; undefined when
 * they all stay with DuckDB. A statement joining the two cannot run in either: refused.
 */
export const athenaTablesFor = async (
  ctx: DomainContext,
  athena: AthenaRows | undefined,
  tables: ReadonlyMap<string, ReadableVersion>,
): Promise<TableColumns[] | undefined> => {
  if (!athena) return undefined;
  const placed: Array<TableColumns | undefined> = [];
  for (const [name, readable] of tables) {
    const version = readable.version.value;
    const parquet = version.state === 'published' ? version.objects?.parquet : undefined;
    const source =
      parquet && usesAthena(parquet, athena)
        ? await athenaVersionSource(ctx, athena, { datasetId: readable.dataset.id, resourceName: readable.resourceName, version, parquet })
        : undefined;
    if (!source) {
      placed.push(undefined);
      continue;
    }
    const { table, columns } = source;
    const rowId = columns.some((c) => c.name === '_id') ? [] : [{ glue: table.rowIdColumn, name: '_id' }];
    const relation = `${quoteIdentifier(table.database)}.${quoteIdentifier(table.table)}`;
    placed.push({
      definition: { name, relation, columns: [...rowId, ...columns.map((c) => ({ glue: c.name.toLowerCase(), name: c.name }))] },
      glueName: `${table.database}.${table.table}`,
    });
  }
  const onAthena = placed.filter((p): p is TableColumns => p !== undefined);
  if (onAthena.length === 0) return undefined;
  if (onAthena.length < placed.length) {
    throw refusal(
      new SqlRefused('not_in_athena', 'This statement joins a resource large enough to be queried through Athena with one that is not; query them separately.'),
    );
  }
  return onAthena;
};

/** Athena's type names (ResultSetMetadata) as the API's field types and the SQL types whose cells typedAthenaRows converts, as row queries' are. */
const typing = (athenaType: string): Pick<Column, 'type' | 'sqlType'> => {
  const type = athenaType.toLowerCase();
  if (['tinyint', 'smallint', 'integer', 'int', 'bigint'].includes(type)) return { type: 'integer', sqlType: 'BIGINT' };
  if (['double', 'real', 'float'].includes(type) || type.startsWith('decimal')) return { type: 'number', sqlType: 'DOUBLE' };
  if (type === 'boolean') return { type: 'boolean', sqlType: 'BOOLEAN' };
  if (type === 'date') return { type: 'date', sqlType: 'DATE' };
  if (type.startsWith('timestamp')) return { type: 'datetime', sqlType: type.endsWith('with time zone') ? 'TIMESTAMPTZ' : 'TIMESTAMP' };
  return { type: 'string', sqlType: 'VARCHAR' };
};

/** Runs the checked statement in Athena: the client's own mistakes (Athena's user errors) are a 400 that names them. */
export const runSqlOnAthena = async (athena: AthenaRows, statement: unknown, tables: readonly TableColumns[], maxRows: number): Promise<SqlRun> => {
  let sql: string;
  try {
    sql = athenaStatement(
      statement,
      tables.map((t) => t.definition),
      maxRows + 1,
    );
  } catch (error) {
    if (error instanceof SqlRefused) throw refusal(error);
    throw error;
  }
  const timing = { timeoutMs: ATHENA_QUERY_TIMEOUT_MS, ...athena.timing };
  const result = await runAthenaStatement(athena.athena, { sql, executionParameters: [], database: athena.database }, timing).catch((error: unknown) => {
    if (!(error instanceof AthenaQueryFailed) || !error.userError) throw error;
    let shown = error.reason;
    for (const { glueName, definition } of tables) shown = shown.split(glueName).join(definition.name);
    throw new ExchangeError('bad_request', `The statement failed: ${shown.slice(0, 1_000)}`, { field: 'sql', reason: 'query_error' }, { cause: error });
  });
  const columns: Column[] = result.columns.map(({ name, type }) => ({ name, ...typing(type) }));
  const fields = columns.map(({ name, type }) => ({ name, type }));
  return { fields, records: typedAthenaRows(columns, result.rows) };
};
