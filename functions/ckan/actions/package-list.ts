import { currentSearchIndex } from '../../search/live-index';
import { runSearch } from '../../search/search-query';
import type { CkanAction } from '../action-types';
import { naturalParam } from '../params';

/**
 * package_list: names of the public datasets (CKAN leaves private ones out for everyone), in name
 * order. Names come from the index, which has already caught up with every returned write.
 */
export const packageList: CkanAction = async (ctx, params) => {
  const offset = naturalParam(params, 'offset', 0)!;
  const limit = naturalParam(params, 'limit', undefined);
  const found = runSearch(await currentSearchIndex(ctx.domain), ctx.caller, {
    conditions: [],
    excludePrivate: true,
    sort: { by: 'name', direction: 'asc' },
    offset,
    limit: limit ?? Number.MAX_SAFE_INTEGER,
    facets: [],
    facetLimit: 0,
    facetMode: 'conjunctive',
  });
  return found.hits.map((hit) => hit.doc.name);
};
