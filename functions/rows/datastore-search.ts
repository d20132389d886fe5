import type { CkanAction, CkanActionContext, CkanParams } from '../ckan/action-types';
import type { Resource } from '../domain/resources';
import { validationFailed } from '../domain/errors';
import { csvCell } from '../ingest/core/outputs/serialise-row';
import { ROW_LIMITS, type RowLimits } from './limits';
import { parseFilters, parseJsonParameter, parseNameList, parseCkanSort, parseSearch, parseWholeNumber } from './parse-parameters';
import { type FieldType, ROW_ID, type RowRequest } from './query-model';
import { queryAggregate } from './query-aggregate';
import { queryRows, type RowsPage } from './query-rows';
import type { JsonCell } from './render-values';
import { findVisibleResource } from './resource-by-id';

/**
 * CKAN's `datastore_search` over the exchange's row engine: the same policy gate, limits and
 * audit as the native endpoint, with CKAN's parameters and result shape. Paging is by `offset`
 * (CKAN's way); `_links.next` continues it. `version` (not CKAN) pins a version. `plain`,
 * `language`, `full_text` and `total_estimation_threshold` are accepted and ignored.
 */
const RECORDS_FORMATS = ['objects', 'lists', 'csv'] as const;
type RecordsFormat = (typeof RECORDS_FORMATS)[number];

const KNOWN = new Set(['resource_id', 'filters', 'q', 'fields', 'sort', 'limit', 'offset', 'include_total', 'records_format', 'distinct', 'version']);
const IGNORED = new Set(['plain', 'language', 'full_text', 'total_estimation_threshold', 'callback', '_']);

const CKAN_TYPES: Record<FieldType, string> = { integer: 'int8', number: 'numeric', boolean: 'bool', date: 'date', datetime: 'timestamp', string: 'text' };

const invalid = (field: string, message: string) => validationFailed([{ field, message }]);

/** One value of a parameter: a query string may repeat a name; only `fields` may be a list. */
const single = (params: CkanParams, name: string): unknown => {
  const value = params[name];
  if (!Array.isArray(value) || name === 'fields') return value;
  if (value.length !== 1) throw invalid(name, 'may be given only once');
  return value[0];
};

/** Objects arrive as JSON text in a query string and as objects in a JSON body. */
const objectOrJson = (name: string, value: unknown, limits: RowLimits): unknown =>
  typeof value === 'string' && value.trimStart().startsWith('{') ? parseJsonParameter(name, value, limits) : value;

const truthy = (name: string, value: unknown, fallback: boolean): boolean => {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', 'yes', 't', 'y', '1', 'on'].includes(text)) return true;
  if (['false', 'no', 'f', 'n', '0', 'off'].includes(text)) return false;
  throw invalid(name, 'must be true or false');
};

interface CkanRequest {
  resourceId: string;
  request: RowRequest;
  /** The fields asked for, in order, `_id` included; absent = `_id` then every column. */
  fields?: string[];
  format: RecordsFormat;
  includeTotal: boolean;
  /** CKAN's distinct: the distinct combinations of `fields` (every column without them), as a group-by (query-aggregate.ts). */
  distinct: boolean;
}

const parseCkanRequest = (params: CkanParams, limits: RowLimits): CkanRequest => {
  for (const name of Object.keys(params)) {
    if (!KNOWN.has(name) && !IGNORED.has(name)) throw invalid(name.slice(0, 60), 'is not a parameter of datastore_search');
  }
  const resourceId = single(params, 'resource_id');
  if (typeof resourceId !== 'string' || resourceId.trim() === '') throw invalid('resource_id', 'Missing value');
  const distinct = truthy('distinct', single(params, 'distinct'), false);
  const format = single(params, 'records_format') ?? 'objects';
  if (!(RECORDS_FORMATS as readonly unknown[]).includes(format)) throw invalid('records_format', `must be one of: ${RECORDS_FORMATS.join(', ')}`);
  const fields = parseNameList('fields', params.fields, limits);
  // Every row has its own _id, so a distinct list with it would be every row: distinct lists columns only.
  if (distinct && fields?.includes(ROW_ID.name)) throw invalid('distinct', 'lists the distinct combinations of columns; leave _id out of fields');
  const includeTotal = truthy('include_total', single(params, 'include_total'), true);
  const limit = parseWholeNumber('limit', single(params, 'limit'), 0, Number.MAX_SAFE_INTEGER) ?? limits.defaultLimit;
  const filters = objectOrJson('filters', single(params, 'filters'), limits);
  const q = objectOrJson('q', single(params, 'q'), limits);
  return {
    resourceId: resourceId.trim(),
    fields,
    format: format as RecordsFormat,
    includeTotal,
    distinct,
    request: {
      conditions: parseFilters(filters === '' ? undefined : filters, limits),
      search: parseSearch(q, limits),
      fields: fields?.filter((name) => name !== ROW_ID.name),
      sort: parseCkanSort(single(params, 'sort'), limits),
      // CKAN caps the limit silently at its maximum (ckan.datastore.search.rows_max); the result says which applied.
      limit: Math.min(limit, limits.maxLimit),
      offset: parseWholeNumber('offset', single(params, 'offset'), 0, limits.maxOffset) ?? 0,
      version: parseWholeNumber('version', single(params, 'version'), 1, 999_999_999),
      total: includeTotal ? 'auto' : 'none',
    },
  };
};

