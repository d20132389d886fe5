import type { Context } from 'hono';
import { readableVersion } from '../../domain/data-access';
import { validationFailed } from '../../domain/errors';
import { MAX_SQL_CHARS } from '../../rows/sql-check';
import { querySql, SQL_LIMITS } from '../../rows/query-sql';
import { JsonText, objectJson, recordsJson } from '../../rows/records-json';
import type { AppEnv } from '../env';
import { routeName } from '../http/route-name';
import { errors, type Json, jsonResponse } from '../openapi/builders';
import { route } from './declare';

/** Read-only SQL over one resource's current version, as a table named by the resource. */
const description = `One SELECT over the resource's current version, as a table named by the resource (its name, or the id used in the path): \`SELECT borough, avg(value) FROM readings GROUP BY borough\`. The statement is parsed by DuckDB before it runs and refused (400, \`details.reason\` says why) unless it is a single SELECT reading only that table, with no table functions, no file or URL access, no system tables or settings. It runs with a ${SQL_LIMITS.timeoutMs / 1000} s timeout (504), at most ${SQL_LIMITS.maxRows} rows (\`truncated\` says when there were more) and ${SQL_LIMITS.maxResponseBytes / 1024 / 1024} MB (413). The table has the resource's columns and its row number as \`_id\`. Reads of shared and private data are audited.`;

const resultSchema: Json = {
  type: 'object',
  required: ['dataset', 'resource', 'version', 'sql', 'fields', 'records', 'truncated'],
  properties: {
    dataset: { type: 'string' },
    resource: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    sql: { type: 'string', description: 'The statement as it ran (DuckDB’s canonical text of the checked statement).' },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'type'],
        properties: { name: { type: 'string' }, type: { type: 'string', enum: ['integer', 'number', 'boolean', 'date', 'datetime', 'string'] } },
      },
    },
    records: { type: 'array', items: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } } },
    truncated: { type: 'boolean', description: `True when the statement produced more than ${SQL_LIMITS.maxRows} rows (only those are returned).` },
  },
};

const sqlParameter: Json = {
  name: 'sql',
  in: 'query',
  required: true,
  description: `One SELECT statement, at most ${MAX_SQL_CHARS} characters.`,
  schema: { type: 'string', maxLength: MAX_SQL_CHARS },
  example: 'SELECT borough, count(*) AS n FROM readings GROUP BY borough ORDER BY n DESC LIMIT 10',
};

const run = async (c: Context<AppEnv>, params: Record<string, string>, sql: string) => {
  // The gate comes first: a resource the caller may not read is a 404 whatever the statement says.
  const readable = await readableVersion(c.var.domain, c.var.caller, params.dataset, params.resource, undefined);
  // The table is the resource's name, or the reference in the path (its id, when addressed by id).
  const names = new Set([readable.resourceName.toLowerCase(), params.resource.toLowerCase()]);
  const result = await querySql(c.var.domain, c.var.caller, {
    sql,
    route: routeName(c),
    source: { names: { has: (name) => names.has(name), described: [JSON.stringify(readable.resourceName)] }, resolve: async () => readable },
  });
  c.header('Cache-Control', 'no-store');
  const body = objectJson({
    dataset: readable.dataset.name,
    resource: readable.resourceName,
    version: readable.version.value.version,
    sql: result.sql,
    fields: result.fields,
    records: new JsonText(
      recordsJson(
        result.fields.map((field) => field.name),
        result.records,
      ),
    ),
    truncated: result.truncated,
  });
  return c.body(body, 200, { 'Content-Type': 'application/json' });
};

const common = {
  path: '/api/v1/datasets/:dataset/resources/:resource/sql',
  summary: 'Run one read-only SELECT over a published tabular resource',
  tags: ['Data'],
  auth: 'optional' as const,
  description,
  responses: { 200: jsonResponse('The statement’s rows.', resultSchema), ...errors(400, 404, 413, 504) },
};

export const sqlRoutes = [
  route({
    ...common,
    method: 'GET',
    operationId: 'querySql',
    parameters: ['dataset', 'resource', sqlParameter],
    handler: (c, { params, query }) => run(c, params, String(query.sql ?? '')),
  }),
  route({
    ...common,
    method: 'POST',
    operationId: 'querySqlPost',
    summary: 'Run one read-only SELECT (sent in a JSON body, for statements too long for a URL)',
    parameters: ['dataset', 'resource'],
    body: {
      kind: 'json',
      schema: { type: 'object', required: ['sql'], additionalProperties: false, properties: { sql: { type: 'string', maxLength: MAX_SQL_CHARS } } },
      example: { sql: 'SELECT borough, avg(value) AS mean FROM readings GROUP BY borough' },
    },
    handler: (c, { params, body }) => {
      const extra = Object.keys(body).filter((key) => key !== 'sql');
      if (extra.length > 0) throw validationFailed([{ field: extra[0].slice(0, 60), message: 'is not a field of this request; send {"sql": "SELECT ..."}' }]);
      if (typeof body.sql !== 'string') throw validationFailed([{ field: 'sql', message: 'must be a string holding one SELECT statement' }]);
      return run(c, params, body.sql);
    },
  }),
];
