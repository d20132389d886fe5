import { listOrganisations } from '../../domain/organisations';
import { searchDatasets } from '../../search/search-datasets';
import type { FacetField, FacetValue } from '../../search/search-query';
import type { CkanAction, CkanParams } from '../action-types';
import { licenceTitle } from '../ckan-dicts';
import { indexedResourceKeys, loadPackages, preReadResources } from '../package-loader';
import { booleanParam, integerParam, listParam, naturalParam, textParam } from '../params';
import { luceneMatches, positiveWords } from '../lucene-match';
import { ckanSearchQueryError } from '../errors';
import { flatQuery, parseLuceneQuery } from '../lucene-query';
import { overLimitMessage, withinLimit } from '../../search/query-limits';
import { parseSolrSearch, parseSolrSort } from '../solr-query';
import type { SearchIndex } from '../../search/search-index';

/** CKAN's facet field names and the exchange's facets behind them (a Map: the names come from the request). */
const FACETS = new Map<string, FacetField>([
  ['organization', 'organisation'],
  ['tags', 'keyword'],
  ['res_format', 'format'],
  ['license_id', 'licence'],
  ['groups', 'theme'],
  ['tier', 'tier'],
]);

export const DEFAULT_SORT = 'score desc, metadata_modified desc';
export const MAX_ROWS = 1000;
const filterQueries = (params: CkanParams): string[] => [
  ...(textParam(params, 'fq') ? [textParam(params, 'fq')!] : []),
  ...(listParam(params, 'fq_list') ?? []),
];

/**
 * package_search: CKAN's search, answered by the exchange's index after the tier policy. Private
 * datasets appear only with include_private=true, and only to callers who may see them.
 */
export const packageSearch: CkanAction = async (ctx, params) => {
  const q = textParam(params, 'q') ?? '';
  const fq = filterQueries(params);
  const tree = parseLuceneQuery(
    q,
    fq.reduce((total, f) => total + f.length, q.length),
  );
  // A flat q (words and filters, ANDed) keeps the plain search; OR, NOT, groups, phrases and title: are evaluated as Solr would.
  const flat = flatQuery(tree);
  const parsed = parseSolrSearch('', fq);
  if (flat) {
    parsed.conditions.push(...flat.conditions);
    if (flat.modifiedSince && (!parsed.modifiedSince || flat.modifiedSince > parsed.modifiedSince)) parsed.modifiedSince = flat.modifiedSince;
    if (flat.modifiedUntil && (!parsed.modifiedUntil || flat.modifiedUntil < parsed.modifiedUntil)) parsed.modifiedUntil = flat.modifiedUntil;
    parsed.publicOnly ||= flat.publicOnly;
  }
  if (!withinLimit('conditions', parsed.conditions.length)) throw ckanSearchQueryError(overLimitMessage('conditions', parsed.conditions.length));
  const text = flat ? flat.text.join(' ') : '';
  const wanted = flat ? text : positiveWords(tree).join(' ');
  const precomputed = flat ? undefined : { key: `lucene:${q}`, phrase: wanted, matches: (index: SearchIndex) => luceneMatches(index, tree) };
  const sort = textParam(params, 'sort') || DEFAULT_SORT;
  const rows = naturalParam(params, 'rows', 10, MAX_ROWS)!;
  const start = naturalParam(params, 'start', 0)!;
  const requestedFacets = booleanParam(params, 'facet', true) ? (listParam(params, 'facet.field', { jsonOnly: true, limit: 'facetFields' }) ?? []) : [];
  const facetLimit = integerParam(params, 'facet.limit', 50);
  const found = await searchDatasets(
    ctx.domain,
    ctx.caller,
    {
      text,
      precomputed,
      conditions: parsed.conditions,
      modifiedSince: parsed.modifiedSince,
      modifiedUntil: parsed.modifiedUntil,
      excludePrivate: !booleanParam(params, 'include_private', false) || parsed.publicOnly,
      sort: parseSolrSort(sort, wanted.trim() !== ''),
      limit: rows,
      offset: start,
      facets: [...new Set(requestedFacets.flatMap((f) => FACETS.get(f) ?? []))],
      facetLimit: facetLimit < 0 ? -1 : facetLimit,
      facetMode: 'conjunctive',
    },
    // The resources the hits' documents name are read in the same batch as the datasets.
    indexedResourceKeys,
  );

  const organisationNames = requestedFacets.includes('organization')
    ? new Map((await listOrganisations(ctx.domain)).map((o) => [o.value.id, o.value.name]))
    : new Map<string, string>();
  const displayName = (field: string, value: string) =>
    field === 'organization' ? (organisationNames.get(value) ?? value) : field === 'license_id' ? licenceTitle(value) : value;
  const valuesOf = (field: string): FacetValue[] => {
    const facet = FACETS.get(field);
    return facet ? (found.facets[facet] ?? []) : [];
  };

  return {
    count: found.count,
    facets: Object.fromEntries(requestedFacets.map((field) => [field, Object.fromEntries(valuesOf(field).map((v) => [v.value, v.count]))])),
    results: await loadPackages(ctx, found.results, found.hits, found.alsoRead && preReadResources(found.hits, found.alsoRead)),
    sort,
    search_facets: Object.fromEntries(
      requestedFacets.map((field) => [
        field,
        { title: field, items: valuesOf(field).map((v) => ({ name: v.value, display_name: displayName(field, v.value), count: v.count })) },
      ]),
    ),
  };
};
