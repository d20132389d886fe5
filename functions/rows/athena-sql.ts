import { badRequest } from '../domain/errors';
import type { AggregatePlan } from './aggregate-plan';
import { type AggregateDialect, pageOffsetLimit, renderAggregate, renderGroupCount } from './aggregate-sql';
import { sqlIdentifier } from '../ingest/core/duckdb';
import { type BoundValue, type Column, type PlannedQuery, type Predicate, ROW_ID, type SqlType } from './query-model';
import { athenaPlaceSql } from './place-sql';
import { columnSql, type Dialect, integerLiteral, pageColumns, renderOrder, renderWhere, SqlParams } from './sql-render';

/**
 * The scale-out path: the same planned query as Athena (Trino dialect) SQL over the version's
 * Parquet, for versions above ATHENA_ABOVE_PARQUET_BYTES. The SQL has `?` placeholders; the
 * values go in StartQueryExecution's `ExecutionParameters`, which Athena substitutes in order
 * as SQL literals: each is rendered as a quoted string literal and the SQL casts it to the
 * column's type, so no value is ever part of the query text.
 *
 * The Glue table of a version (in the exchange's Glue database) maps its Parquet file; Glue
 * lower-cases column names. Keyset paging needs a row-number column in that table (Athena has
 * no row position): versions served by Athena carry it as `rowIdColumn`.
 */
export interface AthenaTable {
  database: string;
  table: string;
  rowIdColumn: string;
}

export interface AthenaQuery {
  /** StartQueryExecution: QueryString. */
  sql: string;
  /** StartQueryExecution: ExecutionParameters, one per `?` in order. */
  executionParameters: string[];
  /** StartQueryExecution: QueryExecutionContext.Database. */
  database: string;
}

/** Athena's Parquet TIMESTAMP is a UTC instant without zone: instants are compared in UTC. */
const ATHENA_TYPES: Record<SqlType, string> = {
  BIGINT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMP',
  VARCHAR: 'VARCHAR',
};

const dialectFor = (table: AthenaTable): Dialect => ({
  rowId: sqlIdentifier(table.rowIdColumn),
  castType: (type) => ATHENA_TYPES[type],
  contains: (lowered, placeholder) => `strpos(${lowered}, ${placeholder}) > 0`,
  place: athenaPlaceSql,
});

/** Column references use the Glue names; the rest of the rendering is shared with DuckDB. */
/** Glue lower-cases column names. */
const renamed = (column: Column): Column => ({ ...column, name: column.name.toLowerCase() });

const relation = (table: AthenaTable) => `${sqlIdentifier(table.database)}.${sqlIdentifier(table.table)}`;

/** One execution parameter: a string literal (quotes doubled); instants lose their `+00`. */
export const athenaParameter = (bound: BoundValue): string => {
  let text = typeof bound.value === 'string' ? bound.value : String(bound.value);
  if (bound.sqlType === 'TIMESTAMPTZ') text = text.replace(/\+00$/, '');
  if (text.includes('\u0000')) throw new Error('NUL character in a parameter');
  return `'${text.replace(/'/g, "''")}'`;
};

/** StartQueryExecution's bounds: a longer QueryString or execution parameter is refused by Athena. */
const MAX_QUERY_BYTES = 262_144;
const MAX_PARAMETER_CHARS = 1_024;

/** A query Athena would refuse for its size is the client's 400 (fewer or shorter values), not a 500. */
const withinAthenaBounds = (query: AthenaQuery): AthenaQuery => {
  if (Buffer.byteLength(query.sql) > MAX_QUERY_BYTES)
    throw badRequest('This resource is queried through Athena, which cannot take so many filter values: use fewer.', { field: 'filters' });
  if (query.executionParameters.some((p) => p.length > MAX_PARAMETER_CHARS)) {
    throw badRequest(`This resource is queried through Athena, which takes values of at most ${MAX_PARAMETER_CHARS} characters (quotes counting twice).`, {
      field: 'filters',
    });
  }
  return query;
};

