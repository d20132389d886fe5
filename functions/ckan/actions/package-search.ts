import { listOrganisations } from '../../domain/organisations';
import { searchDatasets } from '../../search/search-datasets';
import type { FacetField, FacetValue, SortField } from '../../search/search-query';
import type { CkanAction, CkanParams } from '../action-types';
import { licenceTitle } from '../ckan-dicts';
import { ckanSearchQueryError } from '../errors';
import { loadPackages } from '../package-loader';
import { booleanParam, integerParam, listParam, naturalParam, textParam } from '../params';
import { parseSolrQuery } from '../solr-query';

/** CKAN's facet field names and the exchange's facets behind them. */
const FACETS: Record<string, FacetField> = {
  organization: 'organisation',
  tags: 'keyword',
  res_format: 'format',
  license_id: 'licence',
  groups: 'theme',
  tier: 'tier',
};

const SORTS: Record<string, SortField> = {
  score: 'relevance',
  metadata_modified: 'modified',
  metadata_created: 'created',
  title_string: 'title',
  title: 'title',
  name: 'name',
  id: 'id',
};

export const DEFAULT_SORT = 'score desc, metadata_modified desc';
export const MAX_ROWS = 1000;
/** Every word costs a fuzzy lookup. */
const MAX_QUERY_LENGTH = 1000;

/** The first clause that can order the results (score needs a text query); then CKAN's own fallback. */
const parseSort = (raw: string, hasText: boolean): { by: SortField; direction: 'asc' | 'desc' } => {
  for (const clause of raw.split(',').map((c) => c.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)(?:\s+(asc|desc))?$/i.exec(clause);
    const by = match ? SORTS[match[1]] : undefined;
    if (!match || !by) throw ckanSearchQueryError(`cannot sort by ${clause}`);
    if (by === 'relevance' && !hasText) continue;
    return { by, direction: (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' };
  }
  return { by: 'modified', direction: 'desc' };
};

const filterQueries = (params: CkanParams): string[] => [
  ...(textParam(params, 'fq') ? [textParam(params, 'fq')!] : []),
  ...(listParam(params, 'fq_list') ?? []),
];

/**
 * package_search: CKAN's search, answered by the exchange's index after the tier policy. Private
 * datasets appear only with include_private=true, and only to callers who may see them.
 */
export const packageSearch: CkanAction = async (ctx, params) => {
  const parsed = parseSolrQuery(textParam(params, 'q') ?? '', 'q');
  for (const fq of filterQueries(params)) parseSolrQuery(fq, 'fq', parsed);
  const text = parsed.text.join(' ');
  if (text.length > MAX_QUERY_LENGTH) throw ckanSearchQueryError(`the text of the query is longer than ${MAX_QUERY_LENGTH} characters`);
  const sort = textParam(params, 'sort') || DEFAULT_SORT;
  const rows = naturalParam(params, 'rows', 10, MAX_ROWS)!;
  const start = naturalParam(params, 'start', 0)!;
  const requestedFacets = booleanParam(params, 'facet', true) ? (listParam(params, 'facet.field', true) ?? []) : [];
  const facetLimit = integerParam(params, 'facet.limit', 50);
  const found = await searchDatasets(ctx.domain, ctx.caller, {
    text,
    conditions: parsed.conditions,
    modifiedSince: parsed.modifiedSince,
    modifiedUntil: parsed.modifiedUntil,
    excludePrivate: !booleanParam(params, 'include_private', false) || parsed.publicOnly,
    sort: parseSort(sort, text.trim() !== ''),
    limit: rows,
    offset: start,
    facets: [...new Set(requestedFacets.flatMap((f) => FACETS[f] ?? []))],
    facetLimit: facetLimit < 0 ? -1 : facetLimit,
    facetMode: 'conjunctive',
  });

  const organisationNames = requestedFacets.includes('organization')
    ? new Map((await listOrganisations(ctx.domain)).map((o) => [o.value.id, o.value.name]))
    : new Map<string, string>();
  const displayName = (field: string, value: string) =>
    field === 'organization' ? (organisationNames.get(value) ?? value) : field === 'license_id' ? licenceTitle(value) : value;
  const valuesOf = (field: string): FacetValue[] => (FACETS[field] ? (found.facets[FACETS[field]] ?? []) : []);

  return {
    count: found.count,
    facets: Object.fromEntries(requestedFacets.map((field) => [field, Object.fromEntries(valuesOf(field).map((v) => [v.value, v.count]))])),
    results: await loadPackages(ctx, found.results),
    sort,
    search_facets: Object.fromEntries(
      requestedFacets.map((field) => [
        field,
        { title: field, items: valuesOf(field).map((v) => ({ name: v.value, display_name: displayName(field, v.value), count: v.count })) },
      ]),
    ),
  };
};
