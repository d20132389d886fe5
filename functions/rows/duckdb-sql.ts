import { sqlIdentifier } from '../ingest/core/duckdb';
import type { AggregatePlan } from './aggregate-plan';
import { type AggregateDialect, pageLimitOffset, renderAggregate, renderGroupCount } from './aggregate-sql';
import { duckDbPlaceSql } from './place-sql';
import type { Column, PlannedQuery, Predicate } from './query-model';
import { columnSql, type Dialect, integerLiteral, pageColumns, renderOrder, renderWhere, type SearchText, SqlParams, type SqlText } from './sql-render';

/** A loaded version: a DuckDB table or view whose name and row-number column the engine chose. */
export interface DuckDbSource {
  relation: string;
  rowIdColumn: string;
  /** In-memory versions with text columns carry their lower-cased text for `q` (see SearchText). */
  searchText?: SearchText;
}

const dialectFor = (source: DuckDbSource): Dialect => ({
  rowId: sqlIdentifier(source.rowIdColumn),
  castType: (type) => type,
  contains: (lowered, placeholder) => `contains(${lowered}, ${placeholder})`,
  place: duckDbPlaceSql,
  searchText: source.searchText,
});

export interface PageSql extends SqlText {
  /** The columns of each result row, in order: the projection, then extra order keys. */
  columns: Column[];
}

/**
 * A page: the rows matching the filters (and after the cursor), in order, limited.
 *
 * After a cursor in a sorted order, "after the position" is a disjunction over the sort keys
 * (keyset.ts). As one OR filter it defeats DuckDB's scan filters and its Top-N keeps every row
 * (EXPLAIN ANALYZE: ~1M rows through FILTER and TOP_N for a 1M-row version), so each exclusive
 * part is its own ordered, limited branch: the first is a plain range on the first key (pushed
 * into the scan), the others start with equalities on the leading keys and select few rows.
 * The branches exclude each other, so UNION ALL adds no duplicates; the outer query orders and
 * limits their union.
 */
export const duckDbPageSql = (source: DuckDbSource, plan: PlannedQuery): PageSql => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const columns = pageColumns(plan.select, plan.order);
  const selected = columns.map((c) => columnSql(c, dialect)).join(', ');
  const order = renderOrder(plan.order, dialect);
  const branch = (after: Predicate | undefined, limit: number, offset: number) => {
    const where = renderWhere(after ? [...plan.where, after] : plan.where, dialect, params);
    return `SELECT ${selected} FROM ${sqlIdentifier(source.relation)}${where}${order} LIMIT ${integerLiteral(limit)}${offset > 0 ? ` OFFSET ${integerLiteral(offset)}` : ''}`;
  };
  const after = plan.after;
  if (after?.kind !== 'or' || after.exclusive !== true) return { sql: branch(after, plan.limit, plan.offset), params: params.values, columns };
  const enough = plan.limit + plan.offset;
  const branches = after.parts.map((part) => `(${branch(part, enough, 0)})`).join(' UNION ALL ');
  const sql = `SELECT ${selected} FROM (${branches}) AS page${order} LIMIT ${integerLiteral(plan.limit)}${plan.offset > 0 ? ` OFFSET ${integerLiteral(plan.offset)}` : ''}`;
  return { sql, params: params.values, columns };
};

/**
 * The first step of a sorted page read late: only the order keys (ending with the row number) of
 * the page's rows, so the sort reads a few narrow columns instead of every column of every row.
 */
export const duckDbPageKeysSql = (source: DuckDbSource, plan: PlannedQuery): PageSql => duckDbPageSql(source, { ...plan, select: [] });

/**
 * The second step: the rows with these row numbers, in the plan's order. With the index on the
 * row number (VersionCache) DuckDB finds them directly (an Index Scan in EXPLAIN) instead of
 * scanning every column of the version for rows spread across it.
 */
