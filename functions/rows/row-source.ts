import type { AggregatePlan } from './aggregate-plan';
import type { Column, PlannedQuery } from './query-model';
import type { JsonCell } from './render-values';
import type { PageRows } from './page-rows';

/**
 * Where a version's rows are read: DuckDB in the function (duckdb-source.ts) or Athena over the
 * version's Parquet in S3 (athena-source.ts). Paging, cursors, totals and size limits are the
 * same for both (query-rows.ts); only these reads differ.
 */
export interface RowSource {
  engine: 'duckdb' | 'athena';
  /** The queryable columns: only these names ever reach SQL. */
  columns: Column[];
  /** Rows in the version, when known without a query. */
  rowCount: number | undefined;
  /**
   * The rows of a page (limit already one more than asked). `afterRowId` is the cursor's row
   * number in file order (0 without a cursor), for sources that read such pages as a range.
   */
  page(plan: PlannedQuery, afterRowId: number): Promise<PageRows>;
  /** Rows matching `where`: exact, or estimated from a sample of `samplePercent` of the rows. */
  count(plan: Pick<PlannedQuery, 'where' | 'select' | 'order' | 'limit' | 'offset'>, samplePercent?: number): Promise<number>;
  /** One page of an aggregation's groups: the group values, then the measures, in plan order. */
  aggregate(plan: AggregatePlan): Promise<JsonCell[][]>;
  /** How many groups the aggregation has in all. */
  countGroups(plan: AggregatePlan): Promise<number>;
}
