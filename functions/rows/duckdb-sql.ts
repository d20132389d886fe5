import { quoteIdentifier } from './columns';
import type { Column, PlannedQuery } from './query-model';
import { columnSql, type Dialect, integerLiteral, pageColumns, renderOrder, renderWhere, SqlParams, type SqlText } from './sql-render';

/** A loaded version: a DuckDB table or view whose name and row-number column the engine chose. */
export interface DuckDbSource {
  relation: string;
  rowIdColumn: string;
}

const dialectFor = (source: DuckDbSource): Dialect => ({
  rowId: quoteIdentifier(source.rowIdColumn),
  castType: (type) => type,
  contains: (lowered, placeholder) => `contains(${lowered}, ${placeholder})`,
});

export interface PageSql extends SqlText {
  /** The columns of each result row, in order: the projection, then extra order keys. */
  columns: Column[];
}

export const duckDbPageSql = (source: DuckDbSource, plan: PlannedQuery): PageSql => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const columns = pageColumns(plan.select, plan.order);
  const where = renderWhere(plan.after ? [...plan.where, plan.after] : plan.where, dialect, params);
  const sql =
    `SELECT ${columns.map((c) => columnSql(c, dialect)).join(', ')} FROM ${quoteIdentifier(source.relation)}${where}` +
    `${renderOrder(plan.order, dialect)} LIMIT ${integerLiteral(plan.limit)}${plan.offset > 0 ? ` OFFSET ${integerLiteral(plan.offset)}` : ''}`;
  return { sql, params: params.values, columns };
};

export const duckDbCountSql = (source: DuckDbSource, plan: Pick<PlannedQuery, 'where'>): SqlText => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const where = renderWhere(plan.where, dialect, params);
  return { sql: `SELECT count(*) AS n FROM ${quoteIdentifier(source.relation)}${where}`, params: params.values };
};

/** Counts matches in a fixed-seed sample of `percent` of the rows; multiply by 100/percent. */
export const duckDbSampleCountSql = (source: DuckDbSource, plan: Pick<PlannedQuery, 'where'>, percent: number): SqlText => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const where = renderWhere(plan.where, dialect, params);
  const sample = `(SELECT * FROM ${quoteIdentifier(source.relation)} USING SAMPLE ${integerLiteral(percent)} PERCENT (system, 42))`;
  return { sql: `SELECT count(*) AS n FROM ${sample} AS sampled${where}`, params: params.values };
};
