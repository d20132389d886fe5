import { sqlIdentifier } from '../ingest/core/duckdb';
import { type BoundValue, type Column, type OrderKey, type Predicate, ROW_ID, type SqlType } from './query-model';

/**
 * Renders the query model as SQL text with `?` placeholders. The text is made only of fixed
 * keywords, quoted identifiers of checked columns, and placeholders; every client value is in
 * `params`, in placeholder order. The two dialects (DuckDB, Athena/Trino) differ in a few
 * spellings, given by `Dialect`.
 */
export interface Dialect {
  /** The SQL for the row number column of the source. */
  rowId: string;
  /** SQL type name used in CAST for a parameter of this type. */
  castType: (type: SqlType) => string;
  /** Case-insensitive substring test; `lowered` is the column already wrapped in lower(). */
  contains: (lowered: string, placeholder: string) => string;
  /** `bbox` / `within`: the engine's own spatial test (place-sql.ts). */
  place: (predicate: Extract<Predicate, { kind: 'place' }>, quote: (column: Column) => string, params: SqlParams) => string;
  /** A precomputed lower-case text of several columns, used for a search across exactly those columns. */
  searchText?: SearchText;
}

/**
 * A column holding lower(c1) || separator || lower(c2) ... of the `covers` columns (empty ones
 * left out). A term without the separator is a substring of it exactly when it is a substring of
 * one of the lower-cased columns, so one test replaces one lower() and one test per column.
 */
export interface SearchText {
  column: string;
  covers: readonly string[];
  separator: string;
}

const usesSearchText = (text: SearchText | undefined, columns: readonly Column[], term: string): text is SearchText =>
  text !== undefined &&
  term.length > 0 &&
  !term.includes(text.separator) &&
  columns.length === text.covers.length &&
  columns.every((column) => column !== ROW_ID && text.covers.includes(column.name));

export interface SqlText {
  sql: string;
  params: BoundValue[];
}

export const columnSql = (column: Column, dialect: Dialect): string => (column === ROW_ID ? dialect.rowId : sqlIdentifier(column.name));

/** Collects parameters while rendering, so placeholders and values cannot drift apart. */
export class SqlParams {
  readonly values: BoundValue[] = [];

  constructor(private readonly dialect: Dialect) {}

  placeholder(value: BoundValue): string {
    this.values.push(value);
    return `CAST(? AS ${this.dialect.castType(value.sqlType)})`;
  }

  /** A search term, lower-cased by the same lower() as the cells it is looked for in. */
  lowered(term: string): string {
    this.values.push({ sqlType: 'VARCHAR', value: term });
    return 'lower(?)';
  }
}

export const renderPredicate = (predicate: Predicate, dialect: Dialect, params: SqlParams): string => {
  switch (predicate.kind) {
    case 'compare':
      return `${columnSql(predicate.column, dialect)} ${predicate.op} ${params.placeholder(predicate.value)}`;
    case 'in':
      return `${columnSql(predicate.column, dialect)} IN (${predicate.values.map((value) => params.placeholder(value)).join(', ')})`;
    case 'null':
      return `${columnSql(predicate.column, dialect)} IS ${predicate.isNull ? '' : 'NOT '}NULL`;
    case 'contains': {
      if (usesSearchText(dialect.searchText, predicate.columns, predicate.term))
        return dialect.contains(sqlIdentifier(dialect.searchText.column), params.lowered(predicate.term));
      const alternatives = predicate.columns.map((column) => dialect.contains(`lower(${columnSql(column, dialect)})`, params.lowered(predicate.term)));
      return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
    }
    case 'place':
      return dialect.place(predicate, (column) => columnSql(column, dialect), params);
    case 'and':
      return `(${predicate.parts.map((part) => renderPredicate(part, dialect, params)).join(' AND ')})`;
    case 'or':
      return `(${predicate.parts.map((part) => renderPredicate(part, dialect, params)).join(' OR ')})`;
    case 'false':
      return 'FALSE';
  }
};

export const renderWhere = (predicates: readonly Predicate[], dialect: Dialect, params: SqlParams): string =>
  predicates.length === 0 ? '' : ` WHERE ${predicates.map((p) => renderPredicate(p, dialect, params)).join(' AND ')}`;

/** Empty values come last in both directions (see keyset.ts). */
export const renderOrder = (order: readonly OrderKey[], dialect: Dialect): string =>
  ` ORDER BY ${order.map((key) => `${columnSql(key.column, dialect)} ${key.descending ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`;

/** Row counts and offsets are numbers the planner produced, never client text. */
export const integerLiteral = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${n}`);
  return String(n);
};

/** The columns a page query selects: the projection, then any order key it lacks (for the cursor). */
export const pageColumns = (select: readonly Column[], order: readonly OrderKey[]): Column[] => {
  const columns = [...select];
  for (const key of order) if (!columns.includes(key.column)) columns.push(key.column);
  return columns;
};