const withGlueNames = (plan: PlannedQuery): PlannedQuery => {
  const names = new Map<Column, Column>();
  const map = (column: Column): Column => {
    if (column === ROW_ID) return column;
    if (!names.has(column)) names.set(column, renamed(column));
    return names.get(column)!;
  };
  const mapPredicate = (p: Predicate): Predicate => {
    switch (p.kind) {
      case 'compare':
      case 'in':
      case 'null':
        return { ...p, column: map(p.column) };
      case 'contains':
        return { ...p, columns: p.columns.map(map) };
      case 'place':
        return {
          ...p,
          placing: p.placing.kind === 'geometry' ? { ...p.placing, column: map(p.placing.column) } : { ...p.placing, x: map(p.placing.x), y: map(p.placing.y) },
        };
      case 'and':
      case 'or':
        return { ...p, parts: p.parts.map(mapPredicate) };
      default:
        return p;
    }
  };
  return {
    ...plan,
    where: plan.where.map(mapPredicate),
    after: plan.after && mapPredicate(plan.after),
    select: plan.select.map(map),
    order: plan.order.map((key) => ({ ...key, column: map(key.column) })),
  };
};

export const athenaPageQuery = (table: AthenaTable, plan: PlannedQuery): AthenaQuery => {
  const glue = withGlueNames(plan);
  const dialect = dialectFor(table);
  const params = new SqlParams(dialect);
  const where = renderWhere(glue.after ? [...glue.where, glue.after] : glue.where, dialect, params);
  const columns = pageColumns(glue.select, glue.order);
  const sql =
    `SELECT ${columns.map((c) => columnSql(c, dialect)).join(', ')} FROM ${relation(table)}${where}${renderOrder(glue.order, dialect)}` +
    `${glue.offset > 0 ? ` OFFSET ${integerLiteral(glue.offset)}` : ''} LIMIT ${integerLiteral(glue.limit)}`;
  return withinAthenaBounds({ sql, executionParameters: params.values.map(athenaParameter), database: table.database });
};

export const athenaCountQuery = (
  table: AthenaTable,
  plan: Pick<PlannedQuery, 'where' | 'select' | 'order' | 'limit' | 'offset'>,
  samplePercent?: number,
): AthenaQuery => {
  const glue = withGlueNames({ ...plan, after: undefined });
  const dialect = dialectFor(table);
  const params = new SqlParams(dialect);
  const where = renderWhere(glue.where, dialect, params);
  const sample = samplePercent === undefined ? '' : ` TABLESAMPLE SYSTEM (${integerLiteral(samplePercent)})`;
  return withinAthenaBounds({
    sql: `SELECT count(*) AS n FROM ${relation(table)}${sample}${where}`,
    executionParameters: params.values.map(athenaParameter),
    database: table.database,
  });
};

/** The aggregation over the Glue table: Glue names, and buckets of Athena's UTC timestamps. */
const glueAggregate = (table: AthenaTable, plan: AggregatePlan): { plan: AggregatePlan; dialect: AggregateDialect } => {
  const where = withGlueNames({ where: plan.where, select: [], order: [], limit: plan.limit, offset: plan.offset }).where;
  const groups = plan.groups.map((group) => ({ ...group, column: renamed(group.column) }));
  const measures = plan.measures.map((measure) => (measure.column ? { ...measure, column: renamed(measure.column) } : measure));
  const outputs = new Map([...plan.groups, ...plan.measures].map((output, i) => [output, [...groups, ...measures][i]]));
  const order = plan.order.map((key) => ({ ...key, output: outputs.get(key.output)! }));
  const dialect: AggregateDialect = {
    ...dialectFor(table),
    bucket: (column, _column, bucket) => `CAST(date_trunc('${bucket}', ${column}) AS DATE)`,
    page: pageOffsetLimit,
  };
  return { plan: { ...plan, where, groups, measures, order }, dialect };
};

export const athenaAggregateQuery = (table: AthenaTable, plan: AggregatePlan): AthenaQuery => {
  const glue = glueAggregate(table, plan);
  const params = new SqlParams(glue.dialect);
  const sql = renderAggregate(relation(table), glue.plan, glue.dialect, params);
  return withinAthenaBounds({ sql, executionParameters: params.values.map(athenaParameter), database: table.database });
};

export const athenaGroupCountQuery = (table: AthenaTable, plan: AggregatePlan): AthenaQuery => {
  const glue = glueAggregate(table, plan);
  const params = new SqlParams(glue.dialect);
  const sql = renderGroupCount(relation(table), glue.plan, glue.dialect, params);
  return withinAthenaBounds({ sql, executionParameters: params.values.map(athenaParameter), database: table.database });
};
