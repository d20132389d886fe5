import type { Caller } from '../../domain/caller';
import type { DomainContext } from '../../domain/context';
import { currentSearchIndex } from '../../search/live-index';
import { runSearch } from '../../search/search-query';

/** How many datasets of each theme the caller may see (CKAN's group package_count), counted after the policy. */
export const visibleThemeCounts = async (ctx: DomainContext, caller: Caller): Promise<Map<string, number>> => {
  const found = runSearch(await currentSearchIndex(ctx), caller, {
    conditions: [],
    sort: { by: 'name', direction: 'asc' },
    limit: 0,
    facets: ['theme'],
    facetLimit: -1,
    facetMode: 'conjunctive',
  });
  return new Map((found.facets.theme ?? []).map((f) => [f.value, f.count]));
};
