import type { CkanAction, CkanParams } from '../ckan/action-types';
import { CkanError } from '../ckan/errors';
import { readableVersion } from '../domain/data-access';
import { ExchangeError, validationFailed } from '../domain/errors';
import { isUuid } from '../domain/identifiers';
import type { FieldType } from './query-model';
import { querySql } from './query-sql';
import { findVisibleResource } from './resource-by-id';

/**
 * CKAN's `datastore_search_sql`: one SELECT whose tables are resource ids, as CKAN names its
 * DataStore tables (`SELECT * FROM "<resource id>"`). The statement is checked first (only
 * resource ids may be named), then each id it names passes the tier policy and grants like any
 * data read (a 404 as if it did not exist otherwise), then it runs (query-sql.ts).
 */
const CKAN_TYPES: ReadonlyMap<FieldType, string> = new Map([
  ['integer', 'int8'],
  ['number', 'numeric'],
  ['boolean', 'bool'],
  ['date', 'date'],
  ['datetime', 'timestamp'],
  ['string', 'text'],
]);
const KNOWN = new Set(['sql', 'callback', '_']);

const sqlOf = (params: CkanParams): string => {
  for (const name of Object.keys(params))
    if (!KNOWN.has(name)) throw validationFailed([{ field: name.slice(0, 60), message: 'is not a parameter of datastore_search_sql' }]);
  const sql = Array.isArray(params.sql) ? (params.sql.length === 1 ? params.sql[0] : undefined) : params.sql;
  if (typeof sql !== 'string' || sql.trim() === '') throw validationFailed([{ field: 'sql', message: 'Missing value' }]);
  return sql;
};

/** Refusals that CKAN's DataStore reports as NotAuthorized (403): calling a function outside its allowed list. */
const DENIED = new Set(['function_not_allowed', 'table_function']);

/**
 * A refused or failed statement as CKAN's DataStore reports it: a function it may not call is
 * an Authorization Error (403, "Not authorized to call function ..."); anything else about the
 * statement is a Validation Error (409) under `query`, with the exchange's reason in `info`.
 */
const asCkanRefusal = (error: unknown): unknown => {
  if (!(error instanceof ExchangeError) || error.code !== 'bad_request' || error.details?.field !== 'sql') return error;
  const reason = typeof error.details.reason === 'string' ? error.details.reason : 'query_error';
  if (DENIED.has(reason)) return new CkanError('Authorization Error', { message: `Access denied: ${error.message}`, reason });
  return new CkanError('Validation Error', { query: [error.message], info: { reason: [reason] } });
};

const runSql = (ctx: Parameters<CkanAction>[0], sql: string) =>
  querySql(ctx.domain, ctx.caller, {
    sql,
    route: ctx.route,
    source: {
      names: { has: (name) => isUuid(name), described: ['a resource id, in double quotes'] },
      resolve: async (id) => {
        const { dataset, resource } = await findVisibleResource(ctx.domain, ctx.caller, id);
        return readableVersion(ctx.domain, ctx.caller, dataset.id, resource.name, undefined);
      },
    },
  });

export const datastoreSearchSql: CkanAction = async (ctx, params) => {
  const sql = sqlOf(params);
  const result = await runSql(ctx, sql).catch((error: unknown) => {
    throw asCkanRefusal(error);
  });
  return {
    sql: result.sql,
    fields: result.fields.map((field) => ({ id: field.name, type: CKAN_TYPES.get(field.type) })),
    records: result.records.map((cells) => Object.fromEntries(result.fields.map((field, i) => [field.name, cells[i]]))),
    ...(result.truncated ? { records_truncated: true } : {}),
  };
};