/** The result's fields in order: `_id` (the row number) and the columns, as asked. */
const outputFields = (page: RowsPage, ckan: CkanRequest): Array<{ id: string; type: string; cell: (i: number) => JsonCell }> => {
  const rowId = { id: ROW_ID.name, type: 'int', cell: (i: number) => page.rowIds[i] };
  const columns = page.columns.map((column, at) => ({ id: column.name, type: CKAN_TYPES[column.type], cell: (i: number) => page.records[i][at] }));
  if (!ckan.fields) return [rowId, ...columns];
  return ckan.fields.map((name) => (name === ROW_ID.name ? rowId : columns.find((c) => c.id === name)!));
};

const recordsOf = (page: RowsPage, fields: ReturnType<typeof outputFields>, format: RecordsFormat): unknown => {
  const rows = page.records.map((_, i) => fields.map((field) => field.cell(i)));
  if (format === 'lists') return rows;
  if (format === 'csv') return rows.map((row) => `${row.map((cell) => (cell === null ? '' : csvCell(String(cell)))).join(',')}\r\n`).join('');
  return rows.map((row) => Object.fromEntries(fields.map((field, i) => [field.id, row[i]])));
};

/** CKAN's links are paths with the request's own parameters; `next` moves the offset on by the limit. */
const linksOf = (params: CkanParams, offset: number, limit: number): Record<string, string> => {
  const path = '/api/3/action/datastore_search';
  const base = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (name === 'offset' || value === undefined) continue;
    for (const item of Array.isArray(value) && name !== 'fields' ? value : [value]) {
      base.append(name, typeof item === 'string' ? item : JSON.stringify(item));
    }
  }
  const at = (n: number) => {
    const query = new URLSearchParams(base);
    query.set('offset', String(n));
    return `${path}?${query}`;
  };
  return {
    start: `${path}?${base}`,
    next: at(offset + limit),
    ...(offset > 0 ? { prev: at(Math.max(0, offset - limit)) } : {}),
  };
};

export const datastoreSearch: CkanAction = async (ctx, params) => {
  const limits = ROW_LIMITS;
  const ckan = parseCkanRequest(params, limits);
  const { dataset, resource } = await findVisibleResource(ctx.domain, ctx.caller, ckan.resourceId);
  if (ckan.distinct) return distinctSearch(ctx, params, ckan, dataset.id, resource);
  const page = await queryRows(ctx.domain, ctx.caller, { dataset: dataset.id, resource: resource.name, request: ckan.request, route: ctx.route, limits });
  const { request } = ckan;
  const fields = outputFields(page, ckan);
  return {
    include_total: ckan.includeTotal,
    resource_id: resource.id,
    fields: fields.map(({ id, type }) => ({ id, type })),
    records_format: ckan.format,
    records: recordsOf(page, fields, ckan.format),
    limit: request.limit,
    offset: request.offset,
    ...(params.filters !== undefined ? { filters: objectOrJson('filters', single(params, 'filters'), limits) } : {}),
    ...(params.q !== undefined ? { q: single(params, 'q') } : {}),
    ...(params.sort !== undefined ? { sort: single(params, 'sort') } : {}),
    _links: linksOf(params, request.offset, request.limit),
    ...(page.total !== undefined ? { total: page.total, total_was_estimated: page.totalEstimated } : {}),
    version: page.version,
  };
};

/** `distinct=true`: the distinct combinations of the fields asked for (or of every column), CKAN's shape, without `_id`. */
const distinctSearch = async (ctx: CkanActionContext, params: CkanParams, ckan: CkanRequest, datasetId: string, resource: Resource) => {
  const { request } = ckan;
  const groups = (ckan.fields ?? []).map((column) => ({ column }));
  const page = await queryAggregate(ctx.domain, ctx.caller, {
    dataset: datasetId,
    resource: resource.name,
    request: { ...request, fields: undefined },
    aggregate: { groups, measures: [] },
    groupByAllColumns: ckan.fields === undefined,
    route: ctx.route,
  });
  const fields = page.fields.map((field, at) => ({ id: field.name, type: CKAN_TYPES[field.type], cell: (i: number) => page.records[i][at] }));
  const records = page.records.map((_, i) => fields.map((field) => field.cell(i)));
  return {
    include_total: ckan.includeTotal,
    resource_id: resource.id,
    fields: fields.map(({ id, type }) => ({ id, type })),
    records_format: ckan.format,
    records:
      ckan.format === 'lists'
        ? records
        : ckan.format === 'csv'
          ? records.map((row) => `${row.map((cell) => (cell === null ? '' : csvCell(String(cell)))).join(',')}\r\n`).join('')
          : records.map((row) => Object.fromEntries(fields.map((field, i) => [field.id, row[i]]))),
    limit: request.limit,
    offset: request.offset,
    distinct: true,
    _links: linksOf(params, request.offset, request.limit),
    ...(page.total !== undefined ? { total: page.total, total_was_estimated: false } : {}),
    version: page.version,
  };
};
