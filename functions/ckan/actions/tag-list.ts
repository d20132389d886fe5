import { currentSearchIndex } from '../../search/live-index';
import { runSearch } from '../../search/search-query';
import type { CkanAction } from '../action-types';
import { tagDict } from '../ckan-dicts';
import { booleanParam, textParam } from '../params';

/** tag_list: the keywords of the datasets the caller may see, in alphabetical order; `query` filters by substring. */
export const tagList: CkanAction = async (ctx, params) => {
  if (textParam(params, 'vocabulary_id')) return []; // the exchange has free tags only
  const query = textParam(params, 'query')?.toLowerCase();
  const found = runSearch(await currentSearchIndex(ctx.domain), ctx.caller, {
    conditions: [],
    sort: { by: 'name', direction: 'asc' },
    limit: 0,
    facets: ['keyword'],
    facetLimit: -1,
    facetMode: 'conjunctive',
  });
  const names = (found.facets.keyword ?? [])
    .map((f) => f.value)
    .filter((name) => !query || name.toLowerCase().includes(query))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return booleanParam(params, 'all_fields', false) ? names.map((name) => ({ id: tagDict(name).id, name, vocabulary_id: null })) : names;
};
