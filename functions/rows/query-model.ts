import type { PlaceArea } from './place-areas';

/**
 * The row query model shared by the native endpoint, CKAN `datastore_search`, the DuckDB engine
 * and the Athena SQL generator. A `RowRequest` is what a client asked for (column names not yet
 * checked); a `PlannedQuery` has every name resolved against the version's columns and every
 * value typed, so the SQL generators only ever see known columns and bound values.
 */

/** Frictionless Table Schema types, as the ingest writes them. */
export type FieldType = 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'string';

/** The SQL types a value is cast to (both dialects know these names). */
export type SqlType = 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP' | 'TIMESTAMPTZ' | 'VARCHAR';

export interface Column {
  name: string;
  type: FieldType;
  sqlType: SqlType;
}

export const rangeOperators = ['gt', 'gte', 'lt', 'lte'] as const;
export type RangeOperator = (typeof rangeOperators)[number];

/** One filter condition as asked: `value` null with `eq` means "is empty". */
export type Condition =
  | { column: string; op: 'eq'; value: unknown }
  | { column: string; op: 'in'; values: unknown[] }
  | { column: string; op: RangeOperator; value: unknown };

/** A text search term: in one column, or (column absent) in any string column. */
export interface SearchTerm {
  column?: string;
  term: string;
}

export interface SortRequest {
  column: string;
  descending: boolean;
}

/** `auto`: exact, unless a filtered count over a very large version (then estimated and flagged). */
export type TotalMode = 'auto' | 'exact' | 'none';

/** `bbox` and `within`: the area rows must lie in (both given: in both). */
export interface PlaceRequest {
  bbox?: [west: number, south: number, east: number, north: number];
  /** A London borough's E09 code. */
  within?: string;
}

/** How a version's rows are placed (its geography's placing columns, resolved): points in WGS84 or the National Grid, or a GeoJSON geometry column. */
export type Placing = { kind: 'point'; grid: 'wgs84' | 'bng'; x: Column; y: Column } | { kind: 'geometry'; column: Column };

export interface RowRequest {
  conditions: Condition[];
  place?: PlaceRequest;
  search: SearchTerm[];
  /** Projection; absent = every column in schema order. */
  fields?: string[];
  sort: SortRequest[];
  limit: number;
  /** CKAN paging; the native API pages with `cursor` instead. */
  offset: number;
  cursor?: string;
  version?: number;
  total: TotalMode;
}

/** A typed value ready to be bound as a parameter. */
export interface BoundValue {
  sqlType: SqlType;
  value: string | number | boolean | bigint;
}

export type Comparison = '=' | '>' | '>=' | '<' | '<=';

/** A WHERE condition over resolved columns; values are always parameters. */
export type Predicate =
  | { kind: 'compare'; column: Column; op: Comparison; value: BoundValue }
  | { kind: 'in'; column: Column; values: BoundValue[] }
  | { kind: 'null'; column: Column; isNull: boolean }
  /** Case-insensitive substring in any of `columns`: `term` and cells are both lower-cased by the SQL's lower(). */
  | { kind: 'contains'; columns: Column[]; term: string }
  /** The row's place lies in the area (place-sql.ts renders it for each engine). */
  | { kind: 'place'; placing: Placing; area: PlaceArea }
  | { kind: 'and'; parts: Predicate[] }
  /** `exclusive`: no row satisfies two of the parts (the keyset position), so they may be queried apart. */
  | { kind: 'or'; parts: Predicate[]; exclusive?: boolean }
  | { kind: 'false' };

/** The row number: a stable, unique key of a version's rows (1-based, file order). */
export const ROW_ID: Column = { name: '_id', type: 'integer', sqlType: 'BIGINT' };

export interface OrderKey {
  /** ROW_ID (by identity) for the row number. */
  column: Column;
  descending: boolean;
}

export interface PlannedQuery {
  /** Filters and text search (without the keyset position): what `total` counts. */
  where: Predicate[];
  /** Rows strictly after the cursor's position in `order` (an exclusive `or` when there are several keys). */
  after?: Predicate;
  /** The cursor's position itself: the order-key values of the last row served (empty ones null). */
  position?: (BoundValue | null)[];
  select: Column[];
  /** Always ends with ROW_ID, so the order is total and keyset paging is exact. */
  order: OrderKey[];
  limit: number;
  offset: number;
}
