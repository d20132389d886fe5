/**
 * What a search asks for (filters, sort, facets, page), apart from the code that answers it:
 * the matching and caching modules read a query but must not import the search that calls them.
 */
import type { FilterField, SearchIndex } from './search-index';
import type { TextMatches } from './text-index';

export const facetFields = ['organisation', 'theme', 'keyword', 'format', 'tier', 'licence'] as const;
export type FacetField = (typeof facetFields)[number];

export const sortFields = ['relevance', 'modified', 'created', 'title', 'name', 'id'] as const;
export type SortField = (typeof sortFields)[number];

/** One filter: the document must (or, negated, must not) have `value` in `field` (case-insensitive). */
export interface Condition {
  field: FilterField;
  value: string;
  negate?: boolean;
}

/**
 * Matches worked out by a query language of its own (CKAN's boolean `q`), used in place of
 * `text`: slots with positive relevance scores. The caller's visibility and every other filter
 * are still applied by the search. `key` stands for them in the match cache.
 */
export interface PrecomputedMatches {
  key: string;
  /** The words wanted, for the exact-title bonus of relevance. */
  phrase: string;
  matches: (index: SearchIndex) => TextMatches;
}

export interface SearchQuery {
  text?: string;
  precomputed?: PrecomputedMatches;
  conditions: Condition[];
  /** ISO dates or date-times; inclusive. */
  modifiedSince?: string;
  modifiedUntil?: string;
  /** Leave private datasets out even where the caller may see them (CKAN's include_private=false). */
  excludePrivate?: boolean;
  sort: { by: SortField; direction: 'asc' | 'desc' };
  limit: number;
  /** Either a cursor from a previous page or an offset (CKAN's start); not both. */
  cursor?: string;
  offset?: number;
  facets: readonly FacetField[];
  /** Most values per facet; -1 for all. */
  facetLimit: number;
  /**
   * disjunctive: each facet counts within the other filters, so choosing a value never hides its
   * siblings (the exchange's own API); conjunctive: facets count the matching set (CKAN/Solr).
   */
  facetMode: 'disjunctive' | 'conjunctive';
}

export interface FacetValue {
  value: string;
  count: number;
}
