import { badRequest, type FieldProblem, validationFailed } from '../domain/errors';
import { afterPosition } from './keyset';
import type { RowLimits } from './limits';
import {
  type BoundValue,
  type Column,
  type Comparison,
  type Condition,
  type OrderKey,
  type PlannedQuery,
  type Predicate,
  ROW_ID,
  type RowRequest,
} from './query-model';
import { typedValue } from './typed-values';

/**
 * Resolves a request against a version's columns. Every column name must be one of the
 * version's schema fields (or `_id`, the row number, where a sort allows it); every value must
 * be of its column's type. Anything else is a 400 naming the parameter, before any SQL exists.
 */
const RANGE_SQL: Record<string, Comparison> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const RANGE_TYPES = new Set(['integer', 'number', 'date', 'datetime']);

/** Echoes at most a short, printable prefix of a client's text in an error message. */
const shown = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

class Resolver {
  readonly problems: FieldProblem[] = [];
  private readonly byName: Map<string, Column>;

  constructor(
    columns: readonly Column[],
    private readonly limits: RowLimits,
  ) {
    this.byName = new Map(columns.map((column) => [column.name, column]));
  }

  column(name: string, field: string, allowRowId = false): Column | undefined {
    const column = this.byName.get(name) ?? (allowRowId && name === ROW_ID.name ? ROW_ID : undefined);
    if (!column) this.problems.push({ field, message: `no column named ${shown(name)} in this resource` });
    return column;
  }

  value(column: Column, raw: unknown, field: string): BoundValue | undefined {
    const typed = typedValue(column, raw, this.limits.maxValueChars);
    if (typed.ok) return typed.bound;
    this.problems.push({ field, message: `${shown(column.name)} ${typed.message}` });
    return undefined;
  }

  condition(condition: Condition): Predicate | undefined {
    const field = `filters.${condition.column}`;
    const column = this.column(condition.column, 'filters');
    if (!column) return undefined;
    if (condition.op === 'eq') {
      if (condition.value === null) return { kind: 'null', column, isNull: true };
      const value = this.value(column, condition.value, field);
      return value && { kind: 'compare', column, op: '=', value };
    }
    if (condition.op === 'in') {
      const values = condition.values.filter((v) => v !== null).map((v) => this.value(column, v, field));
      if (values.some((v) => v === undefined)) return undefined;
      const present: Predicate = values.length > 0 ? { kind: 'in', column, values: values as BoundValue[] } : { kind: 'false' };
      return condition.values.includes(null) ? { kind: 'or', parts: [present, { kind: 'null', column, isNull: true }] } : present;
    }
    if (!RANGE_TYPES.has(column.type)) {
      this.problems.push({ field, message: `${condition.op} applies to numbers, dates and date-times; ${shown(column.name)} holds ${column.type} values` });
      return undefined;
    }
    const value = this.value(column, condition.value, field);
    return value && { kind: 'compare', column, op: RANGE_SQL[condition.op], value };
  }
}

export interface BasePlan {
  where: Predicate[];
  select: Column[];
  order: OrderKey[];
  limit: number;
  offset: number;
}

export const planQuery = (request: RowRequest, columns: readonly Column[], limits: RowLimits): BasePlan => {
  const resolve = new Resolver(columns, limits);
  const where: Predicate[] = [];
  for (const condition of request.conditions) {
    const predicate = resolve.condition(condition);
    if (predicate) where.push(predicate);
  }
  const strings = columns.filter((c) => c.type === 'string');
  for (const search of request.search) {
    // Not lower-cased here: the SQL lowers term and cells with the same lower() (JavaScript folds 'İ' and a final 'Σ' differently).
    const { term } = search;
    if (search.column === undefined) {
      where.push(strings.length > 0 ? { kind: 'contains', columns: strings, term } : { kind: 'false' });
      continue;
    }
    const column = resolve.column(search.column, 'q');
    if (column && column.type !== 'string')
      resolve.problems.push({ field: 'q', message: `text search applies to text columns; ${shown(column.name)} holds ${column.type} values` });
    else if (column) where.push({ kind: 'contains', columns: [column], term });
  }
  const select = (request.fields ?? columns.map((c) => c.name)).map((name) => resolve.column(name, 'fields')).filter((c): c is Column => c !== undefined);
  const order: OrderKey[] = [];
  for (const key of request.sort) {
    const column = resolve.column(key.column, 'sort', true);
    if (!column) continue;
    if (order.some((o) => o.column === column)) resolve.problems.push({ field: 'sort', message: `${shown(column.name)} appears twice` });
    order.push({ column, descending: key.descending });
  }
  if (resolve.problems.length > 0) throw validationFailed(resolve.problems);
  // The row number is unique: keys after it would never decide anything; without it, it ends the order.
  const rowIdAt = order.findIndex((key) => key.column === ROW_ID);
  const totalOrder = rowIdAt >= 0 ? order.slice(0, rowIdAt + 1) : [...order, { column: ROW_ID, descending: false }];
  return { where, select, order: totalOrder, limit: request.limit, offset: request.offset };
};

/** The plan for the page after `position` (the order-key values of the last row served). */
export const continuePlan = (plan: BasePlan, position: readonly unknown[], limits: RowLimits): PlannedQuery => {
  const invalid = () => badRequest('The cursor does not fit this query; use the `next` link of a previous page.', { field: 'cursor' });
  if (position.length !== plan.order.length) throw invalid();
  const values = plan.order.map((key, i) => {
    if (position[i] === null) return null;
    const typed = typedValue(key.column, position[i], limits.maxValueChars);
    if (!typed.ok) throw invalid();
    return typed.bound;
  });
  if (values[values.length - 1] === null) throw invalid();
  return { ...plan, after: afterPosition(plan.order, values), position: values };
};

/**
 * Without filters and in file order, the rows after row number r are exactly r+1, r+2, …: the
 * page is a range of row numbers, read without a sort or an offset (first pages, deep cursor
 * pages and CKAN offsets alike cost the same). `afterRowId` is the cursor's row number, or 0.
 */
export const asRowRange = (plan: PlannedQuery, afterRowId: number): PlannedQuery | undefined => {
  const inFileOrder = plan.order.length === 1 && plan.order[0].column === ROW_ID && !plan.order[0].descending;
  if (plan.where.length > 0 || !inFileOrder || !Number.isSafeInteger(afterRowId + plan.offset + plan.limit)) return undefined;
  const from = afterRowId + plan.offset;
  const bound = (op: '>' | '<=', n: number): Predicate => ({ kind: 'compare', column: ROW_ID, op, value: { sqlType: 'BIGINT', value: BigInt(n) } });
  return { ...plan, after: { kind: 'and', parts: [bound('>', from), bound('<=', from + plan.limit)] }, offset: 0 };
};
