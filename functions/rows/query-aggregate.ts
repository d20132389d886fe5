import { createHash } from 'node:crypto';
import { rowsJsonLength } from './json-size';
import { auditsDataReads, recordAudit } from '../domain/audit';
import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import type { Dataset } from '../domain/datasets';
import { badRequest, ExchangeError } from '../domain/errors';
import { timeRowQuery } from '../observability/query-metrics';
import { planAggregate } from './aggregate-plan';
import { placePredicates } from './place-filter';
import type { AggregateRequest } from './aggregate-request';
import { decodeCursor, encodeCursor } from './cursor';
import { ROW_LIMITS, type RowLimits } from './limits';
import type { FieldType, RowRequest } from './query-model';
import { openRowSource } from './query-rows';
import type { JsonCell } from './render-values';

export interface AggregateInput {
  dataset: string;
  resource: string;
  request: RowRequest;
  aggregate: AggregateRequest;
  /**
   * Group by every column of the version, in order (CKAN's distinct without fields): the columns
   * are known only once the version is open, so they are added to `aggregate.groups` then.
   */
  groupByAllColumns?: boolean;
  route: string;
  limits?: RowLimits;
}

export interface AggregatePage {
  dataset: Dataset;
  resourceName: string;
  version: number;
  fields: Array<{ name: string; type: FieldType }>;
  records: JsonCell[][];
  /** Groups in all (one without groupBy); absent with total=none. */
  total?: number;
  nextCursor?: string;
}

/** A cursor continues only the aggregation it came from: filters, q, sort, groups and aggregates. */
const fingerprint = (request: RowRequest, aggregate: AggregateRequest, allColumns: boolean): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        allColumns ? 'aggregate-all-columns' : 'aggregate',
        request.conditions,
        request.search,
        request.sort,
        aggregate.groups,
        aggregate.measures,
        ...(request.place ? [request.place] : []),
      ]),
    )
    .digest('base64url')
    .slice(0, 16);

/**
 * A page of an aggregation's groups, through the same gate, engines, limits and audit as a row
 * page. Groups page by position in their total order (aggregate-plan.ts): `limit` groups at a
 * time, the cursor holding where the next page starts and the total counted on the first page.
 */
export const queryAggregate = async (ctx: DomainContext, caller: Caller, input: AggregateInput): Promise<AggregatePage> => {
  const limits = input.limits ?? ROW_LIMITS;
  const { request, aggregate } = input;
  const query = fingerprint(request, aggregate, input.groupByAllColumns === true);
  const cursor = request.cursor === undefined ? undefined : decodeCursor(request.cursor);
  if (cursor && (cursor.query !== query || cursor.position.length !== 1 || !Number.isSafeInteger(cursor.position[0]))) {
    throw badRequest('The cursor belongs to a different query: keep filters, q, sort, groupBy and aggregate as they were, or start again without a cursor.', {
      field: 'cursor',
    });
  }
  if (cursor && request.version !== undefined && request.version !== cursor.version) {
    throw badRequest(`The cursor pages through version ${cursor.version}; leave out version or give that one.`, { field: 'version' });
  }
  const offset = (cursor ? (cursor.position[0] as number) : 0) + request.offset;
  if (offset > limits.maxOffset) throw badRequest(`Groups can be paged up to position ${limits.maxOffset}; filter to fewer groups.`, { field: 'offset' });
  const opened = await openRowSource(ctx, caller, input.dataset, input.resource, cursor?.version ?? request.version, limits);
  const { dataset, resourceName, version, source } = opened;
  try {
    const groups = input.groupByAllColumns ? [...aggregate.groups, ...source.columns.map((column) => ({ column: column.name }))] : aggregate.groups;
    const planned = planAggregate({ ...aggregate, groups }, request, source.columns, limits);
    const plan = { ...planned, where: [...planned.where, ...placePredicates(request.place, version.value, source.columns)], offset };
    const [rows, total] = await timeRowQuery(source.engine, () =>
      Promise.all([
        // One group more than asked tells whether there is a next page.
        source.aggregate({ ...plan, limit: plan.limit + 1 }),
        cursor ? Promise.resolve(cursor.total) : request.total === 'none' ? Promise.resolve(undefined) : source.countGroups(plan),
      ]),
    );
    const more = rows.length > plan.limit;
    const records = more ? rows.slice(0, plan.limit) : rows;
    const size = rowsJsonLength(records, limits.maxResponseBytes);
    if (size > limits.maxResponseBytes) {
      throw new ExchangeError(
        'payload_too_large',
        `This page would be ${Math.ceil(size / 1024 / 1024)} MB; the limit is ${limits.maxResponseBytes / 1024 / 1024} MB. Ask for fewer groups (limit).`,
      );
    }
    if (auditsDataReads(dataset)) {
      await recordAudit(ctx, caller, dataset, 'data.rows', input.route, {
        resource: resourceName,
        version: version.value.version,
        rows: records.length,
        aggregated: true,
        ...(request.conditions.length > 0 ? { filteredColumns: [...new Set(request.conditions.map((c) => c.column))] } : {}),
        ...(request.search.length > 0 ? { search: true } : {}),
      });
    }
    return {
      dataset,
      resourceName,
      version: version.value.version,
      fields: [...plan.groups, ...plan.measures].map((output) => ({ name: output.name, type: output.type })),
      records,
      total,
      nextCursor: more ? encodeCursor({ version: version.value.version, position: [offset + plan.limit], query, total }) : undefined,
    };
  } finally {
    opened.release();
  }
};
