import { duckDbFirstKeyBoundSql, duckDbPageKeysSql, duckDbPageSql, duckDbRowsByIdSql } from './duckdb-sql';
import type { DuckDbEngine } from './duckdb-engine';
import { type BoundValue, type Column, type PlannedQuery, type Predicate, ROW_ID } from './query-model';
import { type JsonCell, jsonRows } from './render-values';
import { pageColumns } from './sql-render';
import type { Lease } from './version-cache';

/**
 * Pages up to this many rows in a sorted order are read late (keys first, then the rows by row
 * number); larger pages are read in one query, whose full scan is shared by many rows. Below
 * DuckDB's index_scan_max_count (2048), so the second step stays an index lookup.
 */
const LATE_READ_MAX_ROWS = 1000;

export interface PageRows {
  /** The columns of each row: the projection, then the order keys it lacks. */
  columns: Column[];
  rows: JsonCell[][];
}

/**
 * The rows of a planned page. In file order a page is a range (or a Top-N with DuckDB's dynamic
 * filter on the row number) and one query reads it. In any other order every row must be
 * ranked: EXPLAIN ANALYZE of the one-query form on 1M rows showed the scan emitting every column
 * of ~1M rows into the TOP_N, most of the time of a sorted page. So an in-memory version is read
 * in two steps: the Top-N over the order keys alone, then the page's rows by row number through
 * the version's row-number index (built on the first sorted read). After a cursor, when a bound
 * on the first order key can be found (firstKeyBound), so few rows pass the scan's filter that
 * one query reading them whole is faster than the two steps (bench: sorted next page p50 42 to
 * 31 ms over HTTP).
 */
export const readPageRows = async (duckdb: DuckDbEngine, lease: Lease, plan: PlannedQuery, timeoutMs: number): Promise<PageRows> => {
  const source = lease.version;
  const late = plan.order[0].column !== ROW_ID && source.inMemory && plan.limit <= LATE_READ_MAX_ROWS;
  const deadline = performance.now() + timeoutMs;
  if (!late) {
    const page = duckDbPageSql(source, plan);
    return { columns: page.columns, rows: jsonRows(await duckdb.query(page.sql, page.params, timeoutMs)) };
  }
  const bound = await firstKeyBound(duckdb, lease, plan, timeoutMs);
  if (bound) {
    // Bounded, few rows pass the scan's filter, and only they are read whole: one query, and the
    // keyset as one OR filter costs less than one branch per part.
    const page = duckDbPageSql(source, {
      ...plan,
      where: [...plan.where, bound],
      after: plan.after?.kind === 'or' ? { ...plan.after, exclusive: false } : plan.after,
    });
    return { columns: page.columns, rows: jsonRows(await duckdb.query(page.sql, page.params, Math.max(1, Math.round(deadline - performance.now())))) };
  }
  const ranked = async () => {
    const keys = duckDbPageKeysSql(source, plan);
    return { columns: keys.columns, rows: jsonRows(await duckdb.query(keys.sql, keys.params, Math.max(1, Math.round(deadline - performance.now())))) };
  };
  const [keys] = await Promise.all([ranked(), lease.indexRowNumbers()]);
  const keyRows = keys.rows;
  const rowIdAt = keys.columns.indexOf(ROW_ID);
  const rowIds = keyRows.map((row) => BigInt(row[rowIdAt] as number));
  if (rowIds.length === 0) return { columns: pageColumns(plan.select, plan.order), rows: [] };
  const fetch = duckDbRowsByIdSql(source, plan, rowIds);
  const rows = jsonRows(await duckdb.query(fetch.sql, fetch.params, Math.max(1, Math.round(deadline - performance.now()))));
  if (rows.length !== rowIds.length) throw new Error(`read ${rows.length} of ${rowIds.length} rows by row number`);
  return { columns: fetch.columns, rows };
};

/**
 * After a cursor, a bound on the first order key that every row of the page meets, so the
 * Top-N over all keys (filtered by the keyset's OR, which defeats DuckDB's dynamic Top-N filter)
 * ranks a few rows instead of all of them.
 *
 * Let S be the matching rows whose first key is strictly beyond the cursor's value v: they all
 * come after the cursor. Let b be the key at rank n = limit + offset in S. The page is the first
 * n rows after the cursor, in an order led by the key; S is among them, so the page's key values
 * are the n first of a superset of S, none ranked after b: every row of the page has key >= b
 * (descending) or <= b (ascending), and those n rows stay the first n once the bound is added.
 * Without such a b (S too small, empty position) there is no bound.
 *
 * Not for first pages or CKAN offsets: measured on 1M rows, the bound query cost more than it
 * saved there (13 + 11 ms against 19 ms without it on a first page; at OFFSET 5 100 DuckDB sorts
 * every row instead of a Top-N, 79 ms for the bound alone against 28 ms for the page without it).
 */
const firstKeyBound = async (duckdb: DuckDbEngine, lease: Lease, plan: PlannedQuery, timeoutMs: number): Promise<Predicate | undefined> => {
  const key = plan.order[0];
  const at = plan.position?.[0];
  if (at === undefined || at === null || key.column.sqlType === 'BOOLEAN' || plan.limit + plan.offset < 1) return undefined;
  const subset: Predicate = { kind: 'compare', column: key.column, op: key.descending ? '<' : '>', value: at };
  const sql = duckDbFirstKeyBoundSql(lease.version, plan, subset);
  const [row] = (await duckdb.query(sql.sql, sql.params, timeoutMs)).getRows();
  const text = row?.[0];
  if (typeof text !== 'string') return undefined;
  const value = boundFromText(key.column.sqlType, text);
  return value && { kind: 'compare', column: key.column, op: key.descending ? '>=' : '<=', value };
};

/** DuckDB's text of a value, bound again exactly (shortest round-trip doubles; other types cast back from text). */
const boundFromText = (sqlType: BoundValue['sqlType'], text: string): BoundValue | undefined => {
  if (sqlType === 'BIGINT') return { sqlType, value: BigInt(text) };
  if (sqlType === 'DOUBLE') {
    const n = Number(text);
    return Number.isFinite(n) ? { sqlType, value: n } : undefined;
  }
  return { sqlType, value: text };
};
