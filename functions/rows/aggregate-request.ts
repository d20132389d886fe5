import { validationFailed } from '../domain/errors';
import type { RowLimits } from './limits';
import { parseJsonParameter } from './parse-parameters';

/**
 * Aggregations asked of the rows endpoint: `groupBy` (up to three columns, dates bucketed by
 * day, week, month or year) and `aggregate` (count, count_distinct, sum, avg, min, max), both
 * checked for shape here and against the version's columns by aggregate-plan.ts.
 *
 *   groupBy    borough,measured_at:month      (or a JSON array of "col[:bucket]" or {"field", "bucket"})
 *   aggregate  count,avg:value,max:value      (or a JSON array of "fn[:col]" or {"fn", "field", "as"})
 */
export const BUCKETS = ['day', 'week', 'month', 'year'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const AGGREGATE_FUNCTIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export interface GroupRequest {
  column: string;
  bucket?: Bucket;
}

export interface MeasureRequest {
  fn: AggregateFunction;
  /** Absent only for count (every row). */
  column?: string;
  /** The output name; default `count` or `{fn}_{column}`. */
  as?: string;
}

export interface AggregateRequest {
  groups: GroupRequest[];
  measures: MeasureRequest[];
}

export const AGGREGATE_LIMITS = { maxGroupColumns: 3, maxMeasures: 20 };

const invalid = (field: string, message: string) => validationFailed([{ field, message }]);

/** Comma-separated items, or a JSON array (for names holding commas or colons). */
const items = (field: string, raw: string, limits: RowLimits): unknown[] => {
  if (raw.length > limits.maxParameterChars) throw invalid(field, `must be at most ${limits.maxParameterChars} characters`);
  if (raw.trimStart().startsWith('[')) {
    const list = parseJsonParameter(field, raw, limits);
    if (!Array.isArray(list)) throw invalid(field, 'must be a list');
    return list;
  }
  return raw.split(',').map((item) => item.trim());
};

const isBucket = (text: string): text is Bucket => (BUCKETS as readonly string[]).includes(text);
const isFunction = (text: string): text is AggregateFunction => (AGGREGATE_FUNCTIONS as readonly string[]).includes(text);

const groupOf = (item: unknown): GroupRequest => {
  if (typeof item === 'string') {
    const match = /^(.*):(day|week|month|year)$/.exec(item);
    return match ? { column: match[1], bucket: match[2] as Bucket } : { column: item };
  }
  const { field, bucket } = (item ?? {}) as { field?: unknown; bucket?: unknown };
  if (typeof field !== 'string' || (bucket !== undefined && (typeof bucket !== 'string' || !isBucket(bucket)))) {
    throw invalid('groupBy', `items must be "column", "column:bucket" or {"field", "bucket"} with bucket one of ${BUCKETS.join(', ')}`);
  }
  return bucket === undefined ? { column: field } : { column: field, bucket };
};

const measureOf = (item: unknown): MeasureRequest => {
  let fn: unknown;
  let column: unknown;
  let as: unknown;
  if (typeof item === 'string') {
    const at = item.indexOf(':');
    [fn, column] = at < 0 ? [item, undefined] : [item.slice(0, at), item.slice(at + 1)];
  } else ({ fn, field: column, as } = (item ?? {}) as { fn?: unknown; field?: unknown; as?: unknown });
  if (typeof fn !== 'string' || !isFunction(fn))
    throw invalid('aggregate', `functions are ${AGGREGATE_FUNCTIONS.join(', ')}: write "fn:column" (or count alone)`);
  if (column !== undefined && (typeof column !== 'string' || column === '')) throw invalid('aggregate', `${fn} needs a column name`);
  if (column === undefined && fn !== 'count') throw invalid('aggregate', `${fn} needs a column: "${fn}:column"`);
  if (as !== undefined && (typeof as !== 'string' || as.length === 0 || as.length > 100))
    throw invalid('aggregate', '"as" must be a name of 1 to 100 characters');
  return { fn, ...(column === undefined ? {} : { column: column as string }), ...(as === undefined ? {} : { as: as as string }) };
};

/** Undefined when neither parameter is given (a plain row query). */
export const parseAggregateRequest = (groupBy: string | undefined, aggregate: string | undefined, limits: RowLimits): AggregateRequest | undefined => {
  if ((groupBy === undefined || groupBy === '') && (aggregate === undefined || aggregate === '')) return undefined;
  const groups = groupBy ? items('groupBy', groupBy, limits).map(groupOf) : [];
  const measures = aggregate ? items('aggregate', aggregate, limits).map(measureOf) : [];
  if (groups.some((g) => g.column === '')) throw invalid('groupBy', 'names an empty column');
  if (groups.length > AGGREGATE_LIMITS.maxGroupColumns) throw invalid('groupBy', `at most ${AGGREGATE_LIMITS.maxGroupColumns} columns`);
  if (measures.length > AGGREGATE_LIMITS.maxMeasures) throw invalid('aggregate', `at most ${AGGREGATE_LIMITS.maxMeasures} aggregates`);
  return { groups, measures };
};
