import { searchDatasets } from '../../search/search-datasets';
import type { CkanAction } from '../action-types';
import { loadPackages } from '../package-loader';
import { naturalParam } from '../params';
import { MAX_ROWS } from './package-search';

/**
 * current_package_list_with_resources: public datasets with their resources, most recently
 * modified first (CKAN leaves private ones out). `limit` and `offset` page it, or the older
 * `page` (1-based, with `limit`); a page holds at most MAX_ROWS datasets, as package_search's rows.
 */
export const currentPackageListWithResources: CkanAction = async (ctx, params) => {
  const limit = naturalParam(params, 'limit', MAX_ROWS, MAX_ROWS)!;
  const page = naturalParam(params, 'page', undefined);
  const offset = params.offset === undefined && page !== undefined ? Math.max(page - 1, 0) * limit : naturalParam(params, 'offset', 0)!;
  const found = await searchDatasets(ctx.domain, ctx.caller, {
    conditions: [],
    excludePrivate: true,
    sort: { by: 'modified', direction: 'desc' },
    limit,
    offset,
    facets: [],
    facetLimit: 0,
    facetMode: 'conjunctive',
  });
  return loadPackages(ctx, found.results, found.hits);
};
