import { type FieldProblem, validationFailed } from '../domain/errors';
import type { AggregateFunction, AggregateRequest, Bucket } from './aggregate-request';
import type { RowLimits } from './limits';
import { planQuery } from './plan';
import type { Column, FieldType, Predicate, RowRequest, SqlType } from './query-model';

/**
 * An aggregation resolved against a version's columns: every group and measure names a known
 * column of a type it applies to, has an output name and a result type, and the order is total
 * (the groups end it, and a group's values are unique), so offset paging through the groups is
 * stable. Filters and text search are the row query's own (plan.ts).
 */
export interface GroupOutput {
  kind: 'group';
  column: Column;
  bucket?: Bucket;
  name: string;
  type: FieldType;
  /** The SQL alias: made by the planner (g0, g1, ...), never client text. */
  alias: string;
}

export interface MeasureOutput {
  kind: 'measure';
  fn: AggregateFunction;
  column?: Column;
  name: string;
  type: FieldType;
  alias: string;
}

export type AggregateOutput = GroupOutput | MeasureOutput;

export interface AggregatePlan {
  where: Predicate[];
  groups: GroupOutput[];
  measures: MeasureOutput[];
  order: Array<{ output: AggregateOutput; descending: boolean }>;
  limit: number;
  offset: number;
}

/** The SQL type of each output, for engines that return text (Athena). */
export const SQL_TYPE_OF: ReadonlyMap<FieldType, SqlType> = new Map([
  ['integer', 'BIGINT'],
  ['number', 'DOUBLE'],
  ['boolean', 'BOOLEAN'],
  ['date', 'DATE'],
  ['datetime', 'TIMESTAMP'],
  ['string', 'VARCHAR'],
]);

const shown = (name: string) => JSON.stringify(name);
const NUMERIC = new Set<FieldType>(['integer', 'number']);

const measureType = (fn: AggregateFunction, column: Column | undefined): FieldType => {
  if (fn === 'count' || fn === 'count_distinct') return 'integer';
  if (fn === 'avg') return 'number';
  return column!.type;
};

export const planAggregate = (aggregate: AggregateRequest, request: RowRequest, columns: readonly Column[], limits: RowLimits): AggregatePlan => {
  const problems: FieldProblem[] = [];
  const byName = new Map(columns.map((column) => [column.name, column]));
  const find = (name: string, field: string) => {
    const column = byName.get(name);
    if (!column) problems.push({ field, message: `${shown(name)} is not a column of this resource` });
    return column;
  };
  const names = new Set<string>();
  const named = (name: string, field: string) => {
    if (names.has(name)) problems.push({ field, message: `two outputs would be called ${shown(name)}; give one another name with {"as": ...}` });
    names.add(name);
    return name;
  };

  const groups: GroupOutput[] = [];
  aggregate.groups.forEach((group, i) => {
    const column = find(group.column, 'groupBy');
    if (!column) return;
    if (group.bucket && column.type !== 'date' && column.type !== 'datetime') {
      problems.push({ field: 'groupBy', message: `${group.bucket} buckets apply to dates and date-times; ${shown(column.name)} holds ${column.type} values` });
      return;
    }
    const name = named(group.bucket ? `${column.name}_${group.bucket}` : column.name, 'groupBy');
    groups.push({ kind: 'group', column, ...(group.bucket ? { bucket: group.bucket } : {}), name, type: group.bucket ? 'date' : column.type, alias: `g${i}` });
  });

  const measures: MeasureOutput[] = [];
  aggregate.measures.forEach((measure, i) => {
    const column = measure.column === undefined ? undefined : find(measure.column, 'aggregate');
    if (measure.column !== undefined && !column) return;
    if ((measure.fn === 'sum' || measure.fn === 'avg') && !NUMERIC.has(column!.type)) {
      problems.push({ field: 'aggregate', message: `${measure.fn} applies to numbers; ${shown(column!.name)} holds ${column!.type} values` });
      return;
    }
    const name = named(measure.as ?? (column ? `${measure.fn}_${column.name}` : measure.fn), 'aggregate');
    measures.push({ kind: 'measure', fn: measure.fn, ...(column ? { column } : {}), name, type: measureType(measure.fn, column), alias: `m${i}` });
  });
  if (groups.length === 0 && measures.length === 0 && problems.length === 0) problems.push({ field: 'aggregate', message: 'give groupBy, aggregate or both' });
  if (request.fields !== undefined)
    problems.push({ field: 'fields', message: 'does not apply to aggregations: the outputs are the groupBy columns and the aggregates' });

  const outputs = new Map<string, AggregateOutput>([...groups, ...measures].map((output) => [output.name, output]));
  const order: AggregatePlan['order'] = [];
  for (const key of request.sort) {
    const output = outputs.get(key.column);
    if (!output)
      problems.push({
        field: 'sort',
        message: `${shown(key.column)} is not an output of this aggregation; sort by ${[...outputs.keys()].map(shown).join(', ')}`,
      });
    else if (order.some((o) => o.output === output)) problems.push({ field: 'sort', message: `${shown(key.column)} appears twice` });
    else order.push({ output, descending: key.descending });
  }
  // Filters and q are the row query's: planned (and checked) the same way.
  let where: Predicate[] = [];
  try {
    where = planQuery({ ...request, fields: undefined, sort: [] }, columns, limits).where;
  } catch (error) {
    const fields = (error as { details?: { fields?: FieldProblem[] } }).details?.fields;
    if (!fields) throw error;
    problems.push(...fields);
  }
  if (problems.length > 0) throw validationFailed(problems);
  for (const group of groups) if (!order.some((o) => o.output === group)) order.push({ output: group, descending: false });
  return { where, groups, measures, order, limit: request.limit, offset: request.offset };
};
