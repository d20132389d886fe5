import { validationFailed } from '../domain/errors';
import type { RowLimits } from './limits';
import { parseFilters, parseJsonParameter, parseNameList, parseNativeSort, parseSearch, parseWholeNumber } from './parse-parameters';
import { parsePlace } from './place-filter';
import type { PlaceRequest, RowRequest, TotalMode } from './query-model';

/** Absent rather than undefined, so requests without a place keep their cursor fingerprint. */
const withPlace = (place: PlaceRequest | undefined) => (place ? { place } : {});

/**
 * The native endpoint's query string:
 *   filters  JSON object: {"col": value | [values] | {"eq"|"in"|"gt"|"gte"|"lt"|"lte": …}}
 *   bbox     minLon,minLat,maxLon,maxLat: rows placed in this WGS84 box (place-filter.ts)
 *   within   a London borough's E09 code: rows placed in that borough
 *   q        words, all of which must appear in some text column (case-insensitive)
 *   fields   col1,col2 (or a JSON array of names)
 *   sort     col:desc,col2 (or a JSON array of {"field", "order"})
 *   limit    1 … maxLimit (default 100)
 *   cursor   the `next` cursor of the previous page
 *   version  a version number (default: the current one; a cursor keeps its own)
 *   total    auto (default) | exact | none
 *   groupBy, aggregate   an aggregation instead of rows (aggregate-request.ts)
 * Any other parameter, or one given twice, is a 400: a misspelt filter must not return
 * unfiltered data.
 */
const PARAMETERS = ['filters', 'bbox', 'within', 'q', 'fields', 'sort', 'limit', 'cursor', 'version', 'total', 'groupBy', 'aggregate'] as const;
const TOTAL_MODES: readonly TotalMode[] = ['auto', 'exact', 'none'];

export const nativeRowRequest = (query: Record<string, string[]>, limits: RowLimits): RowRequest => {
  const one: Partial<Record<(typeof PARAMETERS)[number], string>> = {};
  for (const [name, values] of Object.entries(query)) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      throw validationFailed([{ field: name.slice(0, 60), message: `is not a parameter of this endpoint; use ${PARAMETERS.join(', ')}` }]);
    }
    if (values.length > 1) throw validationFailed([{ field: name, message: 'may be given only once' }]);
    one[name as (typeof PARAMETERS)[number]] = values[0];
  }
  if (one.total !== undefined && !(TOTAL_MODES as readonly string[]).includes(one.total)) {
    throw validationFailed([{ field: 'total', message: `must be one of: ${TOTAL_MODES.join(', ')}` }]);
  }
  if (one.cursor !== undefined && (one.cursor.length === 0 || one.cursor.length > limits.maxParameterChars)) {
    throw validationFailed([{ field: 'cursor', message: 'must be the `next` cursor of a previous page' }]);
  }
  return {
    conditions: one.filters === undefined || one.filters === '' ? [] : parseFilters(parseJsonParameter('filters', one.filters, limits), limits),
    ...withPlace(parsePlace(one.bbox, one.within)),
    search: parseSearch(one.q, limits),
    fields: one.fields === undefined ? undefined : parseNameList('fields', one.fields, limits),
    sort: parseNativeSort(one.sort, limits),
    limit: parseWholeNumber('limit', one.limit, 1, limits.maxLimit) ?? limits.defaultLimit,
    offset: 0,
    cursor: one.cursor,
    version: parseWholeNumber('version', one.version, 1, 999_999_999),
    total: (one.total as TotalMode | undefined) ?? 'auto',
  };
};
