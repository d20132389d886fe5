import { AGGREGATE_FUNCTIONS, AGGREGATE_LIMITS, BUCKETS, parseAggregateRequest } from '../../rows/aggregate-request';
import { ROW_LIMITS } from '../../rows/limits';
import { nativeRowRequest } from '../../rows/native-request';
import { queryAggregate } from '../../rows/query-aggregate';
import { queryRows } from '../../rows/query-rows';
import { JsonText, objectJson, recordsJson } from '../../rows/records-json';
import { routeName } from '../http/route-name';
import { errors, type Json, jsonResponse, ref } from '../openapi/builders';
import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { route } from './declare';
import { versionQuery } from './resources';

const query = (name: string, description: string, schema: Json = { type: 'string' }, example?: unknown): Json => ({
  name,
  in: 'query',
  description,
  schema,
  ...(example === undefined ? {} : { example }),
});

/** The same query with the next page's cursor, built from the configured public URL. */
const nextLink = (c: Context<AppEnv>, dataset: string, resource: string, cursor: string): string => {
  const self = new URL(c.req.url);
  self.searchParams.set('cursor', cursor);
  return c.var.urls.api(`/datasets/${encodeURIComponent(dataset)}/resources/${encodeURIComponent(resource)}/rows${self.search}`);
};

/** Row queries over a published version. */
export const rowRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/datasets/:dataset/resources/:resource/rows',
    operationId: 'queryRows',
    summary: 'Filter, sort and page the rows of a published tabular resource, or aggregate them',
    tags: ['Data'],
    auth: 'optional',
    description:
      'Served from the version’s Parquet. Column names are checked against the resource’s Table Schema; values are always bound parameters. Row reads of shared and private data are audited.',
    parameters: [
      'dataset',
      'resource',
      {
        name: 'filters',
        in: 'query',
        description:
          'A JSON object keyed by column: a value means equality (null: the cell is empty), an array means one of (IN), and an object combines operators eq, in, gt, gte, lt, lte (ranges for numbers and dates).',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: {
                oneOf: [
                  { type: ['string', 'number', 'boolean', 'null'] },
                  { type: 'array' },
                  { type: 'object', propertyNames: { enum: ['eq', 'in', 'gt', 'gte', 'lt', 'lte'] } },
                ],
              },
            },
            example: { borough_gss_code: 'E09000007', pollutant: ['NO2', 'PM10'], measured_at: { gte: '2025-03-01' } },
          },
        },
      },
      query(
        'bbox',
        'Rows placed in this WGS84 box: minLon,minLat,maxLon,maxLat. Applies to resources whose version has places (latitude/longitude or easting/northing columns, or a GeoJSON geometry, placed at its centroid); others answer 400.',
        { type: 'string' },
        '-0.2,51.5,-0.1,51.55',
      ),
      query(
        'within',
        'Rows placed in this London borough, by its GSS code (E09000001 to E09000033); the same resources as bbox.',
        { type: 'string', pattern: '^E09[0-9]{6}$' },
        'E09000007',
      ),
      query('q', 'Words that must all appear (case-insensitive) in some text column.'),
      query('fields', 'Columns to return (projection): comma-separated, or a JSON array of names.', { type: 'string' }, 'site_code,measured_at,value'),
      query(
        'sort',
        'Columns to order by: `col:desc,col2` (ascending unless :desc), or a JSON array of {"field", "order"}.',
        { type: 'string' },
        'measured_at:desc',
      ),
      query('limit', `Rows per page: default ${ROW_LIMITS.defaultLimit}, at most ${ROW_LIMITS.maxLimit}.`, {
        type: 'integer',
        minimum: 1,
        maximum: ROW_LIMITS.maxLimit,
        default: ROW_LIMITS.defaultLimit,
      }),
      query('cursor', 'Keyset cursor from the previous page’s `next`: stays on the version it started with.'),
      versionQuery,
      query('total', 'auto: exact, or an estimate flagged as such for very large filtered results; exact; none.', {
        type: 'string',
        enum: ['auto', 'exact', 'none'],
        default: 'auto',
      }),
      query(
        'groupBy',
        `Aggregate instead of listing rows: up to ${AGGREGATE_LIMITS.maxGroupColumns} columns to group by, comma-separated; a date or date-time column may be bucketed with \`:${BUCKETS.join('`, `:')}\` (the bucket’s first day, UTC; weeks start on Monday), e.g. \`borough,measured_at:month\`. Or a JSON array of \`{"field", "bucket"}\`. Filters and q apply before grouping; \`sort\` names outputs; \`limit\` and \`cursor\` page through the groups; \`total\` counts groups. Output names: the column, or \`column_bucket\`.`,
        { type: 'string' },
        'borough,measured_at:month',
      ),
      query(
        'aggregate',
        `Aggregates, comma-separated \`fn:column\` (or \`count\` alone for rows): ${AGGREGATE_FUNCTIONS.join(', ')}. sum and avg take numbers. Output names: \`count\` or \`fn_column\`; or a JSON array of \`{"fn", "field", "as"}\` to choose them. Results are typed (counts integers, avg a number, min/max the column’s type).`,
        { type: 'string' },
        'count,avg:value,max:value',
      ),
    ],
    // The row query is a small language (JSON filters, sort and projection over the resource's
    // columns, checked against its Table Schema) with its own parser and limits (rows/native-request.ts).
    queryCheckedBy: 'handler',
    responses: { 200: jsonResponse('One page of rows.', ref('RowsPage')), ...errors(400, 404, 413, 504) },
    handler: async (c, { params }) => {
      const queries = c.req.queries();
      const request = nativeRowRequest(queries, ROW_LIMITS);
      const aggregate = parseAggregateRequest(queries.groupBy?.[0], queries.aggregate?.[0], ROW_LIMITS);
      if (aggregate) {
        const page = await queryAggregate(c.var.domain, c.var.caller, {
          dataset: params.dataset,
          resource: params.resource,
          request,
          aggregate,
          route: routeName(c),
        });
        c.header('Cache-Control', 'no-store');
        const body = objectJson({
          dataset: page.dataset.name,
          resource: page.resourceName,
          version: page.version,
          fields: page.fields,
          records: new JsonText(
            recordsJson(
              page.fields.map((field) => field.name),
              page.records,
            ),
          ),
          total: page.total ?? null,
          limit: request.limit,
          next: page.nextCursor ? nextLink(c, page.dataset.name, page.resourceName, page.nextCursor) : null,
        });
        return c.body(body, 200, { 'Content-Type': 'application/json' });
      }
      const page = await queryRows(c.var.domain, c.var.caller, { dataset: params.dataset, resource: params.resource, request, route: routeName(c) });
      const next = page.nextCursor ? nextLink(c, page.dataset.name, page.resourceName, page.nextCursor) : null;
      c.header('Cache-Control', 'no-store');
      const body = objectJson({
        dataset: page.dataset.name,
        resource: page.resourceName,
        version: page.version,
        fields: page.columns.map((column) => ({ name: column.name, type: column.type })),
        records: new JsonText(
          recordsJson(
            page.columns.map((column) => column.name),
            page.records,
          ),
        ),
        total: page.total ?? null,
        ...(page.totalEstimated ? { total_estimated: true } : {}),
        limit: request.limit,
        next,
      });
      return c.body(body, 200, { 'Content-Type': 'application/json' });
    },
  }),
];
