import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { listDatasets } from '../domain/dataset-listing';
import type { Dataset } from '../domain/datasets';
import type { Tier } from '../domain/policy';
import { indexedResourceNames } from '../search/indexed-resources';

/**
 * The pages' ONE way into the catalogue listing (listDatasets: the search index, with the policy
 * applied before anything is counted). If the listing's query changes, only this file changes.
 */
export const catalogueSorts = ['relevance', 'modified', 'title', 'name'] as const;
export type CatalogueSort = (typeof catalogueSorts)[number];

export interface CatalogueQuery {
  q?: string;
  organisation?: string;
  tier?: Tier;
  theme?: string;
  keyword?: string;
  /** The `next` of the previous page, as the listing handed it out. */
  cursor?: string;
  pageSize: number;
  /** Default: relevance with words, else name. */
  sort?: CatalogueSort;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface CatalogueFacets {
  organisation: FacetCount[];
  tier: FacetCount[];
  theme: FacetCount[];
  keyword: FacetCount[];
}

export interface CatalogueResults {
  count: number;
  results: Dataset[];
  facets: CatalogueFacets;
  next?: string;
  /**
   * Per listed dataset id, its resource names as its search document gives them: only for a
   * document built from the dataset record as read (data-summaries.ts reads those in one batch).
   */
  resourceNames: Map<string, string[]>;
}

export const searchCatalogue = async (ctx: DomainContext, caller: Caller, query: CatalogueQuery): Promise<CatalogueResults> => {
  const listing = await listDatasets(ctx, caller, {
    q: query.q,
    organisation: query.organisation,
    tier: query.tier,
    theme: query.theme ? [query.theme] : undefined,
    keyword: query.keyword ? [query.keyword] : undefined,
    cursor: query.cursor,
    limit: query.pageSize,
    sort: query.sort,
  });
  const { organisation = [], tier = [], theme = [], keyword = [] } = listing.facets;
  const indexed = indexedResourceNames(listing.hits);
  const resourceNames = new Map<string, string[]>();
  for (const { value, version } of listing.results) {
    const entry = indexed.get(value.id);
    if (entry && entry.datasetVersion === version) resourceNames.set(value.id, entry.names);
  }
  return {
    count: listing.count,
    results: listing.results.map((r) => r.value),
    facets: { organisation, tier, theme, keyword },
    next: listing.next,
    resourceNames,
  };
};

export interface CatalogueOverview {
  datasetCount: number;
  openCount: number;
  publisherCount: number;
  themes: FacetCount[];
  publishers: FacetCount[];
  recentlyUpdated: Dataset[];
}

/** Headline figures for the home page, from what this caller may see: one listing gives them all. */
export const catalogueOverview = async (ctx: DomainContext, caller: Caller): Promise<CatalogueOverview> => {
  const recent = await listDatasets(ctx, caller, { sort: 'modified', limit: 6 });
  return {
    datasetCount: recent.count,
    openCount: recent.facets.tier?.find((t) => t.value === 'open')?.count ?? 0,
    publisherCount: recent.facets.organisation?.length ?? 0,
    themes: recent.facets.theme ?? [],
    publishers: (recent.facets.organisation ?? []).slice(0, 8),
    recentlyUpdated: recent.results.map((r) => r.value),
  };
};
