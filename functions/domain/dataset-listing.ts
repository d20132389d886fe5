import { type Caller } from './caller';
import type { DomainContext } from './context';
import type { Dataset } from './datasets';
import type { Tier } from './policy';
import type { StoredRecord } from '../storage/catalogue-store';
import { searchDatasets } from '../search/search-datasets';
import { spatialMatches } from '../search/spatial-matches';
import { type Condition, type FacetField, facetFields, type FacetValue, type SearchHit, type SortField } from '../search/search-query';

export type { FacetValue } from '../search/search-query';

export interface DatasetQuery {
  /** Full text over title, description, keywords, organisation name and column names. */
  q?: string;
  organisation?: string;
  tier?: Tier;
  /** Repeatable filters: a dataset must have every value given. */
  theme?: string[];
  keyword?: string[];
  format?: string[];
  schema?: string[];
  licence?: string;
  /** A GSS code (upper-case): only datasets covering that area (search/spatial-matches.ts). */
  spatial?: string;
  /** ISO date or date-time: only datasets modified at or after it. */
  modifiedSince?: string;
  /** Default: relevance with `q`, else name. */
  sort?: Exclude<SortField, 'id' | 'created'>;
  limit: number;
  cursor?: string;
}

export interface DatasetListing {
  /** How many datasets the caller may see that match the filters (all pages). */
  count: number;
  results: StoredRecord<Dataset>[];
  facets: Record<FacetField, FacetValue[]>;
  /** Cursor for the next page, absent on the last. */
  next?: string;
  /** The index's hits behind `results` (what each document was built from), for callers that batch reads by it. */
  hits: SearchHit[];
}

export const MAX_PAGE_SIZE = 1000;
const FACET_LIMIT = 50;

const conditionsOf = (query: DatasetQuery): Condition[] => [
  ...(query.organisation ? [{ field: 'organisation' as const, value: query.organisation }] : []),
  ...(query.tier ? [{ field: 'tier' as const, value: query.tier }] : []),
  ...(query.licence ? [{ field: 'licence' as const, value: query.licence }] : []),
  ...(query.theme ?? []).map((value) => ({ field: 'theme' as const, value })),
  ...(query.keyword ?? []).map((value) => ({ field: 'keyword' as const, value })),
  ...(query.format ?? []).map((value) => ({ field: 'format' as const, value })),
  ...(query.schema ?? []).map((value) => ({ field: 'schema' as const, value })),
];

/**
 * Lists the datasets the caller may see, answered by the search index. The policy is applied
 * before anything is counted, so counts and facets never reveal a dataset the caller cannot see;
 * each facet counts within the other filters, so choosing a value never hides its siblings.
 */
export const listDatasets = async (ctx: DomainContext, caller: Caller, query: DatasetQuery): Promise<DatasetListing> => {
  const sort = query.sort ?? (query.q?.trim() ? 'relevance' : 'name');
  const precomputed = query.spatial ? spatialMatches(query.spatial, query.q) : undefined;
  const found = await searchDatasets(ctx, caller, {
    text: precomputed ? undefined : query.q,
    precomputed,
    conditions: conditionsOf(query),
    modifiedSince: query.modifiedSince,
    sort: { by: sort, direction: sort === 'modified' || sort === 'relevance' ? 'desc' : 'asc' },
    limit: query.limit,
    cursor: query.cursor,
    facets: facetFields,
    facetLimit: FACET_LIMIT,
    facetMode: 'disjunctive',
  });
  return {
    count: found.count,
    results: found.results.map(({ value, version }) => ({ value, version })),
    facets: Object.fromEntries(facetFields.map((f) => [f, found.facets[f] ?? []])) as Record<FacetField, FacetValue[]>,
    next: found.next,
    hits: found.hits,
  };
};

/** How many datasets of one organisation the caller may see. */
export const countVisibleDatasets = async (ctx: DomainContext, caller: Caller, organisationId: string): Promise<number> =>
  (
    await searchDatasets(ctx, caller, {
      conditions: [{ field: 'organisation', value: organisationId }],
      sort: { by: 'name', direction: 'asc' },
      limit: 0,
      facets: [],
      facetLimit: 0,
      facetMode: 'conjunctive',
    })
  ).count;