export const duckDbRowsByIdSql = (source: DuckDbSource, plan: Pick<PlannedQuery, 'select' | 'order'>, rowIds: readonly bigint[]): PageSql => {
  if (rowIds.length === 0) throw new Error('no row numbers to read');
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const columns = pageColumns(plan.select, plan.order);
  const list = rowIds.map((id) => params.placeholder({ sqlType: 'BIGINT', value: id })).join(', ');
  const sql = `SELECT ${columns.map((c) => columnSql(c, dialect)).join(', ')} FROM ${sqlIdentifier(source.relation)} WHERE ${dialect.rowId} IN (${list})${renderOrder(plan.order, dialect)}`;
  return { sql, params: params.values, columns };
};

/**
 * The first order key's value at the page's last row (OFFSET limit + offset − 1), ranked over
 * `subset`: rows that all come before the rest in the order and have that key (see page-rows.ts).
 * One key, so DuckDB's Top-N pushes its boundary into the scan; the value comes back as text so
 * that binding it again is exact. It is cast to the type it is bound as first: a FLOAT 0.1 is
 * '0.1' as text but 0.10000000149011612 as the DOUBLE it is compared as.
 */
export const duckDbFirstKeyBoundSql = (source: DuckDbSource, plan: PlannedQuery, subset: Predicate): SqlText => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const key = plan.order[0];
  const column = columnSql(key.column, dialect);
  const where = renderWhere([...plan.where, subset], dialect, params);
  const ranked = `SELECT ${column} AS bound FROM ${sqlIdentifier(source.relation)}${where} ORDER BY ${column} ${key.descending ? 'DESC' : 'ASC'}`;
  return {
    sql: `SELECT CAST(CAST(bound AS ${key.column.sqlType}) AS VARCHAR) AS bound FROM (${ranked} LIMIT 1 OFFSET ${integerLiteral(plan.limit + plan.offset - 1)})`,
    params: params.values,
  };
};

export const duckDbCountSql = (source: DuckDbSource, plan: Pick<PlannedQuery, 'where'>): SqlText => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const where = renderWhere(plan.where, dialect, params);
  return { sql: `SELECT count(*) AS n FROM ${sqlIdentifier(source.relation)}${where}`, params: params.values };
};

/** Counts matches in a fixed-seed sample of `percent` of the rows; multiply by 100/percent. */
export const duckDbSampleCountSql = (source: DuckDbSource, plan: Pick<PlannedQuery, 'where'>, percent: number): SqlText => {
  const dialect = dialectFor(source);
  const params = new SqlParams(dialect);
  const where = renderWhere(plan.where, dialect, params);
  const sample = `(SELECT * FROM ${sqlIdentifier(source.relation)} USING SAMPLE ${integerLiteral(percent)} PERCENT (system, 42))`;
  return { sql: `SELECT count(*) AS n FROM ${sample} AS sampled${where}`, params: params.values };
};

/**
 * Date buckets in UTC: an instant's day does not move with the process's time zone. The instant
 * becomes its UTC wall time through its epoch microseconds, not timezone('UTC', ...), whose ICU
 * conversion per row made a monthly count of 1M rows several times slower.
 */
const aggregateDialectFor = (source: DuckDbSource): AggregateDialect => ({
  ...dialectFor(source),
  bucket: (column, { sqlType }, bucket) =>
    `CAST(date_trunc('${bucket}', ${sqlType === 'TIMESTAMPTZ' ? `make_timestamp(epoch_us(${column}))` : column}) AS DATE)`,
  page: pageLimitOffset,
});

export const duckDbAggregateSql = (source: DuckDbSource, plan: AggregatePlan): SqlText => {
  const dialect = aggregateDialectFor(source);
  const params = new SqlParams(dialect);
  return { sql: renderAggregate(sqlIdentifier(source.relation), plan, dialect, params), params: params.values };
};

export const duckDbGroupCountSql = (source: DuckDbSource, plan: AggregatePlan): SqlText => {
  const dialect = aggregateDialectFor(source);
  const params = new SqlParams(dialect);
  return { sql: renderGroupCount(sqlIdentifier(source.relation), plan, dialect, params), params: params.values };
};
