import { sqlIdentifier } from '../ingest/core/duckdb';
import type { AggregatePlan, MeasureOutput } from './aggregate-plan';
import type { Bucket } from './aggregate-request';
import type { Column } from './query-model';
import { columnSql, type Dialect, integerLiteral, renderWhere, type SqlParams } from './sql-render';

/**
 * An aggregation as SQL, shared by DuckDB and Athena (Trino): the same SELECT ... GROUP BY with
 * the engine's spellings of a date bucket and of LIMIT/OFFSET. Aliases are the planner's (g0,
 * m0...), columns are checked names, values are parameters: no client text reaches the SQL.
 */
export interface AggregateDialect extends Dialect {
  /** The first day of the bucket holding the column's value, as a DATE. */
  bucket: (columnSql: string, column: Column, bucket: Bucket) => string;
  /** `LIMIT n OFFSET m` (DuckDB) or `OFFSET m LIMIT n` (Trino). */
  page: (limit: number, offset: number) => string;
}

const measureSql = (measure: MeasureOutput, dialect: Dialect): string => {
  const column = measure.column ? columnSql(measure.column, dialect) : '*';
  switch (measure.fn) {
    case 'count':
      return `count(${column})`;
    case 'count_distinct':
      return `count(DISTINCT ${column})`;
    default:
      return `${measure.fn}(${column})`;
  }
};

const groupSql = (plan: AggregatePlan, dialect: AggregateDialect) =>
  plan.groups.map((group) => {
    const column = columnSql(group.column, dialect);
    return group.bucket ? dialect.bucket(column, group.column, group.bucket) : column;
  });

export const renderAggregate = (relation: string, plan: AggregatePlan, dialect: AggregateDialect, params: SqlParams): string => {
  const groups = groupSql(plan, dialect);
  const outputs = [
    ...plan.groups.map((group, i) => `${groups[i]} AS ${sqlIdentifier(group.alias)}`),
    ...plan.measures.map((measure) => `${measureSql(measure, dialect)} AS ${sqlIdentifier(measure.alias)}`),
  ];
  const where = renderWhere(plan.where, dialect, params);
  const groupBy = groups.length > 0 ? ` GROUP BY ${groups.map((_, i) => i + 1).join(', ')}` : '';
  const order =
    plan.order.length > 0
      ? ` ORDER BY ${plan.order.map((key) => `${sqlIdentifier(key.output.alias)} ${key.descending ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`
      : '';
  return `SELECT ${outputs.join(', ')} FROM ${relation}${where}${groupBy}${order} ${dialect.page(plan.limit, plan.offset)}`;
};

/** How many groups the aggregation has (one without groupBy). */
export const renderGroupCount = (relation: string, plan: AggregatePlan, dialect: AggregateDialect, params: SqlParams): string => {
  const groups = groupSql(plan, dialect);
  const where = renderWhere(plan.where, dialect, params);
  return `SELECT count(*) AS n FROM (SELECT ${groups.join(', ')} FROM ${relation}${where} GROUP BY ${groups.map((_, i) => i + 1).join(', ')}) AS grouped`;
};

export const pageLimitOffset = (limit: number, offset: number) => `LIMIT ${integerLiteral(limit)}${offset > 0 ? ` OFFSET ${integerLiteral(offset)}` : ''}`;
export const pageOffsetLimit = (limit: number, offset: number) => `${offset > 0 ? `OFFSET ${integerLiteral(offset)} ` : ''}LIMIT ${integerLiteral(limit)}`;
