/**
 * Bounds of the row query API. Every request is answered within these or refused with a
 * clear error (400 for a request outside them, 413 for a result too large, 504 for a query
 * that runs too long), so a query can never exhaust the function.
 */
export interface RowLimits {
  /** Records per page when `limit` is not given. */
  defaultLimit: number;
  /** Largest `limit` accepted (documented in the API reference). */
  maxLimit: number;
  /** Largest CKAN `offset` accepted; deeper pages should use the native keyset cursor. */
  maxOffset: number;
  /** A page whose JSON would be larger is refused with 413 (Lambda answers at most 6 MB). */
  maxResponseBytes: number;
  /** A query (page or count) running longer is interrupted: 504. */
  queryTimeoutMs: number;
  /** Longest accepted text of one parameter (filters, fields, sort, q, cursor). */
  maxParameterChars: number;
  maxConditions: number;
  maxInValues: number;
  maxSortKeys: number;
  maxSearchWords: number;
  /** Longest string value in a filter or search. */
  maxValueChars: number;
  /** A filtered total over a version with more rows is estimated from a sample (and flagged). */
  exactTotalMaxRows: number;
  /** Share of the rows sampled for an estimated total, in percent. */
  estimateSamplePercent: number;
}

export const ROW_LIMITS: RowLimits = {
  defaultLimit: 100,
  maxLimit: 10_000,
  maxOffset: 1_000_000,
  maxResponseBytes: 5 * 1024 * 1024,
  queryTimeoutMs: 10_000,
  maxParameterChars: 8_192,
  maxConditions: 50,
  maxInValues: 1_000,
  maxSortKeys: 10,
  maxSearchWords: 10,
  maxValueChars: 1_000,
  exactTotalMaxRows: 5_000_000,
  estimateSamplePercent: 10,
};

/** Where a version's rows are queried (DuckDB, or Athena above this Parquet size): shared with the ingest. */

/**
 * An Athena query (page or count) is stopped past this and answered with a 504: Athena takes
 * a second or more even for small results, and the API function ends at 29 s (API Gateway at 30 s).
 */
export const ATHENA_QUERY_TIMEOUT_MS = 20_000;
